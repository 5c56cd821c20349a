"""Broadcasts: a draft an admin confirms, then one outbox row per active chat."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database
from storage.states import DeliveryStatus


@dataclass(frozen=True)
class Broadcast:
    id: int
    admin_id: int
    text: str
    status: str  # draft, sending, done, cancelled
    total: int
    progress_chat_id: int | None
    progress_message_id: int | None


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int  # dead or cancelled (blocked chats)

    @property
    def finished(self) -> bool:
        return self.sent + self.failed >= self.total


async def create_draft(db: Database, *, admin_id: int, text: str, now: int) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO broadcasts (admin_id, text, created_at) VALUES (?, ?, ?) RETURNING id",
            (admin_id, text, now),
        )
        row = await cursor.fetchone()
        assert row is not None
        return int(row[0])


async def get(db: Database, broadcast_id: int) -> Broadcast | None:
    row = await db.fetch_one(
        "SELECT id, admin_id, text, status, total, progress_chat_id, progress_message_id "
        "FROM broadcasts WHERE id = ?",
        (broadcast_id,),
    )
    return Broadcast(*row) if row else None


async def active_chat_count(db: Database) -> int:
    # Linked channels get stories, not the newsroom's messages to its readers.
    return int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM chats WHERE active = 1 AND linked_by IS NULL", default=0
        )
    )


async def start(
    db: Database,
    broadcast_id: int,
    *,
    payload: str,
    progress_chat_id: int,
    progress_message_id: int,
    now: int,
) -> int:
    """Queue the message for every active chat, once: a second Send press finds it started."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE broadcasts SET status = 'sending', progress_chat_id = ?, "
            "progress_message_id = ? WHERE id = ? AND status = 'draft'",
            (progress_chat_id, progress_message_id, broadcast_id),
        )
        if cursor.rowcount != 1:
            return 0
        cursor = await conn.execute(
            """
            INSERT INTO deliveries (chat_id, kind, payload, status, created_at, next_attempt_at,
                broadcast_id)
            SELECT id, 'message', ?, 'pending', ?, ?, ? FROM chats
            WHERE active = 1 AND linked_by IS NULL
            """,
            (payload, now, now, broadcast_id),
        )
        total = cursor.rowcount
        await conn.execute("UPDATE broadcasts SET total = ? WHERE id = ?", (total, broadcast_id))
        return total


async def cancel(db: Database, broadcast_id: int) -> bool:
    return (
        await db.execute(
            "UPDATE broadcasts SET status = 'cancelled' WHERE id = ? AND status = 'draft'",
            (broadcast_id,),
        )
        > 0
    )


async def progress(db: Database, broadcast_id: int) -> Progress:
    rows = await db.fetch_all(
        "SELECT status, COUNT(*) FROM deliveries WHERE broadcast_id = ? GROUP BY status",
        (broadcast_id,),
    )
    counts = {row[0]: row[1] for row in rows}
    total = sum(counts.values())
    return Progress(
        total=total,
        sent=counts.get(DeliveryStatus.SENT, 0),
        failed=counts.get(DeliveryStatus.DEAD, 0) + counts.get(DeliveryStatus.CANCELLED, 0),
    )


async def in_progress(db: Database) -> list[Broadcast]:
    rows = await db.fetch_all(
        "SELECT id, admin_id, text, status, total, progress_chat_id, progress_message_id "
        "FROM broadcasts WHERE status = 'sending'"
    )
    return [Broadcast(*row) for row in rows]


async def finish(db: Database, broadcast_id: int) -> None:
    await db.execute("UPDATE broadcasts SET status = 'done' WHERE id = ?", (broadcast_id,))
