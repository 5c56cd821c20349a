"""Articles: storing with dedupe, topic links, listing and full-text search."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import aiosqlite

from news.models import Article
from storage import pg_search
from storage.alerts import tag_alerts
from storage.db import Database, in_chunks
from storage.deliveries import enqueue_new_articles
from storage.records import ArticleRecord
from storage.search import index_articles, matching_expression
from storage.search import search as search  # re-exported: callers know it as articles.search


@dataclass
class StoreResult:
    new_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    duplicates: int = 0
    inserted: dict[int, int] = field(default_factory=dict)  # batch index -> new article id


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


async def store_articles(
    db: Database,
    *,
    feed_id: int | None,
    source: str,
    fetched_at: int,
    articles: Sequence[Article],
    topic_ids: Mapping[str, int],
    line_keys: Sequence[Collection[str]] = (),
    joins_stored: Mapping[int, int] | None = None,
    joins_batch: Mapping[int, int] | None = None,
    alert_ids: Mapping[int, Sequence[int]] | None = None,
) -> StoreResult:
    """Store a batch in one transaction: new articles inserted, tagged and fanned out to their
    subscribers' outbox; the same story (guid, canonical URL or content) stored once; a known
    guid with changed text updated in place. Lookups and inserts go in a few batched
    statements, since every statement is a trip to the database thread.

    `joins_stored` (batch index -> stored article id) and `joins_batch` (batch index ->
    index of an earlier article of the batch) say which new articles report an event
    already told; they join its story, and a chat that got the story is not sent them.
    `alert_ids` (batch index -> readers' alerts it matched) fan out like topics."""
    result = StoreResult()
    if not articles:
        return result
    async with db.transaction() as conn:
        by_guid = await _guid_rows(conn, [a.guid_key for a in articles if a.guid_key])
        taken_urls = await _existing(conn, "url_key", [a.url_key for a in articles])
        taken_content = await _existing(conn, "content_key", [a.content_key for a in articles])
        # Batch index -> the stored (or earlier inserted) article it turned out to be.
        same_as: dict[int, int] = {}
        row = await _one(conn, "SELECT COALESCE(MAX(id), 0) FROM articles", ())
        next_id = int(row[0]) + 1 if row else 1
        inserts: list[tuple[object, ...]] = []
        inserted = result.inserted
        tags: list[tuple[int, int, int]] = []
        lines: list[tuple[int, str]] = []
        seen_guids: dict[str, int] = {}
        for index, article in enumerate(articles):
            if article.guid_key is not None:
                known = by_guid.get(article.guid_key)
                if known is not None:
                    same_as[index] = known["id"]
                    if (known["title"], known["body"]) == (article.title, article.body):
                        await conn.execute(
                            "UPDATE articles SET fingerprint = ? WHERE id = ?",
                            (article.fingerprint, known["id"]),
                        )
                        result.duplicates += 1
                    else:
                        await _update(conn, known["id"], article, fetched_at)
                        await _tag(conn, known["id"], article, topic_ids, replace=True)
                        result.updated_ids.append(known["id"])
                    continue
                if article.guid_key in seen_guids:
                    same_as[index] = seen_guids[article.guid_key]
                    result.duplicates += 1
                    continue
            taken = taken_urls.get(article.url_key) or taken_content.get(article.content_key)
            if taken is not None:
                same_as[index] = taken
                result.duplicates += 1
                continue
            # Ids are ours to give: the write transaction holds the database's write lock.
            article_id, next_id = next_id, next_id + 1
            taken_urls[article.url_key] = article_id
            taken_content[article.content_key] = article_id
            if article.guid_key is not None:
                seen_guids[article.guid_key] = article_id
            inserts.append(
                (
                    article_id,
                    feed_id,
                    source,
                    article.guid,
                    article.guid_key,
                    article.url,
                    article.url_key,
                    article.content_key,
                    article.title,
                    article.author,
                    article.published_at,
                    fetched_at,
                    article.teaser,
                    article.body,
                    article.language,
                    article.fingerprint,
                )
            )
            tags += [
                (topic_ids[name], article_id, article.published_at)
                for name in dict.fromkeys(article.topics)
                if name in topic_ids
            ]
            if feed_id is not None and index < len(line_keys):
                lines += [(feed_id, key) for key in set(line_keys[index])]
            result.new_ids.append(article_id)
            inserted[index] = article_id
        if inserts:
            stories = await _story_ids(
                conn, inserted, same_as, joins_stored or {}, joins_batch or {}
            )
            await conn.executemany(
                """
                INSERT INTO articles (id, feed_id, source, guid, guid_key, url, url_key,
                    content_key, title, author, published_at, fetched_at, teaser, body, language,
                    fingerprint, story_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    (*row, stories.get(article_id))
                    for row, article_id in zip(inserts, result.new_ids, strict=True)
                ],
            )
            await conn.executemany(
                "INSERT OR IGNORE INTO article_topics (topic_id, article_id, published_at) "
                "VALUES (?, ?, ?)",
                tags,
            )
            await conn.executemany(
                "INSERT INTO feed_lines (feed_id, line_key, articles) VALUES (?, ?, 1) "
                "ON CONFLICT(feed_id, line_key) DO UPDATE SET "
                "articles = feed_lines.articles + 1",
                lines,
            )
            if alert_ids:
                await tag_alerts(
                    conn, {inserted[i]: ids for i, ids in alert_ids.items() if i in inserted}
                )
            await index_articles(
                conn,
                [
                    (article_id, article.title, article.body, article.index)
                    for index, article_id in inserted.items()
                    for article in (articles[index],)
                ],
                replace=False,
            )
            # Same transaction: an article is never stored without its deliveries, nor twice.
            await enqueue_new_articles(
                conn, first_id=result.new_ids[0], last_id=result.new_ids[-1], now=fetched_at
            )
    return result


async def _story_ids(
    conn: aiosqlite.Connection,
    inserted: Mapping[int, int],
    same_as: Mapping[int, int],
    joins_stored: Mapping[int, int],
    joins_batch: Mapping[int, int],
) -> dict[int, int]:
    """New article id -> the first article of the story it joins (its story's id). An
    article may join a batch article that was not inserted after all (an edit of a stored
    one, or a duplicate): it then joins that stored article's story."""
    stored_ids = sorted({*joins_stored.values(), *same_as.values()} - set(inserted.values()))
    roots: dict[int, int] = {}
    for chunk, marks in in_chunks(stored_ids):
        async with conn.execute(
            f"SELECT id, COALESCE(story_id, id) FROM articles WHERE id IN ({marks})", chunk
        ) as cursor:
            roots.update({row[0]: row[1] for row in await cursor.fetchall()})
    index_of = {article_id: index for index, article_id in inserted.items()}
    limit = len(inserted) + len(same_as) + 1  # no link chain is longer; guards a cycle

    def joined(index: int, depth: int) -> int | None:
        """The story id that the batch article at `index` joins, None for news."""
        if depth > limit:
            return None
        if index in joins_stored:
            return roots.get(joins_stored[index])
        if index in joins_batch:
            return story_of(joins_batch[index], depth + 1)
        return None

    def story_of(index: int, depth: int) -> int | None:
        """The story id of the batch article at `index`, as stored."""
        if depth > limit:
            return None
        if index in inserted:
            return joined(index, depth + 1) or inserted[index]
        if index in same_as:
            target = same_as[index]
            if target in index_of:
                return story_of(index_of[target], depth + 1)
            return roots.get(target)
        return joined(index, depth + 1)

    found: dict[int, int] = {}
    for index, article_id in inserted.items():
        story = joined(index, 0)
        if story is not None and story != article_id:
            found[article_id] = story
    return found


async def _rows_where_in(
    conn: aiosqlite.Connection, columns: str, column: str, keys: list[str]
) -> list[aiosqlite.Row]:
    """Rows whose `column` is one of `keys`, in chunks under SQLite's variable limit."""
    rows: list[aiosqlite.Row] = []
    for chunk, marks in in_chunks(keys):
        async with conn.execute(
            f"SELECT {columns} FROM articles WHERE {column} IN ({marks})", chunk
        ) as cursor:
            rows.extend(await cursor.fetchall())
    return rows


async def _guid_rows(conn: aiosqlite.Connection, keys: list[str]) -> dict[str, aiosqlite.Row]:
    rows = await _rows_where_in(conn, "id, guid_key, title, body", "guid_key", keys)
    return {row["guid_key"]: row for row in rows}


async def _existing(conn: aiosqlite.Connection, column: str, keys: list[str]) -> dict[str, int]:
    """Which of these keys are stored, each with its article's id."""
    return {row[0]: row[1] for row in await _rows_where_in(conn, f"{column}, id", column, keys)}


async def _one(
    conn: aiosqlite.Connection, sql: str, params: Sequence[object]
) -> aiosqlite.Row | None:
    async with conn.execute(sql, params) as cursor:
        return await cursor.fetchone()


async def _update(conn: aiosqlite.Connection, article_id: int, article: Article, now: int) -> None:
    await conn.execute(
        "UPDATE articles SET title = ?, body = ?, teaser = ?, author = ?, updated_at = ?, "
        "fingerprint = ? WHERE id = ?",
        (
            article.title,
            article.body,
            article.teaser,
            article.author,
            now,
            article.fingerprint,
            article_id,
        ),
    )
    await index_articles(
        conn, [(article_id, article.title, article.body, article.index)], replace=True
    )


async def _tag(
    conn: aiosqlite.Connection,
    article_id: int,
    article: Article,
    topic_ids: Mapping[str, int],
    *,
    replace: bool,
) -> None:
    if replace:
        await conn.execute("DELETE FROM article_topics WHERE article_id = ?", (article_id,))
    rows = [
        (topic_ids[name], article_id, article.published_at)
        for name in article.topics
        if name in topic_ids
    ]
    if rows:
        await conn.executemany(
            "INSERT OR IGNORE INTO article_topics (topic_id, article_id, published_at) "
            "VALUES (?, ?, ?)",
            rows,
        )


async def retag_articles(
    db: Database, tags: Mapping[int, Collection[int]], *, published: Mapping[int, int]
) -> None:
    """Replace the topic links of these articles (after topics changed)."""
    async with db.transaction() as conn:
        for article_id, topic_ids in tags.items():
            await conn.execute("DELETE FROM article_topics WHERE article_id = ?", (article_id,))
            await conn.executemany(
                "INSERT OR IGNORE INTO article_topics (topic_id, article_id, published_at) "
                "VALUES (?, ?, ?)",
                [(topic_id, article_id, published[article_id]) for topic_id in topic_ids],
            )


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
