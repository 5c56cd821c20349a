"""One polling pass: feed -> fetch -> parse -> extract/clean -> normalize -> tag -> store."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from bot.alert_catalog import AlertCatalog
from bot.metrics import Metrics
from bot.stories import StoryLinker
from bot.topic_catalog import TopicCatalog
from news.backoff import jittered, next_fetch_delay
from news.batch import EntryTexts, build_batch, parse_and_convert
from news.charset import decode
from news.clean import line_key
from news.cluster import batch_terms
from news.dedupe import guid_key, url_key
from news.extract import extract_main_text, needs_page
from news.fetch import Fetcher
from news.models import Article
from news.normalize import canonical_url
from news.parse import parse_feed
from storage import articles as article_store
from storage import cluster as cluster_store
from storage import feeds as feed_store
from storage.db import Database
from storage.records import FeedRecord

log = logging.getLogger(__name__)

MAX_ENTRIES_PER_FETCH = 200
PAGE_FETCH_CONCURRENCY = 4
FEED_CONCURRENCY = 8
# Seconds one feed poll (its feed fetch and its article pages) may take. Pages not in by
# then are given up and their articles stored with the feed's own text, so a feed whose
# pages answer slowly (a tar pit) costs one poll slot for this long, never the whole pass.
FEED_POLL_DEADLINE = 90.0
# A line seen in this many different articles of one feed is that site's boilerplate.
BOILERPLATE_MIN_ARTICLES = 3
BOILERPLATE_MAX_LINE = 240
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# Below these sizes a hand-off to a worker process costs more than it saves.
POOL_MIN_BYTES = 128 * 1024
POOL_MIN_ENTRIES = 40
T = TypeVar("T")


@dataclass(frozen=True)
class FeedOutcome:
    feed_id: int
    url: str
    title: str
    status: str  # "new", "unchanged" (fetched, nothing new), "not_modified" (304), "error"
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    error: str | None = None


@dataclass(frozen=True)
class FeedProbe:
    """What a URL holds, checked before it is saved as a feed."""

    url: str
    ok: bool
    title: str = ""
    items: int = 0
    error: str | None = None


class Ingestor:
    def __init__(
        self,
        *,
        db: Database,
        fetcher: Fetcher,
        topics: TopicCatalog,
        poll_interval: int,
        clock: Callable[[], float] = time.time,
        metrics: Metrics | None = None,
        workers: int = 0,
        poll_deadline: float = FEED_POLL_DEADLINE,
        alerts: AlertCatalog | None = None,
    ) -> None:
        self.db = db
        self.alerts = alerts or AlertCatalog()
        self.fetcher = fetcher
        self.topics = topics
        self.poll_interval = poll_interval
        self.clock = clock
        self.metrics = metrics
        self.workers = workers
        self.poll_deadline = poll_deadline
        self._pool: ProcessPoolExecutor | None = None
        self._in_flight: set[int] = set()
        # Shared by every pass and background poll, so overlapping ones stay bounded too.
        self._feed_slots = asyncio.Semaphore(FEED_CONCURRENCY)
        self._background: set[asyncio.Task[FeedOutcome | None]] = set()
        # Linking new articles to stories reads what is stored: two feeds telling one event
        # in the same pass must not both be linked before either is stored.
        self._store_lock = asyncio.Lock()
        self.stories = StoryLinker(db)

    async def probe(self, url: str) -> FeedProbe:
        """Fetch and parse once without storing anything: is this a feed, and of what?"""
        result = await self.fetcher.fetch(url)
        if not result.ok:
            return FeedProbe(url, ok=False, error=result.error or "fetch failed")
        parsed = parse_feed(
            result.body, url=result.final_url or url, content_type=result.content_type
        )
        if not parsed.entries and parsed.error:
            return FeedProbe(url, ok=False, error=parsed.error)
        return FeedProbe(url, ok=True, title=parsed.title or url, items=len(parsed.entries))

    async def poll_all(self, *, only_due: bool) -> list[FeedOutcome]:
        """Poll every feed (or only those due), a few at a time, and wait for them all;
        never raises for one feed."""
        feeds = await self._claim(int(self.clock()), due_only=only_due)
        results = await asyncio.gather(*(self.poll_feed(feed) for feed in feeds))
        return [outcome for outcome in results if outcome is not None]

    async def start_due_polls(self) -> int:
        """Start a poll of every due feed that is not being polled already, each on its
        own, and return how many started without waiting for them: the scheduler's next
        tick then finds other due feeds even while a slow one is still running."""
        started = 0
        for feed in await self._claim(int(self.clock()), due_only=True):
            self._in_flight.add(feed.id)
            task = asyncio.create_task(self._poll_reserved(feed), name=f"poll-feed-{feed.id}")
            self._background.add(task)
            task.add_done_callback(self._background.discard)
            started += 1
        return started

    async def _claim(self, now: int, *, due_only: bool) -> list[FeedRecord]:
        """The feeds to poll now. Other instances may share the database: each feed is then
        leased to one of them for longer than a poll may take (its deadline), and given back
        when the poll ends (storage/cluster.py)."""
        claimed = await cluster_store.claim_feeds(
            self.db, now=now, lease_until=now + int(self.poll_deadline) + 30, due_only=due_only
        )
        # Leased feeds already polled here (a slow one still running) stay with that poll.
        return [feed for feed in claimed if feed.id not in self._in_flight]

    async def stop_polls(self) -> None:
        """Cancel the background polls (their writes roll back; the feeds stay due)."""
        tasks = list(self._background)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def poll_feed(self, feed: FeedRecord) -> FeedOutcome | None:
        """Poll one feed; None when a poll of it is already running."""
        if feed.id in self._in_flight:
            return None
        self._in_flight.add(feed.id)
        return await self._poll_reserved(feed)

    async def _poll_reserved(self, feed: FeedRecord) -> FeedOutcome:
        try:
            async with self._feed_slots:
                outcome = await self._poll(feed)
            if self.metrics is not None:
                self.metrics.fetches.labels(outcome.status).inc()
            if outcome.new:
                log.info("feed %s: %d new articles", feed.id, outcome.new)
            return outcome
        except Exception as exc:  # one broken feed must never stop the pass
            log.exception("feed %s failed unexpectedly", feed.id)
            return await self._failed(feed, f"internal error: {type(exc).__name__}")
        finally:
            self._in_flight.discard(feed.id)
            with contextlib.suppress(Exception):  # the lease runs out by itself anyway
                await cluster_store.release_feed(self.db, feed.id)

    async def _poll(self, feed: FeedRecord) -> FeedOutcome:
        deadline = asyncio.get_running_loop().time() + self.poll_deadline
        try:
            async with asyncio.timeout_at(deadline):
                result = await self.fetcher.fetch(
                    feed.url, etag=feed.etag, last_modified=feed.last_modified
                )
        except TimeoutError:
            return await self._failed(
                feed, f"no answer within the {self.poll_deadline:g} s poll deadline"
            )
        now = int(self.clock())
        if result.status == "not_modified":
            await feed_store.record_success(
                self.db,
                feed.id,
                now=now,
                status="not_modified",
                next_fetch_at=now + int(jittered(self.poll_interval)),
            )
            return FeedOutcome(feed.id, feed.url, feed.display_name, "not_modified")
        if not result.ok:
            return await self._failed(feed, result.error or "fetch failed", result.retry_after)

        parsed, texts = await self._cpu(
            len(result.body) >= POOL_MIN_BYTES,
            functools.partial(
                parse_and_convert,
                result.body,
                url=result.final_url or feed.url,
                content_type=result.content_type,
                max_entries=MAX_ENTRIES_PER_FETCH,
            ),
        )
        if not parsed.entries and parsed.error:
            return await self._failed(feed, parsed.error)

        articles, raw_line_keys = await self._articles(feed, texts, parsed.language, now, deadline)
        source = parsed.title or feed.display_name
        alert_ids = await self._alert_matches(articles)
        # Every article joins a story (those an alert matched included), so a reader is
        # pushed a story once whether a topic or an alert brought it.
        terms = await self._cpu(
            len(articles) >= POOL_MIN_ENTRIES,
            functools.partial(
                batch_terms, [(article.title, StoryLinker.head(article)) for article in articles]
            ),
        )
        async with self._store_lock:
            links = await self.stories.link(articles, source=source, now=now, terms=terms)
            try:
                stored = await article_store.store_articles(
                    self.db,
                    feed_id=feed.id,
                    source=source,
                    fetched_at=now,
                    articles=articles,
                    topic_ids=self.topics.ids_by_name,
                    line_keys=raw_line_keys,
                    joins_stored=links.joins_stored,
                    joins_batch=links.joins_batch,
                    alert_ids=alert_ids,
                )
            except BaseException:
                self.stories.abandon()
                raise
            self.stories.stored(stored.inserted)
        await feed_store.record_success(
            self.db,
            feed.id,
            now=now,
            status="ok",
            next_fetch_at=now + int(jittered(self.poll_interval)),
            etag=result.etag,
            last_modified=result.last_modified,
            title=parsed.title or None,
            site_url=parsed.site_url,
            error=parsed.error,
        )
        return FeedOutcome(
            feed.id,
            feed.url,
            parsed.title or feed.display_name,
            "new" if stored.new_ids else "unchanged",
            new=len(stored.new_ids),
            updated=len(stored.updated_ids),
            duplicates=stored.duplicates,
        )

    async def _alert_matches(self, articles: list[Article]) -> dict[int, list[int]]:
        """Batch index -> the readers' alerts its title or text matches."""
        if not articles:
            return {}
        matcher = await self.alerts.matcher(self.db)
        if not len(matcher):
            return {}
        found = {i: matcher.match(a.title, a.body or a.teaser) for i, a in enumerate(articles)}
        return {i: ids for i, ids in found.items() if ids}

    async def _failed(
        self, feed: FeedRecord, error: str, retry_after: float | None = None
    ) -> FeedOutcome:
        now = int(self.clock())
        delay = next_fetch_delay(
            consecutive_errors=feed.consecutive_errors + 1,
            poll_interval=self.poll_interval,
            retry_after=retry_after,
        )
        await feed_store.record_failure(
            self.db, feed.id, now=now, error=error, next_fetch_at=now + int(jittered(delay))
        )
        log.warning("feed %s (%s): %s", feed.id, feed.url, error)
        return FeedOutcome(feed.id, feed.url, feed.display_name, "error", error=error)

    async def _articles(
        self,
        feed: FeedRecord,
        texts: list[EntryTexts],
        feed_language: str | None,
        now: int,
        deadline: float,
    ) -> tuple[list[Article], list[set[str]]]:
        keys = [
            (
                guid_key(feed.url, t.entry.guid),
                url_key(canonical_url(t.entry.link, feed.url)) if t.entry.link else None,
            )
            for t in texts
        ]
        known = await article_store.known_keys(
            self.db,
            guid_keys=[g for g, _ in keys if g is not None],
            url_keys=[u for _, u in keys if u is not None],
        )
        chosen: list[tuple[EntryTexts, str]] = []
        pages: list[asyncio.Task[str | None] | None] = []
        limit = asyncio.Semaphore(PAGE_FETCH_CONCURRENCY)
        for item, (guid, url) in zip(texts, keys, strict=True):
            stored_key = guid if guid in known else url if url in known else None
            wants_page = needs_page(item.summary, item.content)
            if stored_key is not None and (wants_page or known[stored_key] == item.fingerprint):
                # Known and unchanged, or its page was read when it was new: re-reading
                # every poll would be neither cheap nor polite.
                continue
            chosen.append((item, item.content or item.summary))
            pages.append(
                asyncio.create_task(self._page_text(item.entry.link, feed.url, limit))
                if wants_page and item.entry.link
                else None
            )
        page_texts = await self._pages_by(deadline, feed, pages)

        bodies = [page or text for (_, text), page in zip(chosen, page_texts, strict=True)]
        line_keys = [_line_keys(body) for body in bodies]
        learned = await feed_store.learned_boilerplate(
            self.db, feed.id, min_articles=BOILERPLATE_MIN_ARTICLES
        )
        batch_counts = Counter(key for keys_of in line_keys for key in keys_of)
        learned |= {k for k, n in batch_counts.items() if n >= BOILERPLATE_MIN_ARTICLES}

        built = await self._cpu(
            len(chosen) >= POOL_MIN_ENTRIES,
            functools.partial(
                build_batch,
                [
                    (item.entry, body, item.fingerprint)
                    for (item, _), body in zip(chosen, bodies, strict=True)
                ],
                feed_url=feed.url,
                feed_language=feed_language,
                fetched_at=now,
                learned_boilerplate=frozenset(learned),
                topics=self.topics.spec,
            ),
        )
        articles: list[Article] = []
        kept_keys: list[set[str]] = []
        for article, keys_of in zip(built, line_keys, strict=True):
            if article is not None:
                articles.append(article)
                kept_keys.append(keys_of)
        return articles, kept_keys

    async def _pages_by(
        self, deadline: float, feed: FeedRecord, pages: list[asyncio.Task[str | None] | None]
    ) -> list[str | None]:
        """Each page's text, or None for one that failed or was not in by `deadline`
        (its article keeps the feed's own text: nothing is lost, only the full page)."""
        tasks = [task for task in pages if task is not None]
        if tasks:
            remaining = max(0.0, deadline - asyncio.get_running_loop().time())
            _done, late = await asyncio.wait(tasks, timeout=remaining)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
            if late:
                log.warning(
                    "feed %s (%s): %d of %d pages not in within the %g s poll deadline; "
                    "their articles keep the feed's text",
                    feed.id,
                    feed.url,
                    len(late),
                    len(tasks),
                    self.poll_deadline,
                )
        return [_page_result(task) for task in pages]

    async def warm_up(self) -> None:
        """Start the worker processes now (they import the pipeline once), so the first big
        feed does not wait for them."""
        if self.workers > 0:
            loop = asyncio.get_running_loop()
            pool = self._worker_pool()
            await asyncio.gather(*(loop.run_in_executor(pool, _ready) for _ in range(self.workers)))

    def _worker_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool

    async def _cpu(self, big: bool, work: Callable[[], T]) -> T:
        """CPU-bound work: in the worker processes when it is big enough to be worth the
        hand-off (both cores, no event loop stall), inline otherwise."""
        if big and self.workers > 0:
            return await asyncio.get_running_loop().run_in_executor(self._worker_pool(), work)
        return work()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    async def _page_text(self, link: str, feed_url: str, limit: asyncio.Semaphore) -> str | None:
        async with limit:
            result = await self.fetcher.fetch(canonical_url(link, feed_url), accept=PAGE_ACCEPT)
        if not result.ok:
            log.info("page %s not fetched: %s", link, result.error)
            return None
        page = decode(result.body, result.content_type).text
        text = await asyncio.to_thread(extract_main_text, page, url=result.final_url or link)
        return text or None


def _line_keys(text: str) -> set[str]:
    return {
        line_key(line)
        for line in text.splitlines()
        if line.strip() and len(line) <= BOILERPLATE_MAX_LINE
    }


def _page_result(task: asyncio.Task[str | None] | None) -> str | None:
    if task is None or task.cancelled():
        return None
    error = task.exception()
    if error is not None:
        # An extraction bug on one page costs that page only; the feed text stays.
        log.warning("page text failed: %s: %s", type(error).__name__, error)
        return None
    return task.result()


def _ready() -> bool:
    """Run in a worker to make it import the pipeline before real work arrives."""
    return True
