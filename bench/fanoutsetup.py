"""The fan-out benchmark's setup and drain loop: N readers of one topic, one new story
queued to all of them through `store_articles`, the real Application and its DeliveryWorker,
then drains until the outbox is empty; and the check of what every chat received."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.fanoutapi import LimitedTelegram
from bot.app import build_application
from bot.delivery import DeliveryWorker
from bot.local_api import LocalBotApi
from bot.services import Services, open_services
from bot.settings import Settings
from news.dedupe import content_key, guid_key, url_key
from news.models import Article
from news.normalize import canonical_url
from storage import deliveries as outbox
from storage.articles import store_articles
from testkit import pgscratch

TOPIC = "CSTO"
IDLE_PAUSE = 0.2
# --database URL: each scenario runs in a scratch schema on that PostgreSQL server.
DATABASE_URL: str | None = None
TITLE = "CSTO defence ministers meet in Minsk without Armenia"
URL = "https://bench.example/news/csto-ministers-minsk"
BODY = (
    "Defence ministers of the Collective Security Treaty Organization met in Minsk on "
    "Tuesday without an Armenian delegation, the third such meeting Yerevan has skipped "
    "this year. Officials said the talks covered joint exercises and the alliance budget. "
    "Armenia's defence ministry said its position on the CSTO had not changed."
)


@dataclass
class Bench:
    services: Services
    app: Any
    telegram: LimitedTelegram
    chats: int
    setup_seconds: float

    @property
    def worker(self) -> DeliveryWorker:
        return self.app.bot_data.delivery

    async def close(self) -> None:
        await self.app.shutdown()
        await self.services.close()
        if self.scratch is not None:
            pgscratch.drop(*self.scratch)

    # (server URL, schema) of a PostgreSQL scratch schema, dropped on close.
    scratch: tuple[str, str] | None = None


def channel_ids(count: int) -> range:
    """Channel ids as Telegram gives them (-100...)."""
    return range(-1_000_000_000_001, -1_000_000_000_001 - count, -1)


def story() -> Article:
    canonical = canonical_url(URL)
    return Article(
        guid=URL,
        url=URL,
        title=TITLE,
        author=None,
        published_at=int(time.time()),
        teaser=BODY[:200],
        body=BODY,
        language="en",
        guid_key=guid_key("https://bench.example/rss.xml", URL),
        url_key=url_key(canonical),
        content_key=content_key(TITLE, BODY),
        topics=[TOPIC],
    )


class SkewClock:
    """The bot's clock: real time plus whatever the bench has skipped ahead."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


async def _subscribe(services: Services, chats: int, channels: int, now: int) -> None:
    """`chats` private readers of the topic, and `channels` channels linked to it."""
    topic_id = services.topics.ids_by_name[TOPIC]
    async with services.db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO chats (id, type, title, language, created_at, updated_at) "
            "VALUES (?, 'private', ?, 'en', ?, ?)",
            [(chat_id, f"Reader {chat_id}", now, now) for chat_id in range(1, chats + 1)],
        )
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)",
            [(chat_id, topic_id, now) for chat_id in range(1, chats + 1)],
        )
        if channels:  # linked by an admin, as /addchannel does
            await conn.executemany(
                "INSERT INTO chats (id, type, title, language, created_at, updated_at, "
                "linked_by) VALUES (?, 'channel', ?, 'en', ?, ?, 1)",
                [(c, f"Channel {c}", now, now) for c in channel_ids(channels)],
            )
            await conn.executemany(
                "INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)",
                [(c, topic_id, now) for c in channel_ids(channels)],
            )


async def _queue_story(services: Services, expected: int, now: int) -> None:
    """The story stored as ingest stores it, which queues it for every reader."""
    result = await store_articles(
        services.db,
        feed_id=None,
        source="Bench Wire",
        fetched_at=now,
        articles=[story()],
        topic_ids=services.topics.ids_by_name,
    )
    if len(result.new_ids) != 1:
        raise SystemExit(f"setup: stored {result.new_ids!r}, expected one new article")
    counts = await outbox.status_counts(services.db)
    if counts != {"pending": expected}:
        raise SystemExit(f"setup: outbox holds {counts}, expected {expected} pending")


def _database(tmp: Path) -> tuple[str, tuple[str, str] | None]:
    """A SQLite file in `tmp`, or with --database a scratch schema (server URL, schema)."""
    if DATABASE_URL is None:
        return str(tmp / "fanout.db"), None
    database, schema = pgscratch.create(DATABASE_URL)
    return database, (DATABASE_URL, schema)


async def prepare(
    tmp: Path,
    *,
    chats: int,
    send_rate: float,
    limit: int | None,
    analyze: bool = False,
    clock: SkewClock | None = None,
    paid: bool = False,
    paid_limit: int | None = None,
    channels: int = 0,
) -> Bench:
    started = time.perf_counter()
    database, scratch = _database(tmp)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database=database,
        feeds=[],
        send_rate=send_rate,
        paid_broadcast=paid,
    )
    services = await open_services(settings, clock=clock or time.time)
    now = services.now()
    await _subscribe(services, chats, channels, now)
    await _queue_story(services, chats + channels, now)
    if analyze and not services.db.is_postgres:  # what-if: planner statistics
        async with services.db.transaction() as conn:
            await conn.execute("ANALYZE")
    tg = LimitedTelegram(limit, paid_limit)
    app = build_application(
        services, token="1:BENCH", request=LocalBotApi(tg), concurrent_updates=False
    )
    await app.initialize()
    tg.reset()
    return Bench(services, app, tg, chats, time.perf_counter() - started, scratch)


# --- running and checking --------------------------------------------------------------------


@dataclass
class Outcome:
    name: str
    chats: int
    finished: bool
    elapsed: float
    drains: int
    accepted: int
    refused_429: int
    other_status: dict[int, int]
    duplicates: int
    lost: int
    strangers: int
    db_counts: dict[str, int]
    rescheduled: int
    wrong_text: int
    stand_in_seconds: float
    setup_seconds: float
    accepted_at: list[float] = field(default_factory=list)
    refused_at: list[float] = field(default_factory=list)
    started_at: float = 0.0

    @property
    def rate(self) -> float:
        return self.accepted / self.elapsed if self.elapsed else 0.0

    @property
    def db_ok(self) -> bool:
        return self.db_counts == {"sent": self.chats}

    @property
    def clean(self) -> bool:
        return self.duplicates == 0 and self.lost == 0 and self.strangers == 0


async def pending(bench: Bench) -> int:
    return (await outbox.status_counts(bench.services.db)).get("pending", 0)


async def drain_until_empty(bench: Bench, *, budget: float) -> tuple[float, int, bool, float]:
    """Drain until nothing is pending or the budget is spent: (elapsed, drains, finished,
    monotonic start)."""
    worker = bench.worker
    start_mono = time.monotonic()
    start = time.perf_counter()
    drains = 0
    finished = False
    while True:
        report = await worker.drain()
        drains += 1
        if await pending(bench) == 0:
            finished = True
            break
        if time.perf_counter() - start > budget:
            break
        if report.sent == 0:
            await asyncio.sleep(IDLE_PAUSE)
    return time.perf_counter() - start, drains, finished, start_mono


async def check(
    bench: Bench, name: str, elapsed: float, drains: int, finished: bool, start_mono: float
) -> Outcome:
    tg = bench.telegram
    db = bench.services.db
    expected = range(1, bench.chats + 1)
    duplicates = sum(1 for count in tg.per_chat.values() if count > 1)
    lost = sum(1 for chat_id in expected if tg.per_chat[chat_id] == 0)
    strangers = sum(1 for chat_id in tg.per_chat if not 1 <= chat_id <= bench.chats)
    wrong_text = sum(1 for m in tg.sent if TITLE not in m.plain)
    rescheduled = int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM deliveries WHERE last_error LIKE 'flood wait%'", default=0
        )
    )
    other = {code: n for code, n in tg.statuses.items() if code not in (200, 429)}
    return Outcome(
        name=name,
        chats=bench.chats,
        finished=finished,
        elapsed=elapsed,
        drains=drains,
        accepted=len(tg.accepted_at),
        refused_429=len(tg.refused_at),
        other_status=other,
        duplicates=duplicates,
        lost=lost,
        strangers=strangers,
        db_counts=await outbox.status_counts(db),
        rescheduled=rescheduled,
        wrong_text=wrong_text,
        stand_in_seconds=tg.handle_seconds,
        setup_seconds=bench.setup_seconds,
        accepted_at=list(tg.accepted_at),
        refused_at=list(tg.refused_at),
        started_at=start_mono,
    )
