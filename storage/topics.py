"""Topics and their keywords; file topics are synced at start, admin topics kept."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from storage.db import Database
from storage.records import TopicRecord


async def sync_file_topics(
    db: Database,
    topics: Iterable[tuple[str, Sequence[str]]],
    *,
    now: int,
    stemmed: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Insert or refresh the topics read from the topics file, keeping their ids;
    `stemmed` gives, by topic name, the keywords that also match their inflected forms."""
    async with db.transaction() as conn:
        for name, keywords in topics:
            await conn.execute(
                """
                INSERT INTO topics (name, keywords, stemmed, origin, created_at)
                VALUES (?, ?, ?, 'file', ?)
                ON CONFLICT(name) DO UPDATE SET keywords = excluded.keywords,
                    stemmed = excluded.stemmed
                """,
                (
                    name,
                    json.dumps(list(keywords), ensure_ascii=False),
                    json.dumps(list((stemmed or {}).get(name, ())), ensure_ascii=False),
                    now,
                ),
            )


async def add_topic(db: Database, name: str, keywords: Sequence[str], *, now: int) -> TopicRecord:
    async with db.transaction() as conn:
        await conn.execute(
            """
            INSERT INTO topics (name, keywords, origin, created_at) VALUES (?, ?, 'admin', ?)
            ON CONFLICT(name) DO UPDATE SET keywords = excluded.keywords, stemmed = '[]'
            """,
            (name, json.dumps(list(keywords), ensure_ascii=False), now),
        )
    topic = await get_topic(db, name)
    assert topic is not None
    return topic


async def remove_topic(db: Database, name: str) -> bool:
    return await db.execute("DELETE FROM topics WHERE name = ?", (name,)) > 0


async def list_topics(db: Database) -> list[TopicRecord]:
    rows = await db.fetch_all("SELECT * FROM topics ORDER BY name COLLATE NOCASE")
    return [TopicRecord.from_row(row) for row in rows]


async def get_topic(db: Database, name: str) -> TopicRecord | None:
    row = await db.fetch_one("SELECT * FROM topics WHERE name = ?", (name,))
    return TopicRecord.from_row(row) if row else None
