"""Readers' own alerts: literal phrases a chat follows, and which articles matched them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storage.connection import Connection
from storage.db import Database


@dataclass(frozen=True)
class AlertRecord:
    id: int
    chat_id: int
    phrase: str
    phrase_key: str


async def add_alert(
    db: Database, chat_id: int, phrase: str, phrase_key: str, *, limit: int, now: int
) -> str:
    """'added', 'exists' or 'full' (the chat already has `limit` alerts); checked and
    inserted in one transaction so two quick /alert commands cannot pass the limit."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT phrase_key FROM alerts WHERE chat_id = ?", (chat_id,)
        ) as cursor:
            keys = {row[0] for row in await cursor.fetchall()}
        if phrase_key in keys:
            return "exists"
        if len(keys) >= limit:
            return "full"
        await conn.execute(
            "INSERT INTO alerts (chat_id, phrase, phrase_key, created_at) VALUES (?, ?, ?, ?)",
            (chat_id, phrase, phrase_key, now),
        )
    return "added"


async def remove_alert(
    db: Database, chat_id: int, *, phrase_key: str | None = None, alert_id: int | None = None
) -> str | None:
    """Remove one alert of this chat (by its key or id); returns its phrase, None if absent."""
    column, value = ("phrase_key", phrase_key) if phrase_key is not None else ("id", alert_id)
    async with db.transaction() as conn:
        async with conn.execute(
            f"SELECT id, phrase FROM alerts WHERE chat_id = ? AND {column} = ?", (chat_id, value)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        await conn.execute("DELETE FROM alerts WHERE id = ?", (row[0],))
    return str(row[1])


async def chat_alerts(db: Database, chat_id: int) -> list[AlertRecord]:
    rows = await db.fetch_all(
        "SELECT id, chat_id, phrase, phrase_key FROM alerts WHERE chat_id = ? ORDER BY id",
        (chat_id,),
    )
    return [AlertRecord(row[0], row[1], row[2], row[3]) for row in rows]


async def active_alerts(db: Database) -> list[AlertRecord]:
    """Every alert of an active chat: what ingest matches new articles against."""
    rows = await db.fetch_all(
        "SELECT a.id, a.chat_id, a.phrase, a.phrase_key FROM alerts a "
        "JOIN chats c ON c.id = a.chat_id WHERE c.active = 1"
    )
    return [AlertRecord(row[0], row[1], row[2], row[3]) for row in rows]


async def tag_alerts(conn: Connection, matches: Mapping[int, Sequence[int]]) -> None:
    """Inside the storing transaction: article id -> the alerts it matched."""
    await conn.executemany(
        "INSERT OR IGNORE INTO article_alerts (article_id, alert_id) "
        "SELECT ?, id FROM alerts WHERE id = ?",
        [(article_id, alert_id) for article_id, ids in matches.items() for alert_id in ids],
    )
