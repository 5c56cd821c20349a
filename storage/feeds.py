"""Feeds and their fetch state."""

from __future__ import annotations

from storage.db import Database
from storage.records import FeedRecord


async def add_feed(db: Database, url: str, *, now: int, title: str = "") -> tuple[FeedRecord, bool]:
    """Add a feed unless its URL is known; returns the feed and whether it was created."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?) ON CONFLICT(url) DO NOTHING",
            (url, title, now),
        )
        created = cursor.rowcount == 1
    feed = await get_feed_by_url(db, url)
    assert feed is not None
    return feed, created


async def get_feed(db: Database, feed_id: int) -> FeedRecord | None:
    row = await db.fetch_one("SELECT * FROM feeds WHERE id = ?", (feed_id,))
    return FeedRecord.from_row(row) if row else None


async def get_feed_by_url(db: Database, url: str) -> FeedRecord | None:
    row = await db.fetch_one("SELECT * FROM feeds WHERE url = ?", (url,))
    return FeedRecord.from_row(row) if row else None


async def list_feeds(db: Database) -> list[FeedRecord]:
    rows = await db.fetch_all("SELECT * FROM feeds ORDER BY id")
    return [FeedRecord.from_row(row) for row in rows]


async def due_feeds(db: Database, *, now: int) -> list[FeedRecord]:
    rows = await db.fetch_all(
        "SELECT * FROM feeds WHERE paused = 0 AND next_fetch_at <= ? ORDER BY next_fetch_at, id",
        (now,),
    )
    return [FeedRecord.from_row(row) for row in rows]


async def set_paused(db: Database, feed_id: int, paused: bool) -> bool:
    changed = await db.execute(
        "UPDATE feeds SET paused = ? WHERE id = ?", (1 if paused else 0, feed_id)
    )
    return changed > 0


async def remove_feed(db: Database, feed_id: int) -> bool:
    return await db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)) > 0


async def record_success(
    db: Database,
    feed_id: int,
    *,
    now: int,
    status: str,
    next_fetch_at: int,
    etag: str | None = None,
    last_modified: str | None = None,
    title: str | None = None,
    site_url: str | None = None,
    error: str | None = None,
) -> None:
    """A fetch that reached the feed: 200 or 304. `error` keeps a parse problem visible."""
    await db.execute(
        """
        UPDATE feeds SET
            last_fetch_at = ?, last_success_at = ?, last_status = ?, last_error = ?,
            consecutive_errors = 0, next_fetch_at = ?,
            etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
            title = CASE WHEN ? IS NOT NULL AND ? != '' THEN ? ELSE title END,
            site_url = COALESCE(?, site_url)
        WHERE id = ?
        """,
        (
            now,
            now,
            status,
            error,
            next_fetch_at,
            etag,
            last_modified,
            title,
            title,
            title,
            site_url,
            feed_id,
        ),
    )


async def record_failure(
    db: Database, feed_id: int, *, now: int, error: str, next_fetch_at: int
) -> None:
    await db.execute(
        """
        UPDATE feeds SET last_fetch_at = ?, last_status = 'error', last_error = ?,
            consecutive_errors = consecutive_errors + 1, next_fetch_at = ?
        WHERE id = ?
        """,
        (now, error, next_fetch_at, feed_id),
    )


async def learned_boilerplate(db: Database, feed_id: int, *, min_articles: int) -> set[str]:
    """Line keys seen in at least `min_articles` different articles of one feed."""
    rows = await db.fetch_all(
        "SELECT line_key FROM feed_lines WHERE feed_id = ? AND articles >= ?",
        (feed_id, min_articles),
    )
    return {row[0] for row in rows}
