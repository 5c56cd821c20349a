"""Storing a batch of articles in one transaction: the duplicate plan (storage/batch_plan.py)
applied, new articles inserted with their story, topic links, feed line counts, alerts,
search index rows and deliveries."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from news.models import Article
from storage.alerts import tag_alerts
from storage.batch_plan import (
    Action,
    Step,
    Stored,
    StoredGuid,
    inserted_ids,
    plan_batch,
    same_as_ids,
    stories_to_look_up,
    story_links,
)
from storage.connection import Connection
from storage.db import Database, in_chunks
from storage.deliveries import enqueue_new_articles
from storage.search import index_articles


@dataclass
class StoreResult:
    new_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    duplicates: int = 0
    inserted: dict[int, int] = field(default_factory=dict)  # batch index -> new article id


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
    guid with changed text updated in place (what happens to each article is decided in
    `storage.batch_plan`). Lookups and inserts go in a few batched statements, since every
    statement is a trip to the database thread.

    `joins_stored` (batch index -> stored article id) and `joins_batch` (batch index ->
    index of an earlier article of the batch) say which new articles report an event
    already told; they join its story, and a chat that got the story is not sent them.
    `alert_ids` (batch index -> readers' alerts it matched) fan out like topics."""
    result = StoreResult()
    if not articles:
        return result
    batch = _Batch(feed_id, source, fetched_at, articles, topic_ids, line_keys)
    async with db.transaction() as conn:
        stored = await _stored_under_keys(conn, articles)
        row = await _one(conn, "SELECT COALESCE(MAX(id), 0) FROM articles", ())
        # Ids are ours to give: the write transaction holds the database's write lock.
        steps = plan_batch(articles, stored, first_id=int(row[0]) + 1 if row else 1)
        await _apply_known(conn, batch, steps, result)
        inserted = result.inserted = inserted_ids(steps)
        result.new_ids = list(inserted.values())
        if not inserted:
            return result
        same_as = same_as_ids(steps)
        roots = await _story_roots(conn, stories_to_look_up(inserted, same_as, joins_stored or {}))
        stories = story_links(inserted, same_as, joins_stored or {}, joins_batch or {}, roots)
        await _insert_new(conn, batch, inserted, stories)
        if alert_ids:
            await tag_alerts(
                conn, {inserted[i]: ids for i, ids in alert_ids.items() if i in inserted}
            )
        await index_articles(
            conn,
            [
                (inserted[i], articles[i].title, articles[i].body, articles[i].index)
                for i in inserted
            ],
            replace=False,
        )
        # Same transaction: an article is never stored without its deliveries, nor twice.
        await enqueue_new_articles(
            conn, first_id=result.new_ids[0], last_id=result.new_ids[-1], now=fetched_at
        )
    return result


@dataclass(frozen=True)
class _Batch:
    """What `store_articles` was given to store."""

    feed_id: int | None
    source: str
    fetched_at: int
    articles: Sequence[Article]
    topic_ids: Mapping[str, int]
    line_keys: Sequence[Collection[str]]


async def _apply_known(
    conn: Connection, batch: _Batch, steps: Sequence[Step], result: StoreResult
) -> None:
    """The steps for articles stored already, in batch order: an edit updated and retagged
    in place, an unchanged one only its fingerprint (a run of those in one statement);
    duplicates counted."""
    fingerprints: list[tuple[str | None, int]] = []
    for article, step in zip(batch.articles, steps, strict=True):
        if step.action is Action.EDITED:
            await _set_fingerprints(conn, fingerprints)  # the batch's order kept
            fingerprints = []
            await _update(conn, step.article_id, article, batch.fetched_at)
            await replace_topic_links(
                conn, [step.article_id], topic_rows(step.article_id, article, batch.topic_ids)
            )
            result.updated_ids.append(step.article_id)
        elif step.action is Action.UNCHANGED:
            fingerprints.append((article.fingerprint, step.article_id))
            result.duplicates += 1
        elif step.action is Action.DUPLICATE:
            result.duplicates += 1
    await _set_fingerprints(conn, fingerprints)


async def _set_fingerprints(conn: Connection, rows: Sequence[tuple[str | None, int]]) -> None:
    if rows:
        await conn.executemany("UPDATE articles SET fingerprint = ? WHERE id = ?", rows)


async def _insert_new(
    conn: Connection,
    batch: _Batch,
    inserted: Mapping[int, int],
    stories: Mapping[int, int],
) -> None:
    """Insert the new articles (batch index -> id) with their story, topic links and feed
    line counts."""
    rows: list[tuple[object, ...]] = []
    tags: list[tuple[int, int, int]] = []
    lines: list[tuple[int, str]] = []
    for index, article_id in inserted.items():
        article = batch.articles[index]
        rows.append(_article_row(article_id, article, batch, stories.get(article_id)))
        tags += topic_rows(article_id, article, batch.topic_ids)
        if batch.feed_id is not None and index < len(batch.line_keys):
            lines += [(batch.feed_id, key) for key in set(batch.line_keys[index])]
    await conn.executemany(
        """
        INSERT INTO articles (id, feed_id, source, guid, guid_key, url, url_key,
            content_key, title, author, published_at, fetched_at, teaser, body, language,
            fingerprint, story_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows,
    )
    await link_topics(conn, tags)
    await conn.executemany(
        "INSERT INTO feed_lines (feed_id, line_key, articles) VALUES (?, ?, 1) "
        "ON CONFLICT(feed_id, line_key) DO UPDATE SET "
        "articles = feed_lines.articles + 1",
        lines,
    )


def _article_row(
    article_id: int, article: Article, batch: _Batch, story_id: int | None
) -> tuple[object, ...]:
    return (
        article_id,
        batch.feed_id,
        batch.source,
        article.guid,
        article.guid_key,
        article.url,
        article.url_key,
        article.content_key,
        article.title,
        article.author,
        article.published_at,
        batch.fetched_at,
        article.teaser,
        article.body,
        article.language,
        article.fingerprint,
        story_id,
    )


async def _story_roots(conn: Connection, stored_ids: list[int]) -> dict[int, int]:
    """Stored article id -> its story's id (the first article of its story)."""
    roots: dict[int, int] = {}
    for chunk, marks in in_chunks(stored_ids):
        async with conn.execute(
            f"SELECT id, COALESCE(story_id, id) FROM articles WHERE id IN ({marks})", chunk
        ) as cursor:
            roots.update({row[0]: row[1] for row in await cursor.fetchall()})
    return roots


async def _stored_under_keys(conn: Connection, articles: Sequence[Article]) -> Stored:
    guid_rows = await _rows_where_in(
        conn, "id, guid_key, title, body", "guid_key", [a.guid_key for a in articles if a.guid_key]
    )
    return Stored(
        by_guid={
            row["guid_key"]: StoredGuid(row["id"], row["title"], row["body"]) for row in guid_rows
        },
        by_url=await _existing(conn, "url_key", [a.url_key for a in articles]),
        by_content=await _existing(conn, "content_key", [a.content_key for a in articles]),
    )


async def _rows_where_in(
    conn: Connection, columns: str, column: str, keys: list[str]
) -> list[Any]:
    """Rows whose `column` is one of `keys`, in chunks under SQLite's variable limit."""
    rows: list[Any] = []
    for chunk, marks in in_chunks(keys):
        async with conn.execute(
            f"SELECT {columns} FROM articles WHERE {column} IN ({marks})", chunk
        ) as cursor:
            rows.extend(await cursor.fetchall())
    return rows


async def _existing(conn: Connection, column: str, keys: list[str]) -> dict[str, int]:
    """Which of these keys are stored, each with its article's id."""
    return {row[0]: row[1] for row in await _rows_where_in(conn, f"{column}, id", column, keys)}


async def _one(
    conn: Connection, sql: str, params: Sequence[object]
) -> Any | None:
    async with conn.execute(sql, params) as cursor:
        return await cursor.fetchone()


async def _update(conn: Connection, article_id: int, article: Article, now: int) -> None:
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


def topic_rows(
    article_id: int, article: Article, topic_ids: Mapping[str, int]
) -> list[tuple[int, int, int]]:
    """The article's `article_topics` rows, for the topics that exist."""
    return [
        (topic_ids[name], article_id, article.published_at)
        for name in dict.fromkeys(article.topics)
        if name in topic_ids
    ]


async def link_topics(conn: Connection, rows: Sequence[tuple[int, int, int]]) -> None:
    """Insert (topic_id, article_id, published_at) links; one already there is kept."""
    if rows:
        await conn.executemany(
            "INSERT OR IGNORE INTO article_topics (topic_id, article_id, published_at) "
            "VALUES (?, ?, ?)",
            rows,
        )


async def replace_topic_links(
    conn: Connection, article_ids: Sequence[int], rows: Sequence[tuple[int, int, int]]
) -> None:
    """The topic links of these articles become (topic_id, article_id, published_at) `rows`:
    their old links deleted and the rows inserted, in two statements however many."""
    await conn.executemany(
        "DELETE FROM article_topics WHERE article_id = ?", [(i,) for i in article_ids]
    )
    await link_topics(conn, rows)
