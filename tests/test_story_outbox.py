"""The outbox and stories on a real SQLite file: a chat gets each event once, however the
articles telling it arrive (one batch, several, as edits or duplicates)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from news.models import Article
from storage import articles as article_store
from storage import chats as chat_store
from storage import deliveries as outbox
from storage import topics as topic_store
from storage.db import Database
from testkit.articles import NOW, make_article
from testkit.articles import store as store_articles

CHAT = 42


@pytest.fixture
async def db(database_target: str) -> AsyncIterator[Database]:
    database = await Database(database_target).open()
    for name in ("X", "Y"):
        await topic_store.add_topic(database, name, [name.lower()], now=NOW)
    await chat_store.register_chat(
        database, CHAT, chat_type="private", title="", thread_id=None, language="en", now=NOW
    )
    yield database
    await database.close()


async def follow(db: Database, name: str) -> None:
    topic = await topic_store.get_topic(db, name)
    assert topic is not None
    await chat_store.subscribe(db, CHAT, topic.id, now=NOW)


async def store(
    db: Database,
    *articles: Article,
    joins_stored: dict[int, int] | None = None,
    joins_batch: dict[int, int] | None = None,
) -> article_store.StoreResult:
    """One pass of the "Wire" feed, its articles tagged with the database's topics."""
    ids = {t.name: t.id for t in await topic_store.list_topics(db)}
    return await store_articles(
        db,
        *articles,
        source="Wire",
        topic_ids=ids,
        joins_stored=joins_stored,
        joins_batch=joins_batch,
    )


async def queued(db: Database) -> list[str]:
    """Titles of what the chat is to get or got."""
    rows = await db.fetch_all(
        "SELECT a.title FROM deliveries d JOIN articles a ON a.id = d.article_id "
        "WHERE d.chat_id = ? AND d.status IN ('pending', 'sent') ORDER BY a.id",
        (CHAT,),
    )
    return [row[0] for row in rows]


def report(title: str, topic: str, **fields: object) -> Article:
    return make_article(title, url=f"https://example.org/{title}", topics=[topic], **fields)  # type: ignore[arg-type]


async def test_two_reports_of_a_stored_story_in_one_batch_make_one_push(db: Database) -> None:
    first = await store(db, report("first", "X"))  # nobody follows X: nothing queued
    await follow(db, "Y")
    root = first.new_ids[0]
    await store(db, report("second", "Y"), report("third", "Y"), joins_stored={0: root, 1: root})
    assert await queued(db) == ["second"]


async def test_reports_joining_a_new_story_of_the_batch_make_one_push(db: Database) -> None:
    await follow(db, "Y")
    await store(
        db,
        report("root", "X"),
        report("joiner one", "Y"),
        report("joiner two", "Y"),
        joins_batch={1: 0, 2: 0},
    )
    assert await queued(db) == ["joiner one"]


async def test_joining_an_edited_article_joins_its_stored_story(db: Database) -> None:
    await follow(db, "X")
    await store(db, report("summit", "X", guid="g1", body="The summit was postponed."))
    assert await queued(db) == ["summit"]
    # The next poll brings an edit of that article and another outlet's report, linked to
    # the edit (which is an update, not a new article).
    edited = report("summit", "X", guid="g1", body="The summit was postponed to March.")
    result = await store(db, edited, report("summit elsewhere", "X"), joins_batch={1: 0})
    assert result.updated_ids and len(result.new_ids) == 1
    assert await queued(db) == ["summit"]


async def test_a_dead_delivery_does_not_count_as_having_the_story(db: Database) -> None:
    await follow(db, "X")
    first = await store(db, report("first", "X"))
    [pending] = await outbox.due_for_chat(db, CHAT, now=NOW)
    await outbox.mark_dead(db, [pending.id], error="400 chat not writable")
    await store(db, report("second", "X"), joins_stored={0: first.new_ids[0]})
    assert await queued(db) == ["second"]
