from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx
import pytest

from news.article import build_article
from news.clean import html_to_text, line_key
from news.extract import extract_main_text, needs_page
from news.fetch import Fetcher
from news.models import Article, ParsedFeed
from news.parse import parse_feed
from news.samples import SAMPLE_FEED_URLS, SAMPLE_HOSTS, SampleSiteTransport
from news.topics import TopicMatcher, load_topics

YEREVAN_HERALD = "https://yerevanherald.example/rss.xml"
CAUCASUS_WIRE = "https://caucasuswire.example/atom.xml"
KAVKAZ_TODAY = "https://kavkaztoday.example/feed.json"
EXPECTED_COUNTS = {YEREVAN_HERALD: 8, CAUCASUS_WIRE: 8, KAVKAZ_TODAY: 6}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=SampleSiteTransport()) as http:
        yield http


async def _feed(client: httpx.AsyncClient, url: str) -> ParsedFeed:
    response = await client.get(url)
    assert response.status_code == 200
    return parse_feed(response.content, url=url, content_type=response.headers["content-type"])


async def _articles(client: httpx.AsyncClient, url: str) -> list[Article]:
    """The ingest pipeline in miniature: page text for teaser-only entries."""
    feed = await _feed(client, url)
    articles = []
    for entry in feed.entries:
        summary = html_to_text(entry.summary_html)
        content = html_to_text(entry.content_html)
        body = content or summary
        if needs_page(summary, content) and entry.link:
            page = await client.get(entry.link)
            body = extract_main_text(page.text, url=entry.link)
        article = build_article(entry, feed_url=url, feed_language=feed.language,
                                fetched_at=int(time.time()), body_text=body)
        assert article is not None
        articles.append(article)
    return articles


def test_sample_constants() -> None:
    assert {urlsplit(url).hostname for url in SAMPLE_FEED_URLS} == SAMPLE_HOSTS
    assert all(host.endswith(".example") for host in SAMPLE_HOSTS)


@pytest.mark.parametrize("url", SAMPLE_FEED_URLS)
async def test_every_sample_feed_parses(client: httpx.AsyncClient, url: str) -> None:
    response = await client.get(url)
    assert b"{{" not in response.content
    feed = await _feed(client, url)
    assert feed.error is None
    assert feed.title
    assert len(feed.entries) == EXPECTED_COUNTS[url]
    now = datetime.now(UTC)
    for entry in feed.entries:
        assert entry.title and entry.guid and entry.link
        assert entry.published is not None
        # Rendered relative to now, so the demo always looks fresh.
        assert now - timedelta(days=2) < entry.published <= now + timedelta(minutes=1)


async def test_yerevan_herald_is_teasers_with_a_page_for_every_link(
    client: httpx.AsyncClient,
) -> None:
    feed = await _feed(client, YEREVAN_HERALD)
    for entry in feed.entries:
        assert entry.content_html == ""
        assert needs_page(html_to_text(entry.summary_html), "")
        assert entry.link is not None
        page = await client.get(entry.link)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "{{" not in page.text
        text = extract_main_text(page.text, url=entry.link)
        assert len(text) > 500


async def test_full_content_feeds_need_no_page(client: httpx.AsyncClient) -> None:
    for url in (CAUCASUS_WIRE, KAVKAZ_TODAY):
        for entry in (await _feed(client, url)).entries:
            summary, content = html_to_text(entry.summary_html), html_to_text(entry.content_html)
            assert content
            assert not needs_page(summary, content)


async def test_republished_story_is_caught_by_content_key(client: httpx.AsyncClient) -> None:
    herald = await _articles(client, YEREVAN_HERALD)
    wire = await _articles(client, CAUCASUS_WIRE)
    herald_keys = {a.content_key: a for a in herald}
    shared = [a for a in wire if a.content_key in herald_keys]
    assert len(shared) == 1
    original = herald_keys[shared[0].content_key]
    assert original.url != shared[0].url
    assert original.guid_key != shared[0].guid_key
    assert original.url_key != shared[0].url_key


async def test_herald_pages_share_learnable_boilerplate(client: httpx.AsyncClient) -> None:
    feed = await _feed(client, YEREVAN_HERALD)
    counts: Counter[str] = Counter()
    for entry in feed.entries:
        assert entry.link is not None
        text = extract_main_text((await client.get(entry.link)).text, url=entry.link)
        counts.update({line_key(line) for line in text.splitlines() if line.strip()})
    recurring = {key for key, seen in counts.items() if seen >= 3}
    tip = line_key("Got a story tip? Write to the newsroom at tips@yerevanherald.example")
    assert tip in recurring


async def test_sample_articles_are_tagged_in_three_languages(client: httpx.AsyncClient) -> None:
    matcher = TopicMatcher(load_topics())
    csto_languages: Counter[str | None] = Counter()
    for url in SAMPLE_FEED_URLS:
        for article in await _articles(client, url):
            topics = matcher.match(article.title, article.body)
            assert topics, article.title
            if "CSTO" in topics:
                csto_languages[article.language] += 1
    assert csto_languages["en"] >= 3
    assert csto_languages["ru"] >= 1
    assert csto_languages["hy"] >= 1


async def test_unknown_paths_and_hosts_are_404(client: httpx.AsyncClient) -> None:
    for url in (
        "https://yerevanherald.example/nope.xml",
        "https://yerevanherald.example/news/",
        "https://yerevanherald.example/news/../../topics.toml",
        "https://yerevanherald.example/%2e%2e/caucasuswire.example/atom.xml",
        "https://elsewhere.example/rss.xml",
    ):
        assert (await client.get(url)).status_code == 404, url


async def test_methods(client: httpx.AsyncClient) -> None:
    assert (await client.post(YEREVAN_HERALD)).status_code == 405
    head = await client.head(YEREVAN_HERALD)
    assert head.status_code == 200 and head.content == b""


async def test_etag_is_the_template_hash_and_304_on_match() -> None:
    early = SampleSiteTransport(clock=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    late = SampleSiteTransport(clock=lambda: datetime(2026, 6, 1, tzinfo=UTC))
    async with httpx.AsyncClient(transport=early) as a, httpx.AsyncClient(transport=late) as b:
        first = await a.get(CAUCASUS_WIRE)
        second = await b.get(CAUCASUS_WIRE)
        assert first.headers["etag"] == second.headers["etag"]
        assert first.content != second.content
        assert "2025-12-31T21:00:00Z" in first.text
        etag = first.headers["etag"]
        again = await b.get(CAUCASUS_WIRE, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        weak = await b.get(CAUCASUS_WIRE, headers={"If-None-Match": f'"other", W/{etag}'})
        assert weak.status_code == 304
        stale = await b.get(CAUCASUS_WIRE, headers={"If-None-Match": '"stale"'})
        assert stale.status_code == 200


async def test_rfc822_and_dateline_placeholders() -> None:
    now = datetime(2026, 11, 12, 16, 5, tzinfo=UTC)
    async with httpx.AsyncClient(transport=SampleSiteTransport(clock=lambda: now)) as http:
        rss = await http.get(YEREVAN_HERALD)
        assert "Thu, 12 Nov 2026 14:05:00 GMT" in rss.text
        assert rss.headers["content-type"].startswith("application/rss+xml")
        page = await http.get("https://yerevanherald.example/news/armenia-skips-csto-ministerial.html")
        assert "12 November 2026 14:05 UTC" in page.text
        json_feed = await http.get(KAVKAZ_TODAY)
        assert json_feed.headers["content-type"].startswith("application/feed+json")


async def test_fetcher_serves_samples_offline() -> None:
    transport = SampleSiteTransport()
    async with Fetcher(
        allow_private_network=False, local_sites={host: transport for host in SAMPLE_HOSTS}
    ) as fetcher:
        result = await fetcher.fetch(YEREVAN_HERALD)
        assert result.ok, result.error
        assert parse_feed(result.body, url=YEREVAN_HERALD,
                          content_type=result.content_type).error is None
        again = await fetcher.fetch(YEREVAN_HERALD, etag=result.etag)
        assert again.status == "not_modified"
