"""The ingest breakdown: where the product's polling pass spends its time.

The product's own `Ingestor.poll_feed` runs one feed at a time, inline (no worker
processes), with a timer around each stage it calls: news.batch's parsing, conversion and
article building, bot.ingest's keys, story linking and the storage calls. A timer counts
only its own time: a stage inside another (html_to_text inside the parse-and-convert step,
storage inside the article step) is taken out of the outer one. The feeds are fetched
first, 8 at a time as the ingestor does, and the ingestor then reads them from memory.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import bot.ingest
import news.batch
from bench.ingestcorpus import ITEMS_PER_FEED
from bot.ingest import FEED_CONCURRENCY, Ingestor
from bot.services import Services, open_services
from bot.settings import Settings
from news.fetch import FetchResult
from storage import articles as article_store
from storage import feeds as feed_store

STAGE_ORDER = [
    ("fetch", "HTTP over loopback (news.fetch.Fetcher, 8 at a time)"),
    ("parse", "news.parse.parse_feed (feedparser + RawEntry)"),
    ("html_to_text", "news.htmltext.html_to_text (summary + content)"),
    ("keys", "fingerprints, guid/url keys, needs_page, line keys (news.batch, bot.ingest)"),
    ("build", "news.article.build_article (clean, teaser, lang, keys)"),
    ("topics", "topic matching in news.batch.build_batch"),
    ("index", "news.searchtext.index_text (stemmed search text)"),
    ("stories", "news.cluster.batch_terms + StoryLinker.link"),
    ("storage", "known_keys + learned_boilerplate + store_articles + record_success"),
]


@dataclass
class Stages:
    entries: int = 0
    seconds: Counter[str] = field(default_factory=Counter)
    # Time spent in the timers running inside each open one, to be taken out of it.
    _inner: list[float] = field(default_factory=list)

    def per_entry(self, name: str) -> float:
        return self.seconds[name] / self.entries if self.entries else 0.0

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        self._inner.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.seconds[name] += elapsed - self._inner.pop()
            if self._inner:
                self._inner[-1] += elapsed


def _timed(stages: Stages, name: str, work: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        with stages.timed(name):
            return work(*args, **kwargs)

    return timed


def _timed_async(
    stages: Stages, name: str, work: Callable[..., Awaitable[Any]]
) -> Callable[..., Awaitable[Any]]:
    async def timed(*args: Any, **kwargs: Any) -> Any:
        with stages.timed(name):
            return await work(*args, **kwargs)

    return timed


# (module or object, attribute, stage): what the ingestor calls, each wrapped in a timer.
def _stage_calls() -> list[tuple[Any, str, str]]:
    return [
        (news.batch, "parse_feed", "parse"),
        (news.batch, "html_to_text", "html_to_text"),
        (news.batch, "build_article", "build"),
        (news.batch, "index_text", "index"),
        # What these do besides the stages inside them: fingerprints; topic matching.
        (bot.ingest, "parse_and_convert", "keys"),
        (bot.ingest, "build_batch", "topics"),
        (bot.ingest, "batch_terms", "stories"),
    ]


def _async_stage_calls(ingestor: Ingestor) -> list[tuple[Any, str, str]]:
    return [
        (ingestor, "_articles", "keys"),
        (ingestor.stories, "link", "stories"),
        (article_store, "known_keys", "storage"),
        (article_store, "store_articles", "storage"),
        (feed_store, "learned_boilerplate", "storage"),
        (feed_store, "record_success", "storage"),
    ]


@contextmanager
def _timing(stages: Stages, ingestor: Ingestor) -> Iterator[None]:
    with ExitStack() as patches:
        for owner, name, stage in _stage_calls():
            work = getattr(owner, name)
            patches.enter_context(mock.patch.object(owner, name, _timed(stages, stage, work)))
        for owner, name, stage in _async_stage_calls(ingestor):
            work = getattr(owner, name)
            timed = _timed_async(stages, stage, work)
            patches.enter_context(mock.patch.object(owner, name, timed))
        yield


class _Fetched:
    """The feeds as fetched beforehand: the ingestor reads them from here."""

    def __init__(self, results: dict[str, FetchResult]) -> None:
        self.results = results

    async def fetch(self, url: str, **_options: Any) -> FetchResult:
        if url not in self.results:
            raise SystemExit(f"breakdown: {url} would need its page fetched")
        return self.results[url]


async def fetch_all(services: Services, urls: list[str]) -> list[FetchResult]:
    limit = asyncio.Semaphore(FEED_CONCURRENCY)

    async def one(url: str) -> FetchResult:
        async with limit:
            return await services.fetcher.fetch(url)

    return await asyncio.gather(*(one(url) for url in urls))


async def breakdown_pass(settings: Settings) -> Stages:
    """`Ingestor.poll_feed` on each of the settings' feeds, one at a time, stage by stage."""
    stages = Stages()
    services = await open_services(settings)
    try:
        feeds = await feed_store.list_feeds(services.db)
        with stages.timed("fetch"):
            results = await fetch_all(services, [feed.url for feed in feeds])
        for feed, result in zip(feeds, results, strict=True):
            if not result.ok:
                raise SystemExit(f"breakdown: fetch of {feed.url} failed: {result.error}")
        ingestor = services.ingestor
        ingestor.cpu.workers = 0  # every stage inline, where its timer sees it
        ingestor.fetcher = _Fetched({feed.url: r for feed, r in zip(feeds, results, strict=True)})
        with _timing(stages, ingestor):
            for feed in feeds:
                outcome = await ingestor.poll_feed(feed)
                if outcome is None or outcome.new != ITEMS_PER_FEED:
                    raise SystemExit(f"breakdown: {feed.url} gave {outcome}")
                stages.entries += outcome.new
    finally:
        await services.close()
    return stages
