"""The admin audit trail: who did what, with which arguments, when, and how it ended.
A security log, kept for a limited time (see `prune`)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database


@dataclass(frozen=True)
class AuditEntry:
    at: int
    user_id: int
    command: str
    arguments: str
    result: str


async def record(
    db: Database, *, user_id: int, command: str, arguments: str, result: str, now: int
) -> None:
    await db.execute(
        "INSERT INTO admin_audit (at, user_id, command, arguments, result) VALUES (?, ?, ?, ?, ?)",
        (now, user_id, command[:64], arguments[:500], result[:500]),
    )


async def recent(db: Database, *, limit: int, offset: int = 0) -> list[AuditEntry]:
    rows = await db.fetch_all(
        "SELECT at, user_id, command, arguments, result FROM admin_audit "
        "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [AuditEntry(*row) for row in rows]


async def count(db: Database) -> int:
    return int(await db.fetch_value("SELECT COUNT(*) FROM admin_audit", default=0))


async def prune(db: Database, *, before: int) -> int:
    """Delete entries older than `before`; returns how many went."""
    return await db.execute("DELETE FROM admin_audit WHERE at < ?", (before,))
