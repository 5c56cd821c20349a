"""Status and kind literals written inside storage/'s SQL come from storage/states.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.states import BroadcastStatus, DeliveryKind, DeliveryMode, DeliveryStatus

STORAGE = Path(__file__).resolve().parents[1] / "storage"
# Column -> the values it may hold (deliveries and broadcasts both have a `status`).
ALLOWED = {
    "status": {*DeliveryStatus, *BroadcastStatus},
    "kind": set(DeliveryKind),
    "delivery_mode": set(DeliveryMode),
}
# `status = 'sent'`, `d.status IN ('pending', 'sent')`, `kind TEXT NOT NULL DEFAULT 'article'`.
_LITERALS = r"'[a-z_]*'(?:\s*,\s*'[a-z_]*')*"
_USE = re.compile(
    rf"\b(status|kind|delivery_mode)\s*(?:!=|=|IN\s*\(|TEXT NOT NULL DEFAULT)\s*({_LITERALS})"
)


def sql_literals() -> list[tuple[str, str, str]]:
    """(file, column, value) of every literal compared with or defaulted for a column."""
    found = []
    for path in sorted(STORAGE.glob("*.py")):
        for match in _USE.finditer(path.read_text()):
            for value in re.findall(r"'([a-z_]*)'", match.group(2)):
                found.append((path.name, match.group(1), value))
    return found


def test_the_scan_sees_the_outbox_queries() -> None:
    assert ("deliveries.py", "status", "pending") in sql_literals()
    assert ("chats.py", "delivery_mode", "digest") in sql_literals()


@pytest.mark.parametrize(("module", "column", "value"), sql_literals())
def test_sql_literal_is_a_known_state(module: str, column: str, value: str) -> None:
    assert value in ALLOWED[column], f"{module}: {column} = {value!r} is not in storage/states.py"
