"""Channels and forum topics an admin linked: a chat row the bot posts to, subscribed to the
admin's topics, so new stories reach it through the same outbox, pacing and story dedupe."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.db import Database
from storage.records import ChatRecord, concat_names


@dataclass(frozen=True)
class LinkedChannel:
    chat: ChatRecord
    topics: tuple[str, ...]
    last_post_at: int | None


async def link_channel(
    db: Database,
    chat_id: int,
    *,
    chat_type: str,
    title: str,
    username: str | None,
    thread_id: int | None,
    language: str,
    silent: bool,
    topic_ids: Sequence[int],
    admin_id: int,
    now: int,
) -> None:
    """Link (or re-link) a channel: its topics replace the ones it had. No backlog: a
    channel gets the stories published from now on."""
    async with db.transaction() as conn:
        await conn.execute(
            """
            INSERT INTO chats (id, type, title, thread_id, language, created_at, updated_at,
                linked_by, username, silent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET type = excluded.type, title = excluded.title,
                thread_id = excluded.thread_id, language = excluded.language,
                linked_by = excluded.linked_by, username = excluded.username,
                silent = excluded.silent, active = 1, inactive_reason = NULL,
                updated_at = excluded.updated_at
            """,
            (
                chat_id,
                chat_type,
                title,
                thread_id,
                language,
                now,
                now,
                admin_id,
                username,
                int(silent),
            ),
        )
        await conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)",
            [(chat_id, topic_id, now) for topic_id in dict.fromkeys(topic_ids)],
        )


async def find_linked(
    db: Database, *, chat_id: int | None, username: str | None
) -> ChatRecord | None:
    if username is not None:
        row = await db.fetch_one(
            "SELECT * FROM chats WHERE linked_by IS NOT NULL AND username = ? COLLATE NOCASE",
            (username,),
        )
    else:
        row = await db.fetch_one(
            "SELECT * FROM chats WHERE linked_by IS NOT NULL AND id = ?", (chat_id,)
        )
    return ChatRecord.from_row(row) if row else None


async def unlink_channel(db: Database, chat: ChatRecord, *, now: int) -> None:
    """Stop posting there: its topics and pending posts go. A channel is forgotten; a
    supergroup that also talks to the bot keeps its own record, unlinked."""
    async with db.transaction() as conn:
        if chat.type == "channel":
            await conn.execute("DELETE FROM chats WHERE id = ?", (chat.id,))
            return
        await conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat.id,))
        await conn.execute(
            "UPDATE deliveries SET status = 'cancelled', last_error = 'unlinked' "
            "WHERE chat_id = ? AND status = 'pending'",
            (chat.id,),
        )
        await conn.execute(
            "UPDATE chats SET linked_by = NULL, username = NULL, silent = 0, thread_id = NULL, "
            "updated_at = ? WHERE id = ?",
            (now, chat.id),
        )


async def linked_channels(db: Database) -> list[LinkedChannel]:
    """Every linked channel with its topics and its last post, active ones first."""
    rows = await db.fetch_all(
        """
        SELECT c.*,
            (SELECT group_concat(t.name, char(31)) FROM subscriptions s
               JOIN topics t ON t.id = s.topic_id WHERE s.chat_id = c.id) AS topic_names,
            (SELECT MAX(d.sent_at) FROM deliveries d INDEXED BY deliveries_chat_status
               WHERE d.chat_id = c.id AND d.status = 'sent') AS last_post_at
        FROM chats c WHERE c.linked_by IS NOT NULL
        ORDER BY c.active DESC, c.title COLLATE NOCASE, c.id
        """
    )
    return [
        LinkedChannel(
            chat=ChatRecord.from_row(row),
            topics=concat_names(row["topic_names"]),
            last_post_at=row["last_post_at"],
        )
        for row in rows
    ]
