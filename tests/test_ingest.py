"""A polling pass end to end: loopback HTTP or the bundled site -> pipeline -> SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services import Services
from news.samples import SAMPLE_FEED_URLS
from storage import articles as article_store
from storage import feeds as feed_store
from testkit.botkit import Clock
from testkit.feedserver import FeedServer
from testkit.loopfeeds import POLL_INTERVAL, item, open_for, rss

LONG = " ".join(["The ministers met again on Tuesday to continue the talks."] * 12)


@pytest.fixture
async def samples(tmp_path: Path) -> AsyncIterator[Services]:
    services = await open_for(tmp_path, SAMPLE_FEED_URLS, Clock())
    await services.ingestor.poll_all(only_due=False)
    yield services
    await services.close()


async def test_heavy_page_reaches_the_store_without_site_chrome(samples: Services) -> None:
    stored = await article_store.latest(samples.db, limit=100)
    herald = [a for a in stored if "yerevanherald" in a.url]
    assert len(herald) >= 7
    for article in herald:
        body = article.body.casefold()
        for chrome in (
            "top of page",
            "bottom of page",
            "ad for subscribing",
            "cookie",
            "share on facebook",
            "got a story tip",
        ):
            assert chrome not in body, (chrome, article.url)
        assert len(article.body) > 400, "the real paragraphs came from the page"
        assert not article.body.startswith(article.title), "headline repeated as first line"


async def test_same_story_in_two_feeds_is_stored_once(samples: Services) -> None:
    stored = await article_store.latest(samples.db, limit=100)
    border = [a for a in stored if "border commission" in a.title.casefold()]
    assert len(border) == 1, [a.url for a in border]


async def test_topics_are_tagged_in_three_scripts(samples: Services) -> None:
    csto = samples.topics.find("CSTO")
    assert csto is not None
    tagged = await article_store.latest(samples.db, limit=50, topic_id=csto.id)
    languages = {a.language for a in tagged}
    assert {"en", "ru", "hy"} <= languages


async def test_second_pass_is_conditional_and_stores_nothing_new(samples: Services) -> None:
    before = await article_store.count_articles(samples.db)
    outcomes = await samples.ingestor.poll_all(only_due=False)
    assert {o.status for o in outcomes} == {"not_modified"}
    assert await article_store.count_articles(samples.db) == before


async def test_errors_back_off_exponentially_and_success_resets(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    clock = Clock()
    feed_server.add("/rss.xml", b"oops", status=500)
    services = await open_for(tmp_path, [feed_server.url("/rss.xml")], clock)
    try:
        delays = []
        for _ in range(3):
            [outcome] = await services.ingestor.poll_all(only_due=False)
            assert outcome.status == "error" and "500" in (outcome.error or "")
            feed = (await feed_store.list_feeds(services.db))[0]
            delays.append(feed.next_fetch_at - int(clock.now))
        assert feed.consecutive_errors == 3
        assert delays[0] >= 2 * POLL_INTERVAL * 0.9
        assert delays[1] > delays[0] * 1.5 and delays[2] > delays[1] * 1.5
        # Not due yet: a due-only pass leaves it alone.
        assert await services.ingestor.poll_all(only_due=True) == []

        feed_server.add("/rss.xml", rss(item("g1", "Talks resume", LONG)))
        [outcome] = await services.ingestor.poll_all(only_due=False)
        assert outcome.status == "new" and outcome.new == 1
        feed = (await feed_store.list_feeds(services.db))[0]
        assert feed.consecutive_errors == 0 and feed.last_error is None
        assert feed.next_fetch_at - int(clock.now) <= POLL_INTERVAL * 1.1
    finally:
        await services.close()


async def test_retry_after_is_honoured(tmp_path: Path, feed_server: FeedServer) -> None:
    clock = Clock()
    feed_server.add("/rss.xml", b"slow down", status=429, headers={"Retry-After": "7200"})
    services = await open_for(tmp_path, [feed_server.url("/rss.xml")], clock)
    try:
        await services.ingestor.poll_all(only_due=False)
        feed = (await feed_store.list_feeds(services.db))[0]
        assert feed.next_fetch_at - int(clock.now) >= 7200 * 0.9
    finally:
        await services.close()


async def test_malformed_feed_keeps_what_parses_and_records_the_error(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    broken = rss(item("ok-1", "A readable item", LONG) + "<item><title>broken &bad; <b></item>")
    feed_server.add("/rss.xml", broken)
    services = await open_for(tmp_path, [feed_server.url("/rss.xml")], Clock())
    try:
        [outcome] = await services.ingestor.poll_all(only_due=False)
        assert outcome.new >= 1
        feed = (await feed_store.list_feeds(services.db))[0]
        assert feed.last_error, "the parse problem stays visible to operators"
    finally:
        await services.close()


async def test_not_a_feed_is_an_error_with_a_reason(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.add(
        "/page", b"<!doctype html><html><body>Hello</body></html>", content_type="text/html"
    )
    services = await open_for(tmp_path, [feed_server.url("/page")], Clock())
    try:
        [outcome] = await services.ingestor.poll_all(only_due=False)
        assert outcome.status == "error" and "not a feed" in (outcome.error or "")
    finally:
        await services.close()


async def test_changed_story_updates_instead_of_duplicating(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.add("/rss.xml", rss(item("s1", "Talks begin", LONG)))
    services = await open_for(tmp_path, [feed_server.url("/rss.xml")], Clock())
    try:
        await services.ingestor.poll_all(only_due=False)
        feed_server.add("/rss.xml", rss(item("s1", "Talks begin in Geneva", LONG + " Update.")))
        [outcome] = await services.ingestor.poll_all(only_due=False)
        assert (outcome.new, outcome.updated) == (0, 1)
        [article] = await article_store.latest(services.db, limit=5)
        assert article.title == "Talks begin in Geneva"
    finally:
        await services.close()


async def test_paused_feed_is_not_polled(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.add("/rss.xml", rss(item("p1", "Paused", LONG)))
    services = await open_for(tmp_path, [feed_server.url("/rss.xml")], Clock())
    try:
        feed = (await feed_store.list_feeds(services.db))[0]
        await feed_store.set_paused(services.db, feed.id, True)
        assert await services.ingestor.poll_all(only_due=False) == []
        assert feed_server.requests == []
    finally:
        await services.close()
