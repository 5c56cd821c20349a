"""The SQLite layer on real database files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from news.models import Article
from storage import articles as article_store
from storage import chats as chat_store
from storage import feeds as feed_store
from storage import search as search_store
from storage import topics as topic_store
from storage.db import Database
from storage.migrations import MIGRATIONS, SchemaTooNewError
from testkit.articles import NOW, make_article, store

HOSTILE_QUERIES = [
    '"unbalanced',
    "CSTO NEAR summit",
    "NEAR(",
    "summit*",
    "-summit",
    "CSTO AND OR NOT",
    "((((",
    ")",
    "x" * 10_000,
    "🇦🇲 🕊️ news",
    "ՀԱՊԿ գագաթնաժողով",
    "חדשות ארמניה",
    "أرمينيا",
    "'; DROP TABLE articles; --",
    "title:summit",
    "^summit",
    "{title body}: CSTO",
    "\x00\x01",
]


@pytest.fixture
async def db(database_target: str) -> Database:
    database = await Database(database_target).open()
    yield database  # type: ignore[misc]
    await database.close()


async def test_schema_is_created_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    async with Database(path):
        pass
    with sqlite3.connect(path) as conn:
        version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert version == len(MIGRATIONS)
    assert {
        "feeds",
        "articles",
        "articles_fts",
        "topics",
        "chats",
        "subscriptions",
        "deliveries",
        "admin_audit",
        "article_topics",
    } <= tables
    assert mode == "wal"


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    for _ in range(2):
        async with Database(path):
            pass
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
    assert rows == len(MIGRATIONS)


async def test_newer_schema_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    async with Database(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, 'from the future', 0)")
    with pytest.raises(SchemaTooNewError, match="newer"):
        await Database(path).open()


async def test_same_story_is_stored_once_across_feeds(db: Database) -> None:
    first, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    second, _ = await feed_store.add_feed(db, "https://b.example/rss", now=NOW)
    story = make_article("Summit ends", url="https://a.example/1", guid="a-1", body="Text.")
    same_url = make_article("Summit ends!", url="https://a.example/1", guid="b-9", body="Other")
    same_text = make_article("Summit ends", url="https://b.example/x", guid="b-2", body="Text.")
    one = await store(db, story, feed_id=first.id)
    two = await article_store.store_articles(
        db,
        feed_id=second.id,
        source="B",
        fetched_at=NOW,
        articles=[same_url, same_text],
        topic_ids={},
    )
    assert len(one.new_ids) == 1
    assert two.new_ids == [] and two.duplicates == 2
    assert await article_store.count_articles(db) == 1


async def test_known_guid_with_new_text_updates_in_place(db: Database) -> None:
    feed, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    original = make_article("Talks begin", url="https://a.example/t", guid="t", body="Day one.")
    revised = make_article(
        "Talks begin in Geneva", url="https://a.example/t", guid="t", body="Day one, revised."
    )
    await store(db, original, feed_id=feed.id)
    result = await store(db, revised, feed_id=feed.id, fetched_at=NOW + 60)
    assert result.new_ids == [] and len(result.updated_ids) == 1
    hits = await article_store.search(db, "Geneva")
    assert [h.article.title for h in hits] == ["Talks begin in Geneva"]
    assert await article_store.search(db, "revised")


async def test_unchanged_guids_take_their_new_fingerprints_in_batch_order(db: Database) -> None:
    feed, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    talks = make_article("Talks begin", url="https://a.example/t", guid="t", body="Day one.")
    vote = make_article("Vote held", url="https://a.example/v", guid="v", body="Counted.")
    await store(db, talks, vote, feed_id=feed.id)

    def again(article: Article, fingerprint: str, **changes: str) -> Article:
        return replace(article, fingerprint=fingerprint, **changes)

    # The same guid unchanged, then edited, then as stored again (so unchanged): each step
    # applies in turn, the last one's fingerprint stays.
    result = await store(
        db,
        again(vote, "v1"),
        again(talks, "t1"),
        again(talks, "t2", body="Day one, revised."),
        again(talks, "t3"),
        feed_id=feed.id,
        fetched_at=NOW + 60,
    )
    assert result.new_ids == [] and result.duplicates == 3 and result.updated_ids == [1]
    rows = await db.fetch_all("SELECT guid, body, fingerprint FROM articles ORDER BY guid")
    assert [tuple(row) for row in rows] == [
        ("t", "Day one, revised.", "t3"),
        ("v", "Counted.", "v1"),
    ]


async def test_search_ranks_title_hits_and_marks_snippets(db: Database) -> None:
    feed, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    articles = [
        make_article(
            "Weather in Gyumri",
            url="https://a.example/w",
            body="Snow, and a CSTO convoy passed by.",
        ),
        make_article(
            "CSTO summit opens in Yerevan",
            url="https://a.example/s",
            body="Leaders of the CSTO met on Thursday.",
        ),
    ]
    await store(db, *articles, feed_id=feed.id)
    hits = await article_store.search(db, "csto")
    assert hits[0].article.url == "https://a.example/s"
    assert search_store.HIT_START in hits[0].snippet


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
async def test_hostile_search_input_never_breaks_the_query(db: Database, query: str) -> None:
    feed, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    summit = make_article("CSTO summit", url="https://a.example/1", body="ՀԱՊԿ news")
    await store(db, summit, feed_id=feed.id)
    hits = await article_store.search(db, query)
    assert isinstance(hits, list)


async def test_search_falls_back_to_any_word(db: Database) -> None:
    feed, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    summit = make_article("ՀԱՊԿ գագաթնաժողով", url="https://a.example/1", body="Երևան")
    await store(db, summit, feed_id=feed.id)
    assert await article_store.search(db, "ՀԱՊԿ unrelatedword")
    assert await article_store.search(db, "nothing-like-this") == []


async def test_topics_links_and_latest_by_topic(db: Database) -> None:
    await topic_store.sync_file_topics(db, [("CSTO", ["CSTO"]), ("EU", ["EU"])], now=NOW)
    ids = {t.name: t.id for t in await topic_store.list_topics(db)}
    feed, _ = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    await article_store.store_articles(
        db,
        feed_id=feed.id,
        source="A",
        fetched_at=NOW,
        topic_ids=ids,
        articles=[
            make_article(
                "Old CSTO", url="https://a.example/1", published_at=NOW - 100, topics=["CSTO"]
            ),
            make_article(
                "New CSTO", url="https://a.example/2", published_at=NOW, topics=["CSTO", "EU"]
            ),
            make_article(
                "EU only", url="https://a.example/3", published_at=NOW - 50, topics=["EU"]
            ),
        ],
    )
    csto = await article_store.latest(db, limit=5, topic_id=ids["CSTO"])
    assert [a.title for a in csto] == ["New CSTO", "Old CSTO"]
    counts = await article_store.topic_counts(db, since=NOW - 60)
    assert counts == {ids["CSTO"]: 1, ids["EU"]: 2}


async def test_deleting_a_chat_removes_its_subscriptions(db: Database) -> None:
    await topic_store.sync_file_topics(db, [("CSTO", ["CSTO"])], now=NOW)
    topic = await topic_store.get_topic(db, "csto")
    assert topic is not None
    await chat_store.register_chat(
        db, 42, chat_type="private", title="A", thread_id=None, language="en", now=NOW
    )
    assert await chat_store.subscribe(db, 42, topic.id, now=NOW)
    assert not await chat_store.subscribe(db, 42, topic.id, now=NOW)
    assert await chat_store.delete_chat(db, 42)
    assert await chat_store.subscribed_topics(db, 42) == []
    assert await db.fetch_value("SELECT COUNT(*) FROM subscriptions") == 0


async def test_failed_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO feeds (url, added_at) VALUES ('https://x.example', 1)")
            raise RuntimeError("crash mid-write")
    assert await feed_store.list_feeds(db) == []


async def test_fetch_state_and_backoff_fields(db: Database) -> None:
    feed, created = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    assert created
    _, again = await feed_store.add_feed(db, "https://a.example/rss", now=NOW)
    assert not again
    await feed_store.record_failure(db, feed.id, now=NOW, error="HTTP 500", next_fetch_at=NOW + 600)
    await feed_store.record_failure(
        db, feed.id, now=NOW, error="HTTP 500", next_fetch_at=NOW + 1200
    )
    failing = await feed_store.get_feed(db, feed.id)
    assert failing is not None and failing.consecutive_errors == 2
    assert await feed_store.due_feeds(db, now=NOW + 700) == []
    await feed_store.record_success(
        db, feed.id, now=NOW, status="ok", next_fetch_at=NOW + 300, etag='"abc"', title="A feed"
    )
    healthy = await feed_store.get_feed(db, feed.id)
    assert healthy is not None
    assert (healthy.consecutive_errors, healthy.etag, healthy.title) == (0, '"abc"', "A feed")
