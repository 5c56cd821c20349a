"""Fan-out: one new story to thousands of subscribers through the real outbox worker.

Run from the repository root:

    .venv/bin/python -m bench.fanout              # B (10,000 chats), then A (10,000: ~6-7 min)
    .venv/bin/python -m bench.fanout --quick      # B, then A with 1,500 chats (~50 s)
    .venv/bin/python -m bench.fanout --scenario a --chats 3000
    .venv/bin/python -m bench.fanout --scenario b --profile
    .venv/bin/python -m bench.fanout --scenario outage --quick   # ~1.5 min
    .venv/bin/python -m bench.fanout --scenario outage           # 10,000 chats: ~6-7 min
    .venv/bin/python -m bench.fanout --database postgresql://postgres@127.0.0.1/test
                                  # the same on PostgreSQL, each scenario in a scratch schema

Everything is the production path: `open_services` on a SQLite file in a temporary
directory, the Application from `bot.app.build_application`, its `DeliveryWorker` with the
real `FloodControl` and the real `asyncio.sleep`, the real clock. Setup registers N private
chats subscribed to "CSTO" and stores ONE new CSTO article with `store_articles`, which
queues N deliveries in the same transaction. Then `worker.drain()` runs in a loop (a pause
of 0.2 s when a drain sent nothing) until the outbox is empty or the time budget is spent.

* A, rate-limited: send_rate=30 and a Bot API stand-in that accepts at most 30 sendMessage
  in any sliding second and answers the 31st with a real 429 (retry_after 1), which
  python-telegram-bot raises as RetryAfter. Figures: accepted/elapsed as a share of 30/s
  (target >= 97 %), 429s, duplicates, lost, delivery statuses.
* B, limit lifted: the stand-in accepts everything; send_rate=1000 with paid broadcasts (the
  highest setting; without NEWSBRIEF_PAID_BROADCAST the rate is held to 30/s);
  10,000 chats. Figures: messages/s (target >= 1,000/s on 2 cores), duplicates, lost, peak
  RSS. A second row runs the same pipeline with pacing out of the way (FloodControl at
  1,000,000/s) to show what the pipeline itself sustains: with send_rate=1000 the pacing
  spaces sends exactly 1 ms apart, so the first row can approach 1,000/s but never pass it. `--profile` adds a cProfile of
  one B drain (top 30 cumulative, event-loop thread) and the SQLite round trips per message.

* Outage, scenario A with Telegram down for 5 minutes in the middle: once half the chats
  were accepted, the stand-in answers every request (sendMessage and the breaker's getMe
  probes) with 502 Bad Gateway, then, for the second half of the downtime, with timeouts.
  The downtime passes on the bot's clock (the services clock: outbox times, the breaker's
  probes) in 5-second jumps, a drain (the job queue's tick) after each, so it costs no real
  time; sending before and after runs in real time against the real 30/s pacing. Figures:
  sends that failed (the breaker should stop after the first few), probes, time from
  recovery to the first accept (the probe backoff, at most 30 s) and to the last, the rate
  after recovery (share of 30/s, never 31 in a sliding second), 429s, lost, duplicates,
  attempts counted against deliveries (should be 0), dead letters (should be 0).

B runs first so its peak RSS is the process's. Exit status 1 when any chat got the story
twice or never.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import itertools
import logging
import math
import os
import platform
import pstats
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosqlite
import telegram

from bench import pgscratch
from bot.app import build_application
from bot.delivery import CONCURRENT_CHATS, DeliveryWorker
from bot.flood import FloodControl
from bot.local_api import BAD_GATEWAY, TIMEOUT, BotApiError, FakeTelegram, LocalBotApi
from bot.services import Services, open_services
from bot.settings import Settings
from news.dedupe import content_key, guid_key, url_key
from news.models import Article
from news.normalize import canonical_url
from storage import deliveries as outbox
from storage.articles import store_articles

TOPIC = "CSTO"
TELEGRAM_LIMIT = 30  # messages per sliding second the stand-in accepts in scenario A
RETRY_AFTER = 1
TARGET_SHARE = 0.97  # of the limit, scenario A
TARGET_RATE = 1000.0  # messages per second, scenario B
PAID_LIMIT = 1000  # messages per sliding second the stand-in accepts in all, paid scenario
CHANNELS = 200  # linked channels in the channel scenario
IDLE_PAUSE = 0.2
QUICK_CHATS = 1500
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


# --- the Bot API stand-in ------------------------------------------------------------------


class LimitedTelegram(FakeTelegram):
    """FakeTelegram whose sendMessage accepts at most `limit` messages in any sliding second
    and answers a 429 with retry_after beyond that; limit None accepts everything. Keeps
    per-chat counts and the time of every attempt; the call log is bounded."""

    def __init__(self, limit: int | None, paid_limit: int | None = None) -> None:
        super().__init__()
        self.limit = limit
        # Paid broadcasts: `limit` counts only sends without allow_paid_broadcast, and
        # `paid_limit` counts every send.
        self.paid_limit = paid_limit
        self.all_window: deque[float] = deque()
        self.paid_accepted = 0
        self.calls = deque(maxlen=200)  # type: ignore[assignment]
        self.window: deque[float] = deque()
        self.accepted_at: list[float] = []
        self.refused_at: list[float] = []
        self.per_chat: Counter[int] = Counter()
        self.statuses: Counter[int] = Counter()
        self.other_errors: list[str] = []
        self.handle_seconds = 0.0
        # Outage scenario: Telegram goes down (502) once this many messages were accepted.
        self.down_after: int | None = None
        self.down_at = 0.0

    def reset(self) -> None:
        self.window.clear()
        self.accepted_at.clear()
        self.refused_at.clear()
        self.per_chat.clear()
        self.statuses.clear()
        self.other_errors.clear()
        self.all_window.clear()
        self.paid_accepted = 0
        self.sent.clear()
        self.messages.clear()
        self.handle_seconds = 0.0

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        started = time.perf_counter()
        status, response = super().handle(method, params)
        self.handle_seconds += time.perf_counter() - started
        if method == "sendMessage":
            self.statuses[status] += 1
            if status not in (200, 429) and len(self.other_errors) < 5:
                self.other_errors.append(str(response.get("description")))
        return status, response

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        now = time.monotonic()
        paid = bool(params.get("allow_paid_broadcast"))
        if self.paid_limit is not None:
            self._refuse_over(self.all_window, self.paid_limit, now)
        if self.limit is not None and not paid:
            self._refuse_over(self.window, self.limit, now)
        result = super()._api_sendMessage(params)
        if not paid:
            self.window.append(now)
        self.all_window.append(now)
        self.paid_accepted += paid
        self.accepted_at.append(now)
        self.per_chat[int(params["chat_id"])] += 1
        if self.down_after is not None and len(self.accepted_at) == self.down_after:
            self.outage, self.down_at = BAD_GATEWAY, now
        return result

    def _refuse_over(self, window: deque[float], limit: int, now: float) -> None:
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= limit:
            self.refused_at.append(now)
            raise BotApiError(
                429,
                f"Too Many Requests: retry after {RETRY_AFTER}",
                {"retry_after": RETRY_AFTER},
            )


# --- setup -----------------------------------------------------------------------------------


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
    scratch: tuple[str, str] | None = None
    database: str = str(tmp / "fanout.db")
    if DATABASE_URL is not None:
        database, schema = pgscratch.create(DATABASE_URL)
        scratch = (DATABASE_URL, schema)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database=database,
        feeds=[],
        send_rate=send_rate,
        paid_broadcast=paid,
    )
    services = await open_services(settings, clock=clock or time.time)
    now = services.now()
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
    if counts != {"pending": chats + channels}:
        raise SystemExit(f"setup: outbox holds {counts}, expected {chats + channels} pending")
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


# --- reporting -------------------------------------------------------------------------------


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def verdict(ok: bool) -> str:
    return "ok" if ok else "FAIL"


def row(label: str, value: str, target: str = "", result: str = "") -> None:
    if len(value) > 16 and not target:
        print(f"  {label:<38}{value}")
    else:
        print(f"  {label:<38}{value:>16}   {target:<14}{result}".rstrip())


def print_common(out: Outcome) -> None:
    row(
        "duplicates (chats with >1 message)",
        f"{out.duplicates:,}",
        "0",
        verdict(out.duplicates == 0),
    )
    row("lost (chats with none)", f"{out.lost:,}", "0", verdict(out.lost == 0))
    if out.strangers:
        row("messages to unknown chats", f"{out.strangers:,}", "0", "FAIL")
    if out.wrong_text:
        row("messages without the story title", f"{out.wrong_text:,}", "0", "FAIL")
    if out.other_status:
        row("other sendMessage answers", str(out.other_status), "none", "FAIL")
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(out.db_counts.items()))
    row("DB deliveries", counts, f"sent {out.chats:,}", verdict(out.db_ok))
    if not out.finished:
        row("finished within the budget", "no", "yes", "FAIL")


def gap_stats(out: Outcome) -> tuple[float, float, float, float]:
    """Gaps between consecutive sendMessage attempts (ms): median, p1, p99; and the shortest
    span of LIMIT+1 consecutive attempts (s), below 1.0 meaning a 429 was bound to happen."""
    attempts = sorted(out.accepted_at + out.refused_at)
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(attempts)]
    if len(gaps) < 2:
        return 0.0, 0.0, 0.0, 0.0
    qs = statistics.quantiles(gaps, n=100)
    span = min(
        (attempts[i + TELEGRAM_LIMIT] - attempts[i] for i in range(len(attempts) - TELEGRAM_LIMIT)),
        default=0.0,
    )
    return statistics.median(gaps), qs[0], qs[98], span


def timeline(out: Outcome, buckets: int = 6) -> list[tuple[str, str]]:
    """Accepted messages/s and 429s per slice of the run, to see where the rate went."""
    if not out.accepted_at:
        return []
    end = out.accepted_at[-1] - out.started_at
    width = max(10.0, end / buckets)
    slices = max(1, math.ceil(end / width - 1e-9))

    def index(t: float) -> int:
        return min(slices - 1, max(0, int((t - out.started_at) // width)))

    sent = Counter(index(t) for t in out.accepted_at)
    refused = Counter(index(t) for t in out.refused_at)
    lengths = [width] * (slices - 1) + [max(end - width * (slices - 1), 1e-9)]
    rates = " ".join(f"{sent[i] / lengths[i]:.1f}" for i in range(slices))
    errors = " ".join(str(refused[i]) for i in range(slices))
    return [(f"msgs/s per {width:.0f} s slice", rates), (f"429s per {width:.0f} s slice", errors)]


def print_a(out: Outcome) -> None:
    share = out.rate / TELEGRAM_LIMIT
    ideal = out.chats / TELEGRAM_LIMIT
    print()
    print(
        f"Scenario A: rate-limited ({out.chats:,} chats, send_rate=30, stand-in allows "
        f"{TELEGRAM_LIMIT}/sliding s, 429 retry_after={RETRY_AFTER})"
    )
    print("  " + "-" * 86)
    row("setup (chats, subscriptions, story)", f"{out.setup_seconds:.2f} s")
    row("elapsed (drain loop)", f"{out.elapsed:.1f} s", f"ideal {ideal:.1f} s")
    row("drains", f"{out.drains}")
    row("accepted messages", f"{out.accepted:,}")
    row("effective rate", f"{out.rate:.2f}/s")
    row(
        "  share of the 30/s limit",
        f"{share:.1%}",
        f">= {TARGET_SHARE:.0%}",
        verdict(share >= TARGET_SHARE),
    )
    row("429 answers received", f"{out.refused_429:,}")
    row("deliveries rescheduled (flood wait)", f"{out.rescheduled:,}")
    if out.refused_at:
        first = ", ".join(f"{t - out.started_at:.1f}" for t in out.refused_at[:8])
        more = " ..." if len(out.refused_at) > 8 else ""
        row("429s at (s into the run)", first + more)
    if out.accepted_at:
        row(
            "first/last accept (s into the run)",
            f"{out.accepted_at[0] - out.started_at:.2f} / "
            f"{out.accepted_at[-1] - out.started_at:.1f}",
        )
    for label, line in timeline(out):
        row(label, line)
    median, p1, p99, span = gap_stats(out)
    row("send gap median / p1 / p99", f"{median:.1f}/{p1:.1f}/{p99:.1f} ms", "33.3 ms")
    row(f"shortest span of {TELEGRAM_LIMIT + 1} attempts", f"{span:.3f} s", "> 1.000 s")
    print_common(out)


def print_b(out: Outcome, label: str, peak: float, base: float) -> None:
    print()
    print(f"Scenario B: {label} ({out.chats:,} chats, stand-in accepts everything)")
    print("  " + "-" * 86)
    row("setup (chats, subscriptions, story)", f"{out.setup_seconds:.2f} s")
    row("elapsed (drain loop)", f"{out.elapsed:.2f} s")
    row("drains", f"{out.drains}")
    row("accepted messages", f"{out.accepted:,}")
    row(
        "messages/s sustained",
        f"{out.rate:,.0f}",
        f">= {TARGET_RATE:,.0f}/s",
        verdict(out.rate >= TARGET_RATE),
    )
    if out.accepted_at:
        span = out.accepted_at[-1] - out.accepted_at[0]
        if span > 0:
            row("  first->last accept rate", f"{(out.accepted - 1) / span:,.0f}/s")
        row("  time to first accept", f"{(out.accepted_at[0] - out.started_at) * 1000:.0f} ms")
    row(
        "stand-in (FakeTelegram.handle) time",
        f"{out.stand_in_seconds:.2f} s",
        f"{out.stand_in_seconds / out.elapsed:.0%} of run" if out.elapsed else "",
    )
    rest = out.elapsed - out.stand_in_seconds
    if rest > 0:
        row("  rate without stand-in time", f"{out.accepted / rest:,.0f}/s")
    row("429 answers received", f"{out.refused_429:,}")
    print_common(out)
    row("RSS at start / process peak", f"{base:.0f} / {peak:.0f} MB")


# --- profiling -------------------------------------------------------------------------------


@contextmanager
def count_round_trips(db: Any) -> Iterator[Counter[str]]:
    """Counts every request handed to an aiosqlite connection thread (each a hop to that
    thread and back), by connection, and the seconds the thread spent on them."""
    tally: Counter[str] = Counter()
    seconds: dict[str, float] = {}
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        name = "writer" if self is db._writer else "reader" if self is db._reader else "other"
        tally[name] += 1

        def timed() -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

        return await original(self, timed)

    aiosqlite.Connection._execute = counted  # type: ignore[method-assign]
    try:
        yield tally
    finally:
        aiosqlite.Connection._execute = original  # type: ignore[method-assign]
        for name, spent in seconds.items():
            tally[name + " ms"] = round(spent * 1000)


async def profile_b(chats: int, *, analyze: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="fanout-prof-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=1000, limit=None, analyze=analyze, paid=True
        )
        profiler = cProfile.Profile()
        try:
            with count_round_trips(bench.services.db) as tally:
                profiler.enable()
                elapsed, drains, finished, start = await drain_until_empty(bench, budget=300)
                profiler.disable()
            out = await check(bench, "profiled", elapsed, drains, finished, start)
        finally:
            await bench.close()
    print()
    print(
        f"cProfile of scenario B, send_rate=1000: {out.accepted:,} messages in "
        f"{out.elapsed:.2f} s under the profiler ({out.rate:,.0f}/s); event-loop thread "
        "only, SQLite runs in aiosqlite's threads (below)"
    )
    for order, count in (("cumulative", 30), ("tottime", 15)):
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats(order).print_stats(count)
        print()
        print(f"top {count} by {order}:")
        print(stream.getvalue().strip())
    print()
    print(
        "aiosqlite round trips in the drain loop (each a hop to the connection's thread "
        "and back to the event loop):"
    )
    per = max(out.accepted, 1)
    for name in ("reader", "writer", "other"):
        if tally[name]:
            print(
                f"  {name:<7}{tally[name]:>9,} requests  {tally[name] / per:>5.1f} per message"
                f"  {tally[name + ' ms'] / 1000:>6.2f} s inside sqlite3 on its thread"
            )


# --- outage: Telegram down for 5 minutes in the middle of scenario A -------------------------

DOWNTIME = 300  # seconds of the bot's clock
DOWN_STEP = 5


@dataclass
class OutageOutcome:
    base: Outcome
    failed_sends: int
    probes: int
    outages: int
    paused_at_accept: int
    first_after: float  # s from recovery to the first accept
    last_after: float  # s from recovery to the last accept
    accepted_after: int
    refused_after: int
    rate_after: float
    span_after: float  # shortest span of LIMIT+1 attempts after recovery
    max_attempts: int
    log_lines: list[str]


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


async def scenario_outage(chats: int, budget: float) -> OutageOutcome:
    clock = SkewClock()
    collect = Collect()
    logging.getLogger("bot.delivery").addHandler(collect)
    with tempfile.TemporaryDirectory(prefix="fanout-outage-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=30, limit=TELEGRAM_LIMIT, clock=clock
        )
        tg, worker, breaker = bench.telegram, bench.worker, bench.services.breaker
        tg.down_after = chats // 2
        try:
            start_mono = time.monotonic()
            start = time.perf_counter()
            drains = 0
            # Before: real time, until the stand-in went down and the breaker noticed.
            while breaker.closed and await pending(bench):
                report = await worker.drain()
                drains += 1
                if report.sent == 0:
                    await asyncio.sleep(IDLE_PAUSE)
            paused_at = len(tg.accepted_at)
            # Down: 5 minutes of the bot's clock, 502s then timeouts, a tick every 5 s.
            for step in range(DOWNTIME // DOWN_STEP):
                if step * DOWN_STEP >= DOWNTIME / 2:
                    tg.outage = TIMEOUT
                clock.offset += DOWN_STEP
                await worker.drain()
                drains += 1
            timeouts = sum(1 for c in tg.calls if c.method == "sendMessage" and c.status == 0)
            # Back: real time again, until the outbox is empty.
            tg.outage = None
            recovered = time.monotonic()
            while await pending(bench) and time.perf_counter() - start < budget:
                report = await worker.drain()
                drains += 1
                if report.sent == 0:
                    await asyncio.sleep(IDLE_PAUSE)
            elapsed = time.perf_counter() - start
            out = await check(
                bench, "outage", elapsed, drains, await pending(bench) == 0, start_mono
            )
            max_attempts = int(
                await bench.services.db.fetch_value(
                    "SELECT MAX(attempts) FROM deliveries", default=0
                )
            )
        finally:
            await bench.close()
            logging.getLogger("bot.delivery").removeHandler(collect)
    failed = timeouts + sum(n for code, n in tg.statuses.items() if code not in (200, 429))
    out.other_status = {}  # the outage's 502s are expected; reported as failed sends
    after = [t for t in out.accepted_at if t >= recovered]
    refused_after = [t for t in out.refused_at if t >= recovered]
    attempts = sorted(after + refused_after)
    span = min(
        (attempts[i + TELEGRAM_LIMIT] - attempts[i] for i in range(len(attempts) - TELEGRAM_LIMIT)),
        default=0.0,
    )
    rate = (len(after) - 1) / (after[-1] - after[0]) if len(after) > 1 else 0.0
    return OutageOutcome(
        base=out,
        failed_sends=failed,
        probes=breaker.probes + 1,  # the failed ones and the one Telegram answered
        outages=breaker.outages,
        paused_at_accept=paused_at,
        first_after=(after[0] - recovered) if after else float("nan"),
        last_after=(after[-1] - recovered) if after else float("nan"),
        accepted_after=len(after),
        refused_after=len(refused_after),
        rate_after=rate,
        span_after=span,
        max_attempts=max_attempts,
        log_lines=collect.lines,
    )


def print_outage(o: OutageOutcome) -> None:
    out = o.base
    print()
    print(
        f"Outage: scenario A ({out.chats:,} chats, send_rate=30, stand-in allows "
        f"{TELEGRAM_LIMIT}/sliding s) with Telegram down for {DOWNTIME} s of the bot's clock "
        f"after {out.chats // 2:,} accepts (502, then timeouts)"
    )
    print("  " + "-" * 86)
    row("setup (chats, subscriptions, story)", f"{out.setup_seconds:.2f} s")
    row("accepted before the outage", f"{o.paused_at_accept:,}")
    row("sends that failed (502/timeout)", f"{o.failed_sends:,}", "<= a few")
    row("getMe probes during the outage", f"{o.probes:,}")
    row("outages the breaker counted", f"{o.outages}", "1", verdict(o.outages == 1))
    row(
        "recovery -> first accept",
        f"{o.first_after:.1f} s",
        "<= 30 s",
        verdict(o.first_after <= 30),
    )
    row("recovery -> outbox drained", f"{o.last_after:.1f} s")
    ideal = o.accepted_after / TELEGRAM_LIMIT
    row("  of which sending", f"{o.last_after - o.first_after:.1f} s", f"ideal {ideal:.1f} s")
    row("accepted after recovery", f"{o.accepted_after:,}")
    share = o.rate_after / TELEGRAM_LIMIT
    row(
        "rate after recovery",
        f"{o.rate_after:.2f}/s ({share:.1%})",
        f">= {TARGET_SHARE:.0%}",
        verdict(share >= TARGET_SHARE),
    )
    row(
        f"shortest span of {TELEGRAM_LIMIT + 1} attempts after",
        f"{o.span_after:.3f} s",
        "> 1.000 s",
        verdict(o.span_after > 1.0),
    )
    row("429 answers after recovery", f"{o.refused_after:,}", "0", verdict(o.refused_after == 0))
    row(
        "attempts counted (max per delivery)",
        f"{o.max_attempts}",
        "0",
        verdict(o.max_attempts == 0),
    )
    row("total elapsed (real)", f"{out.elapsed:.1f} s")
    print_common(out)
    began = sum(1 for line in o.log_lines if line.startswith("Telegram unreachable"))
    ended = sum(1 for line in o.log_lines if line.startswith("Telegram reachable again"))
    row(
        "log lines: outage began / ended",
        f"{began} / {ended}",
        "1 / 1",
        verdict((began, ended) == (1, 1)),
    )


# --- main ------------------------------------------------------------------------------------


async def scenario_a(chats: int, budget: float, *, analyze: bool) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="fanout-a-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=30, limit=TELEGRAM_LIMIT, analyze=analyze
        )
        try:
            elapsed, drains, finished, start = await drain_until_empty(bench, budget=budget)
            out = await check(bench, "A", elapsed, drains, finished, start)
        finally:
            await bench.close()
    print_a(out)
    return out


async def scenario_b(chats: int, *, pacing_off: bool, analyze: bool) -> Outcome:
    base = rss_mb()
    with tempfile.TemporaryDirectory(prefix="fanout-b-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=1000, limit=None, analyze=analyze, paid=True
        )
        try:
            if pacing_off:
                bench.worker.flood = FloodControl(1_000_000.0)
            elapsed, drains, finished, start = await drain_until_empty(bench, budget=600)
            out = await check(bench, "B", elapsed, drains, finished, start)
        finally:
            await bench.close()
    label = (
        "pacing out of the way (FloodControl 1,000,000/s): what the pipeline sustains"
        if pacing_off
        else "send_rate=1000 (the highest allowed setting)"
    )
    print_b(out, label, peak_rss_mb(), base)
    return out


async def scenario_paid(chats: int, rate: float) -> Outcome:
    """Paid broadcasts: send_rate=`rate` (1000 by default) with NEWSBRIEF_PAID_BROADCAST;
    the stand-in refuses (429) a 31st free send in a sliding second and a 1,001st send of
    any kind."""
    with tempfile.TemporaryDirectory(prefix="fanout-paid-") as tmp:
        bench = await prepare(
            Path(tmp),
            chats=chats,
            send_rate=rate,
            limit=TELEGRAM_LIMIT,
            paid=True,
            paid_limit=PAID_LIMIT,
        )
        try:
            elapsed, drains, finished, start = await drain_until_empty(bench, budget=120)
            out = await check(bench, "paid", elapsed, drains, finished, start)
            paid = bench.telegram.paid_accepted
        finally:
            await bench.close()
    share = out.rate / rate
    print()
    print(
        f"Scenario paid: {out.chats:,} chats, send_rate={rate:g} with paid broadcasts; "
        f"stand-in allows {TELEGRAM_LIMIT} free and {PAID_LIMIT} in all per sliding s"
    )
    print("  " + "-" * 86)
    row("elapsed (drain loop)", f"{out.elapsed:.2f} s", f"ideal {out.chats / rate:.1f} s")
    row("accepted messages", f"{out.accepted:,}")
    row("  of them paid (allow_paid_broadcast)", f"{paid:,}")
    row("  free", f"{out.accepted - paid:,}")
    row("effective rate", f"{out.rate:.1f}/s")
    row(
        f"  share of {rate:,.0f}/s",
        f"{share:.1%}",
        f">= {TARGET_SHARE:.0%}",
        verdict(share >= TARGET_SHARE),
    )
    if len(out.accepted_at) > 1:
        span = out.accepted_at[-1] - out.accepted_at[0]
        row("  first->last accept rate", f"{(out.accepted - 1) / span:,.1f}/s")
        row("  time to first accept", f"{(out.accepted_at[0] - out.started_at) * 1000:.0f} ms")
    row("429 answers received", f"{out.refused_429:,}")
    print_common(out)
    return out


@dataclass
class ChannelOutcome:
    clean: bool
    name: str = "channels"


async def scenario_channels(chats: int, channels: int, *, full: bool) -> ChannelOutcome:
    """One story to `channels` linked channels and `chats` private chats at the free 30/s
    (the stand-in refusing a 31st message in a sliding second): channels go first. Stops
    once every channel has its post, unless `full`, which drains the private chats too."""
    with tempfile.TemporaryDirectory(prefix="fanout-channels-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=30, limit=TELEGRAM_LIMIT, channels=channels
        )
        wanted = set(channel_ids(channels))
        order: list[tuple[float, bool]] = []
        all_posted = asyncio.Event()

        def seen(message: Any) -> None:
            order.append((time.monotonic(), message.chat_id in wanted))
            if sum(1 for _, is_channel in order if is_channel) >= channels:
                all_posted.set()

        bench.telegram.listeners.append(seen)
        start = time.monotonic()
        budget = (chats + channels) / TELEGRAM_LIMIT * 1.5 + 60 if full else 120
        drain = asyncio.create_task(drain_until_empty(bench, budget=budget))
        try:
            if full:
                await drain
            else:
                posted = asyncio.create_task(all_posted.wait())
                await asyncio.wait([posted, drain], return_when=asyncio.FIRST_COMPLETED)
                posted.cancel()
                await bench.worker.stop()
                drain.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await drain
            per_chat = bench.telegram.per_chat
            counts = await outbox.status_counts(bench.services.db)
        finally:
            await bench.close()
    posts = [i for i, (_, is_channel) in enumerate(order) if is_channel]
    last = posts[-1] if posts else -1
    last_at = order[last][0] - start if posts else float("nan")
    before = sum(1 for _, is_channel in order[: last + 1] if not is_channel)
    channel_dups = sum(1 for c in wanted if per_chat[c] > 1)
    channel_lost = sum(1 for c in wanted if per_chat[c] == 0)
    print()
    print(
        f"Scenario channels: {channels} linked channels and {chats:,} private chats, "
        f"send_rate=30, stand-in allows {TELEGRAM_LIMIT}/sliding s"
    )
    print("  " + "-" * 86)
    row(
        "time to the last channel post",
        f"{last_at:.2f} s",
        f"ideal {channels / TELEGRAM_LIMIT:.1f} s",
    )
    row("private messages before it", f"{before:,}", "0", verdict(before == 0))
    row("channels posted twice", f"{channel_dups}", "0", verdict(channel_dups == 0))
    row("channels without the post", f"{channel_lost}", "0", verdict(channel_lost == 0))
    clean = channel_dups == 0 and channel_lost == 0
    if full:
        private_dups = sum(1 for c in range(1, chats + 1) if per_chat[c] > 1)
        private_lost = sum(1 for c in range(1, chats + 1) if per_chat[c] == 0)
        row("private chats: duplicates / lost", f"{private_dups} / {private_lost}", "0 / 0")
        row("DB deliveries", str(counts))
        clean = clean and private_dups == 0 and private_lost == 0
    else:
        row("messages sent when stopped", f"{len(order):,}")
    return ChannelOutcome(clean)


async def run(args: argparse.Namespace) -> int:
    a_chats = QUICK_CHATS if args.quick else args.chats
    budget = args.budget if args.budget is not None else a_chats / TELEGRAM_LIMIT * 1.5 + 60
    print(
        f"fanout bench: Python {platform.python_version()}, python-telegram-bot "
        f"{telegram.__version__}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
        f"CONCURRENT_CHATS={CONCURRENT_CHATS}"
    )
    if args.analyze:
        print("what-if: ANALYZE run after setup (not what production does)")
    outcomes: list[Outcome | ChannelOutcome] = []
    if args.scenario in ("paid", "all"):
        outcomes.append(await scenario_paid(args.b_chats, args.paid_rate))
    if args.scenario in ("channels", "all"):
        outcomes.append(await scenario_channels(args.b_chats, CHANNELS, full=args.channels_full))
    if args.scenario in ("b", "both", "all"):
        outcomes.append(await scenario_b(args.b_chats, pacing_off=False, analyze=args.analyze))
        outcomes.append(await scenario_b(args.b_chats, pacing_off=True, analyze=args.analyze))
        if args.profile:
            await profile_b(args.b_chats, analyze=args.analyze)
    if args.scenario in ("a", "both", "all"):
        outcomes.append(await scenario_a(a_chats, budget, analyze=args.analyze))
    if args.scenario == "outage":
        outage = await scenario_outage(a_chats, budget + DOWNTIME)
        print_outage(outage)
        outcomes.append(outage.base)
    print()
    bad = [o for o in outcomes if not o.clean]
    if bad:
        print("FAIL: duplicates or lost messages in " + ", ".join(o.name for o in bad))
        return 1
    print("no duplicates, none lost")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--scenario", choices=("a", "b", "both", "outage", "paid", "channels", "all"), default="both"
    )
    parser.add_argument(
        "--paid-rate",
        type=float,
        default=float(PAID_LIMIT),
        help="scenario paid: NEWSBRIEF_SEND_RATE (default 1000; lower shows the pacing where "
        "a busy machine cannot run the pipeline at 1,000/s)",
    )
    parser.add_argument(
        "--channels-full",
        action="store_true",
        help="scenario channels: drain the private chats too (about 6 min at 30/s)",
    )
    parser.add_argument(
        "--chats",
        type=int,
        default=10_000,
        help="chats in scenario A (default 10000: 333 s at 30/s, more with 429s)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"scenario A with {QUICK_CHATS:,} chats (about 50 s)"
    )
    parser.add_argument(
        "--b-chats", type=int, default=10_000, help="chats in scenario B (default 10000)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds scenario A may drain (default 1.5x the ideal + 60)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="scenario B: cProfile of a drain and SQLite round trips per message",
    )
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="what-if: run SQLite ANALYZE after setup (see the due_for_chat query plan)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="run on this PostgreSQL server (each scenario in a scratch schema, dropped "
        "after) instead of SQLite files",
    )
    args = parser.parse_args(argv)
    if args.database is not None:
        global DATABASE_URL
        DATABASE_URL = args.database
    if args.chats < 1 or args.b_chats < 1:
        parser.error("chat counts must be positive")
    if not 30 < args.paid_rate <= PAID_LIMIT:
        parser.error(f"--paid-rate must be above 30 and at most {PAID_LIMIT}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
