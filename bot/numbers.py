"""Whole numbers from text people type and from callback data, strictly.

`str.isdigit()` is true for "²" and other digits `int()` refuses, and `int()` itself
accepts signs, spaces, underscores and every script's digits. Text from outside is turned
into a number here only: ASCII digits, a bounded length, nothing else.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
# Nine digits fit every id and count we keep and keep int() cheap.
MAX_DIGITS = 9


def parse_natural(text: str, *, max_digits: int = MAX_DIGITS) -> int | None:
    """The number written in `text` with ASCII digits only (no sign, space or separator);
    None for anything else, or for more than `max_digits` digits."""
    if len(text) > max_digits or _DIGITS.fullmatch(text) is None:
        return None
    return int(text)
