"""Articles: known keys, topic links, listing and full-text search. Storing a batch lives in
storage/article_batches.py (re-exported here, as `search` is from storage/search.py)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from storage import pg_search
from storage.article_batches import StoreResult as StoreResult  # re-exported, as store_articles
from storage.article_batches import replace_topic_links
from storage.article_batches import (
    store_articles as store_articles,  # callers: articles.store_articles
)
from storage.db import Database, in_chunks
from storage.records import ArticleRecord
from storage.search import matching_expression
from storage.search import search as search  # re-exported: callers know it as articles.search


async def known_keys(
    db: Database, *, guid_keys: Collection[str], url_keys: Collection[str]
) -> dict[str, str | None]:
    """Which of these keys are stored already, each with its entry fingerprint (so unchanged
    entries are skipped and pages are not fetched again)."""
    found: dict[str, str | None] = {}
    for column, keys in (("guid_key", list(guid_keys)), ("url_key", list(url_keys))):
        for chunk, marks in in_chunks(keys):
            rows = await db.fetch_all(
                f"SELECT {column}, fingerprint FROM articles WHERE {column} IN ({marks})", chunk
            )
            found.update({row[0]: row[1] for row in rows})
    return found


async def retag_articles(
    db: Database, tags: Mapping[int, Collection[int]], *, published: Mapping[int, int]
) -> None:
    """Replace the topic links of these articles (after topics changed)."""
    rows = [
        (topic_id, article_id, published[article_id])
        for article_id, topic_ids in tags.items()
        for topic_id in topic_ids
    ]
    async with db.transaction() as conn:
        await replace_topic_links(conn, list(tags), rows)


async def newest_id(db: Database) -> int:
    return int(await db.fetch_value("SELECT COALESCE(MAX(id), 0) FROM articles", default=0))


async def recent_heads(
    db: Database, *, since: int, after_id: int, limit: int, head_chars: int
) -> list[ArticleRecord]:
    """The newest articles stored after `after_id` and published since a time, each body
    cut to its first `head_chars` characters (enough to tell what event it
    reports)."""
    rows = await db.fetch_all(
        """
        SELECT id, feed_id, source, url, title, author, published_at, teaser,
            substr(body, 1, ?) AS body, language, story_id
        FROM articles a
        WHERE id > ? AND published_at >= ?
        ORDER BY id DESC LIMIT ?
        """,
        (head_chars, after_id, since, limit),
    )
    return [ArticleRecord.from_row(row) for row in rows]


async def topic_window(
    db: Database, topic_id: int, *, since: int, limit: int
) -> list[ArticleRecord]:
    """A topic's newest articles published since a time (at most `limit`)."""
    rows = await db.fetch_all(
        """
        SELECT a.* FROM article_topics t JOIN articles a ON a.id = t.article_id
        WHERE t.topic_id = ? AND t.published_at >= ?
        ORDER BY t.published_at DESC, t.article_id DESC LIMIT ?
        """,
        (topic_id, since, limit),
    )
    return [ArticleRecord.from_row(row) for row in rows]


async def topic_window_version(db: Database, topic_id: int, *, since: int) -> tuple[int, ...]:
    """Changes whenever an article of the topic in the window is added, edited or leaves it:
    what a cached brief of that window is valid for."""
    row = await db.fetch_one(
        """
        SELECT COUNT(*), COALESCE(MAX(t.article_id), 0), COALESCE(MAX(a.updated_at), 0)
        FROM article_topics t JOIN articles a ON a.id = t.article_id
        WHERE t.topic_id = ? AND t.published_at >= ?
        """,
        (topic_id, since),
    )
    return tuple(row) if row else ()


async def matching_window(
    db: Database, text: str, *, since: int, limit: int
) -> list[ArticleRecord]:
    """The newest articles published since a time that contain all the words of `text`, in
    any of their inflected forms (by stem) or, for a name, in any script (by name key:
    Mirzoyan finds Мирзояна and Միրզոյանը).
    Full-text matches are read newest id first from the first id of the window on, so a
    word in half the archive costs the window, not the archive."""
    query = matching_expression(text)
    if query is None:
        return []
    if db.is_postgres:
        return await pg_search.matching(db, query, since=since, limit=limit)
    first_id = await db.fetch_value(
        "SELECT MIN(id) FROM articles INDEXED BY articles_published WHERE published_at >= ?",
        (since,),
    )
    if first_id is None:
        return []
    rows = await db.fetch_all(
        """
        SELECT a.* FROM article_stems JOIN articles a ON a.id = article_stems.rowid
        WHERE article_stems MATCH ? AND article_stems.rowid >= ? AND a.published_at >= ?
        ORDER BY article_stems.rowid DESC LIMIT ?
        """,
        (query, first_id, since, limit),
    )
    return [ArticleRecord.from_row(row) for row in rows]


async def headlines(
    db: Database, *, since: int, until: int, limit: int, head_chars: int
) -> list[tuple[str, str, str]]:
    """(title, first `head_chars` characters of the body, source) of the newest articles
    published in [since, until)."""
    rows = await db.fetch_all(
        """
        SELECT title, substr(COALESCE(NULLIF(body, ''), teaser), 1, ?), source FROM articles
        WHERE published_at >= ? AND published_at < ?
        ORDER BY published_at DESC, id DESC LIMIT ?
        """,
        (head_chars, since, until, limit),
    )
    return [(row[0], row[1], row[2]) for row in rows]


async def articles_since(db: Database, *, since: int) -> list[ArticleRecord]:
    rows = await db.fetch_all(
        "SELECT * FROM articles WHERE published_at >= ? ORDER BY published_at DESC", (since,)
    )
    return [ArticleRecord.from_row(row) for row in rows]


async def latest(
    db: Database, *, limit: int, offset: int = 0, topic_id: int | None = None
) -> list[ArticleRecord]:
    if topic_id is None:
        rows = await db.fetch_all(
            "SELECT * FROM articles ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
    else:
        rows = await db.fetch_all(
            """
            SELECT a.* FROM article_topics t JOIN articles a ON a.id = t.article_id
            WHERE t.topic_id = ? ORDER BY t.published_at DESC, t.article_id DESC
            LIMIT ? OFFSET ?
            """,
            (topic_id, limit, offset),
        )
    return [ArticleRecord.from_row(row) for row in rows]


async def count_articles(db: Database, *, topic_id: int | None = None) -> int:
    if topic_id is None:
        return int(await db.fetch_value("SELECT COUNT(*) FROM articles", default=0))
    return int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM article_topics WHERE topic_id = ?", (topic_id,), default=0
        )
    )


async def topic_counts(db: Database, *, since: int) -> dict[int, int]:
    """Stories per topic since a time; one index range per topic, not a scan of all links."""
    rows = await db.fetch_all(
        """
        SELECT t.id, (SELECT COUNT(*) FROM article_topics x
                      WHERE x.topic_id = t.id AND x.published_at >= ?)
        FROM topics t
        """,
        (since,),
    )
    return {row[0]: row[1] for row in rows if row[1]}
