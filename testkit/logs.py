"""The product's log lines as `newsbrief run` writes them, captured for a test."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from bot.logs import RedactingFormatter


@contextmanager
def captured_log(*, as_json: bool) -> Iterator[io.StringIO]:
    """Everything logged (INFO and up) inside the block, formatted as text or JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter([], as_json=as_json))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
