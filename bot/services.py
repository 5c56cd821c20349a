"""Everything the bot needs at run time, opened once at start and closed at the end."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.alert_catalog import AlertCatalog
from bot.breaker import Breaker
from bot.briefing import Briefing
from bot.cluster import Cluster
from bot.ingest import Ingestor
from bot.metrics import Metrics
from bot.settings import Settings
from bot.topic_catalog import TopicCatalog
from news.fetch import Fetcher
from news.samples import SAMPLE_HOSTS, SampleSiteTransport
from news.topics import Topic, load_topics
from storage import feeds as feed_store
from storage import search as search_store
from storage import topics as topic_store
from storage.db import Database


@dataclass
class Services:
    settings: Settings
    db: Database
    fetcher: Fetcher
    topics: TopicCatalog
    ingestor: Ingestor
    briefing: Briefing
    clock: Callable[[], float] = time.time
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    metrics: Metrics = field(default_factory=Metrics)
    # Whether Telegram is reachable, as the outbox worker sees it (tokens: delivery ids).
    breaker: Breaker[tuple[int, ...]] = field(default_factory=Breaker)
    # Leases shared with other instances on the same database (bot/cluster.py).
    cluster: Cluster | None = None

    def now(self) -> int:
        return int(self.clock())

    @property
    def alerts(self) -> AlertCatalog:
        """The readers' alerts ingest matches: handlers mark them changed here."""
        return self.ingestor.alerts

    def holds(self, role: str) -> bool:
        """Whether this instance does `role` now (always, when it runs alone)."""
        return self.cluster is None or self.cluster.holds(role)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    async def close(self) -> None:
        if self.cluster is not None:
            await self.cluster.stop()
        await self.ingestor.stop_polls()
        self.ingestor.close()
        await self.fetcher.aclose()
        await self.db.close()


async def open_services(
    settings: Settings,
    *,
    default_feeds: Sequence[str] = (),
    clock: Callable[[], float] = time.time,
) -> Services:
    """Open the database (migrating it), load topics, add configured feeds, build the fetcher.

    Raises TopicsFileError for a bad topics file and SchemaTooNewError for a newer database.
    """
    topic_list = load_topics(settings.topics_file)
    db = await Database(settings.database).open()
    try:
        catalog = await _prepare(db, settings, topic_list, default_feeds, clock)
    except BaseException:
        await db.close()
        raise
    # The reserved .example hosts are the bundled sample site, served from the package.
    sample_site = SampleSiteTransport()
    fetcher = Fetcher(
        allow_private_network=settings.allow_private_network,
        local_sites={host: sample_site for host in SAMPLE_HOSTS},
    )
    metrics = Metrics()
    ingestor = Ingestor(
        db=db,
        fetcher=fetcher,
        topics=catalog,
        poll_interval=settings.poll_interval,
        clock=clock,
        metrics=metrics,
        # Worker processes only pay off with a second core to run on.
        workers=2 if (os.cpu_count() or 1) > 1 else 0,
    )
    return Services(
        settings=settings,
        db=db,
        fetcher=fetcher,
        topics=catalog,
        ingestor=ingestor,
        briefing=Briefing(db),
        clock=clock,
        admin_ids=frozenset(settings.admin_ids),
        metrics=metrics,
        breaker=Breaker(clock=clock),
        cluster=Cluster(db, clock=clock, metrics=metrics),
    )


async def _prepare(
    db: Database,
    settings: Settings,
    topic_list: Sequence[Topic],
    default_feeds: Sequence[str],
    clock: Callable[[], float],
) -> TopicCatalog:
    """Bring the opened database up to the configuration: the search index's backlog, the
    topics file's topics, the configured feeds. Returns the topics in force."""
    # Articles stored before the stemmed index existed (or by a path that skipped it).
    await search_store.index_backlog(db)
    now = int(clock())
    await topic_store.sync_file_topics(
        db,
        [(topic.name, topic.keywords) for topic in topic_list],
        now=now,
        stemmed={topic.name: topic.stemmed for topic in topic_list},
    )
    feeds = settings.feeds if settings.feeds is not None else list(default_feeds)
    for url in feeds:
        await feed_store.add_feed(db, url, now=now)
    catalog = TopicCatalog()
    await catalog.reload(db)
    return catalog
