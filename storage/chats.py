"""Chats, their settings and subscriptions."""

from __future__ import annotations

from typing import Any

from storage.db import Database, in_chunks
from storage.records import ChatRecord, TopicRecord

# The only columns a caller may change through update_chat; names never come from users.
SETTING_COLUMNS = frozenset(
    {
        "language",
        "timezone",
        "delivery_mode",
        "digest_time",
        "quiet_start",
        "quiet_end",
        "article_languages",
    }
)


async def register_chat(
    db: Database,
    chat_id: int,
    *,
    chat_type: str,
    title: str,
    thread_id: int | None,
    language: str | None,
    now: int,
) -> tuple[ChatRecord, bool]:
    """Create the chat or refresh its title and thread; returns it and whether it is new.
    A chat that was inactive (blocked us, then came back) is active again."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """
            INSERT INTO chats (id, type, title, thread_id, language, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO NOTHING
            """,
            (chat_id, chat_type, title, thread_id, language, now, now),
        )
        created = cursor.rowcount == 1
        if not created:
            await conn.execute(
                """
                UPDATE chats SET type = ?, title = ?,
                    thread_id = CASE WHEN linked_by IS NULL THEN COALESCE(?, thread_id)
                        ELSE thread_id END,
                    active = 1, inactive_reason = NULL, updated_at = ?
                WHERE id = ?
                """,
                (chat_type, title, thread_id, now, chat_id),
            )
    chat = await get_chat(db, chat_id)
    assert chat is not None
    return chat, created


async def get_chat(db: Database, chat_id: int) -> ChatRecord | None:
    row = await db.fetch_one("SELECT * FROM chats WHERE id = ?", (chat_id,))
    return ChatRecord.from_row(row) if row else None


async def update_chat(db: Database, chat_id: int, *, now: int, **values: Any) -> None:
    unknown = set(values) - SETTING_COLUMNS
    if unknown:
        raise ValueError(f"not a chat setting: {sorted(unknown)}")
    if not values:
        return
    assignments = ", ".join(f"{column} = ?" for column in values)
    await db.execute(
        f"UPDATE chats SET {assignments}, updated_at = ? WHERE id = ?",
        (*values.values(), now, chat_id),
    )


async def delete_chat(db: Database, chat_id: int) -> bool:
    """Forget the chat: settings, subscriptions and pending deliveries go with it."""
    return await db.execute("DELETE FROM chats WHERE id = ?", (chat_id,)) > 0


async def subscribe(db: Database, chat_id: int, topic_id: int, *, now: int) -> bool:
    changed = await db.execute(
        "INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (chat_id, topic_id, now),
    )
    return changed > 0


async def unsubscribe(db: Database, chat_id: int, topic_id: int) -> bool:
    return (
        await db.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND topic_id = ?", (chat_id, topic_id)
        )
        > 0
    )


async def subscribed_topics(db: Database, chat_id: int) -> list[TopicRecord]:
    rows = await db.fetch_all(
        """
        SELECT t.* FROM subscriptions s JOIN topics t ON t.id = s.topic_id
        WHERE s.chat_id = ? ORDER BY t.name COLLATE NOCASE
        """,
        (chat_id,),
    )
    return [TopicRecord.from_row(row) for row in rows]


async def digest_chats(db: Database) -> list[ChatRecord]:
    rows = await db.fetch_all(
        "SELECT * FROM chats WHERE active = 1 AND delivery_mode = 'digest' "
        "AND digest_time IS NOT NULL"
    )
    return [ChatRecord.from_row(row) for row in rows]


async def get_chats(db: Database, chat_ids: list[int]) -> dict[int, ChatRecord]:
    found: dict[int, ChatRecord] = {}
    for chunk, marks in in_chunks(chat_ids):
        rows = await db.fetch_all(f"SELECT * FROM chats WHERE id IN ({marks})", chunk)
        found.update({row["id"]: ChatRecord.from_row(row) for row in rows})
    return found


async def mark_digest_sent(db: Database, chat_id: int, *, at: int) -> None:
    await db.execute("UPDATE chats SET last_digest_at = ? WHERE id = ?", (at, chat_id))
