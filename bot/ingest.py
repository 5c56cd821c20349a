"""One polling pass: feed -> fetch -> parse -> extract/clean -> normalize -> tag -> store."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.alert_catalog import AlertCatalog
from bot.cpu_pool import CpuPool
from bot.ingest_pages import read_pages
from bot.ingest_plan import BOILERPLATE_MIN_ARTICLES, batch_boilerplate, choose, entry_keys, kept
from bot.ingest_plan import line_keys as body_line_keys
from bot.metrics import Metrics
from bot.stories import StoryLinker
from bot.topic_catalog import TopicCatalog
from news.backoff import jittered, next_fetch_delay
from news.batch import EntryTexts, build_batch, parse_and_convert
from news.cluster import batch_terms
from news.fetch import Fetcher
from news.models import Article, FetchResult, ParsedFeed
from news.parse import parse_feed
from storage import articles as article_store
from storage import cluster as cluster_store
from storage import feeds as feed_store
from storage.articles import StoreResult
from storage.db import Database
from storage.records import FeedRecord
from storage.states import FeedStatus

log = logging.getLogger(__name__)

MAX_ENTRIES_PER_FETCH = 200
FEED_CONCURRENCY = 8
# Seconds one feed poll (its feed fetch and its article pages) may take. Pages not in by
# then are given up and their articles stored with the feed's own text, so a feed whose
# pages answer slowly (a tar pit) costs one poll slot for this long, never the whole pass.
FEED_POLL_DEADLINE = 90.0
# Below these sizes a hand-off to a worker process costs more than it saves.
POOL_MIN_BYTES = 128 * 1024
POOL_MIN_ENTRIES = 40


class PollStatus(StrEnum):
    """How one feed poll went (`FeedOutcome.status`, and the fetches metric's label)."""

    NEW = "new"  # new articles stored
    UNCHANGED = "unchanged"  # fetched, nothing new
    NOT_MODIFIED = "not_modified"  # 304
    ERROR = "error"


@dataclass(frozen=True)
class FeedOutcome:
    feed_id: int
    url: str
    title: str
    status: PollStatus
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
    ) -> None:
        self.db = db
        self.fetcher = fetcher
        self.topics = topics
        # The readers' alerts (Services.alerts: handlers mark them changed there).
        self.alerts = AlertCatalog()
        self.stories = StoryLinker(db)
        self.cpu = CpuPool(workers)
        self.poll_interval = poll_interval
        self.poll_deadline = poll_deadline
        self.clock = clock
        self.metrics = metrics
        self._in_flight: set[int] = set()
        # Shared by every pass and background poll, so overlapping ones stay bounded too.
        self._feed_slots = asyncio.Semaphore(FEED_CONCURRENCY)
        self._background: set[asyncio.Task[FeedOutcome | None]] = set()
        # Linking new articles to stories reads what is stored: two feeds telling one event
        # in the same pass must not both be linked before either is stored.
        self._store_lock = asyncio.Lock()

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
        result = await self._fetch(feed, deadline)
        if result is None:
            return await self._failed(
                feed, f"no answer within the {self.poll_deadline:g} s poll deadline"
            )
        now = int(self.clock())
        if result.status == FeedStatus.NOT_MODIFIED:
            await self._fetched(feed, now)
            return FeedOutcome(feed.id, feed.url, feed.display_name, PollStatus.NOT_MODIFIED)
        if not result.ok:
            return await self._failed(feed, result.error or "fetch failed", result.retry_after)
        parsed, texts = await self._parse(feed, result)
        if not parsed.entries and parsed.error:
            return await self._failed(feed, parsed.error)
        articles, raw_line_keys = await self._articles(feed, texts, parsed.language, now, deadline)
        source = parsed.title or feed.display_name
        stored = await self._store(feed, articles, raw_line_keys, source=source, now=now)
        await self._fetched(feed, now, (result, parsed))
        return FeedOutcome(
            feed.id,
            feed.url,
            parsed.title or feed.display_name,
            PollStatus.NEW if stored.new_ids else PollStatus.UNCHANGED,
            new=len(stored.new_ids),
            updated=len(stored.updated_ids),
            duplicates=stored.duplicates,
        )

    async def _fetch(self, feed: FeedRecord, deadline: float) -> FetchResult | None:
        """The feed document (conditional on its validators); None when it did not come
        within the poll's deadline."""
        try:
            async with asyncio.timeout_at(deadline):
                return await self.fetcher.fetch(
                    feed.url, etag=feed.etag, last_modified=feed.last_modified
                )
        except TimeoutError:
            return None

    async def _parse(
        self, feed: FeedRecord, result: FetchResult
    ) -> tuple[ParsedFeed, list[EntryTexts]]:
        return await self.cpu.run(
            len(result.body) >= POOL_MIN_BYTES,
            functools.partial(
                parse_and_convert,
                result.body,
                url=result.final_url or feed.url,
                content_type=result.content_type,
                max_entries=MAX_ENTRIES_PER_FETCH,
            ),
        )

    async def _store(
        self,
        feed: FeedRecord,
        articles: list[Article],
        raw_line_keys: list[set[str]],
        *,
        source: str,
        now: int,
    ) -> StoreResult:
        alert_ids = await self._alert_matches(articles)
        # Every article joins a story (those an alert matched included), so a reader is
        # pushed a story once whether a topic or an alert brought it.
        terms = await self.cpu.run(
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
        return stored

    async def _alert_matches(self, articles: list[Article]) -> dict[int, list[int]]:
        """Batch index -> the readers' alerts its title or text matches."""
        if not articles:
            return {}
        matcher = await self.alerts.matcher(self.db)
        if not len(matcher):
            return {}
        found = {i: matcher.match(a.title, a.body or a.teaser) for i, a in enumerate(articles)}
        return {i: ids for i, ids in found.items() if ids}

    async def _fetched(
        self, feed: FeedRecord, now: int, read: tuple[FetchResult, ParsedFeed] | None = None
    ) -> None:
        """The feed answered: due again after the usual interval. `read`: the document that
        was read (None for a 304), with its validators, the feed's title and site, and any
        parse problem to keep visible."""
        result, parsed = read if read is not None else (None, None)
        await feed_store.record_success(
            self.db,
            feed.id,
            now=now,
            status=FeedStatus.NOT_MODIFIED if read is None else FeedStatus.OK,
            next_fetch_at=now + int(jittered(self.poll_interval)),
            etag=result.etag if result else None,
            last_modified=result.last_modified if result else None,
            title=(parsed.title or None) if parsed else None,
            site_url=parsed.site_url if parsed else None,
            error=parsed.error if parsed else None,
        )

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
        return FeedOutcome(feed.id, feed.url, feed.display_name, PollStatus.ERROR, error=error)

    async def _articles(
        self,
        feed: FeedRecord,
        texts: list[EntryTexts],
        feed_language: str | None,
        now: int,
        deadline: float,
    ) -> tuple[list[Article], list[set[str]]]:
        """The new and changed entries as articles (with their full pages where the feed
        gives only a teaser), each with its body's line keys."""
        keys = entry_keys(feed.url, texts)
        known = await article_store.known_keys(
            self.db,
            guid_keys=[g for g, _ in keys if g is not None],
            url_keys=[u for _, u in keys if u is not None],
        )
        chosen = choose(texts, keys, known)
        pages = await read_pages(
            self.fetcher,
            feed,
            [c.page_link for c in chosen],
            deadline=deadline,
            poll_deadline=self.poll_deadline,
        )
        bodies = [page or c.feed_text for c, page in zip(chosen, pages, strict=True)]
        line_keys = [body_line_keys(body) for body in bodies]
        learned = await feed_store.learned_boilerplate(
            self.db, feed.id, min_articles=BOILERPLATE_MIN_ARTICLES
        )
        learned |= batch_boilerplate(line_keys)
        built = await self.cpu.run(
            len(chosen) >= POOL_MIN_ENTRIES,
            functools.partial(
                build_batch,
                [
                    (c.texts.entry, body, c.texts.fingerprint)
                    for c, body in zip(chosen, bodies, strict=True)
                ],
                feed_url=feed.url,
                feed_language=feed_language,
                fetched_at=now,
                learned_boilerplate=frozenset(learned),
                topics=self.topics.spec,
            ),
        )
        return kept(built, line_keys)

    async def warm_up(self) -> None:
        """Start the worker processes now, so the first big feed does not wait for them."""
        await self.cpu.warm_up()

    def close(self) -> None:
        self.cpu.close()
