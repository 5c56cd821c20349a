"""Reader commands on a full archive: latency of every command through the real Application.

Run from the repository root:

    .venv/bin/python -m bench.commands                  # 100,000 articles, 10,000 chats
    .venv/bin/python -m bench.commands --iterations 100 --articles 20000   # quicker
    .venv/bin/python -m bench.commands --profile all    # cProfile + query plans for all
    .venv/bin/python -m bench.commands --database /tmp/nb.db   # keep the archive; reuse it
    .venv/bin/python -m bench.commands --database postgresql://postgres@127.0.0.1/bench
                                        # the same on PostgreSQL (an empty database, or one
                                        # this script filled before: then it is reused)
    .venv/bin/python -m bench.commands --extra          # also harder searches (see below)
    .venv/bin/python -m bench.commands --gc-freeze      # gc.freeze() after start-up

Setup (timed and printed apart from the figures): a SQLite file in a temporary directory
opened with `open_services`; N articles (seeded random, deterministic) built as
`news.models.Article` with realistic English titles and bodies of 1-2 KB mixing news words
and topic keywords, published over the last 365 days, tagged by the real `TopicMatcher`
on the bundled topics and stored through `storage.articles.store_articles` in batches of
1,000 (so FTS5 and article_topics are filled by the production path; the articles are built
in a helper process a few batches ahead, deterministic per batch); then M private chats
registered with `storage.chats.register_chat` and subscribed with `subscribe` (0-5 topics
each; some in digest mode or with quiet hours). Chats come after the articles so storing
does not fan out millions of deliveries to them.

The measured part: the database is reopened with `open_services`, the Application is built
as testkit/botkit.py does (`build_application` on `LocalBotApi(FakeTelegram())`,
`concurrent_updates=False`, `initialize`), and each command is delivered as a real Update
(`UpdateFactory().message` -> `Update.de_json` -> `app.process_update`) from random chats
among the M, in rounds of every command in a shuffled order (warm-up rounds first), so a
burst of noise or a garbage collection is spread over the commands; each `process_update`
call is timed with `time.perf_counter`. Full garbage collections during the measurement are
counted and their longest pause printed. The "Older stories" button (`lt:5:5:0`) is pressed on a
fresh /latest message each time (the press itself is timed).

Target: p99 <= 50 ms for /latest, /search, /topics, /topic and /trending on 2 cores. A
command that misses it is profiled (cProfile of the event-loop thread, the SQL it ran with its time and
EXPLAIN QUERY PLAN). `--extra` adds searches a reader may well type that are harder than
the list above (a word in ~40 % of the archive, a typo that triggers the any-word fallback);
they count toward the target line when asked for. Exit status 1 only when something went wrong: Telegram would have
refused a call, a command did not produce exactly one message, or a handler logged an error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import io
import logging
import math
import multiprocessing
import os
import platform
import pstats
import random
import resource
import sqlite3
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.local_api import FakeTelegram, LocalBotApi, UpdateFactory
from bot.services import Services, open_services
from bot.settings import Settings
from news.dedupe import content_key, guid_key, url_key
from news.models import Article
from news.normalize import canonical_url, make_teaser
from news.topics import Topic, TopicMatcher, load_topics
from storage import chats as chat_store
from storage.articles import store_articles
from storage.db import Database, is_postgres_url

SEED = 20240917
ARTICLES = 100_000
CHATS = 10_000
BATCH = 1_000
WARMUP = 20
ITERATIONS = 300
TARGET_MS = 50.0
TARGETED = ("/latest", "/search", "/topics", "/topic", "/trending")
DAY = 24 * 3600
YEAR = 365 * DAY

# A word planted in a handful of articles only, for the "rare word" search.
RARE_WORD = "Khndzoresk"
RARE_EVERY = 20_000  # one article in 20,000 mentions it (5 of 100,000)
BUTTON = "lt:5:5:0"
BUTTON_LABEL = "Older stories (lt:5:5:0)"

COMMANDS = [
    "/latest",
    "/latest 20",
    "/latest 5 CSTO",
    "/search CSTO",
    "/search Armenia border talks",
    f"/search {RARE_WORD}",
    "/topics",
    "/topic CSTO",
    "/topic Economy",
    "/topic Armenia 7d",
    "/trending",
    "/subscriptions",
    "/settings",
    "/help",
]
# --extra: searches a reader may well type that are harder than the brief's list: one word
# in ~40 % of the archive, a common word, and a typo that makes the all-words query empty
# so the any-word fallback runs.
EXTRA_COMMANDS = [
    "/search Armenia",
    "/search talks",
    "/search Armenia border talkz",
    "/latest 20 Armenia",
]

# Share of articles that mention a topic (a regional newsroom: Armenia in most stories).
TOPIC_SHARE = {
    "Armenia": 0.45,
    "Azerbaijan": 0.20,
    "Russia": 0.18,
    "Economy": 0.15,
    "Border": 0.12,
    "Karabakh": 0.10,
    "EU": 0.08,
    "Georgia": 0.08,
    "Energy": 0.08,
    "Iran": 0.07,
    "Turkey": 0.07,
    "CSTO": 0.05,
}

SOURCES = [
    ("Yerevan Herald", "yerevanherald.example"),
    ("Caucasus Wire", "caucasuswire.example"),
    ("Kavkaz Today", "kavkaztoday.example"),
    ("South Caucasus Review", "screview.example"),
]

# Common news English; words that are topic keywords are filtered out at start, so topics
# are tagged only where a topic phrase was put on purpose.
FILLER_TEXT = """
the the the the of of of to to to and and and a a a in in in on on for for with with
said says that is was were be been has have had will would could should may might it its
this these those they their them he his she her we our you not no but or as at by from
about after before over under between during against into than more most less least also
only just still even very much many some any each every other another such same new old
first last next year years month months week weeks day days today yesterday tomorrow
government minister ministry president prime parliament deputy official officials
spokesperson statement talks meeting meetings summit visit delegation agreement deal
treaty negotiations negotiation peace process proposal draft document sides side parties
party opposition coalition vote votes election elections campaign law bill reform reforms
court judge ruling case investigation police security military troops defence defense
army soldiers forces exercise exercises drills commander general region regional province
city town village villages residents people population citizens community communities
local national international foreign affairs diplomatic diplomat diplomats ambassador
embassy relations cooperation partnership partner partners support aid assistance
humanitarian refugees displaced families children schools school hospital health
company companies business businesses market markets prices price costs cost rate rates
percent million billion thousand hundred figures data report reports survey study
analysts analyst experts expert according sources source reported reporting news media
journalists press conference interview television radio online website public private
road roads highway railway bridge construction project projects plan plans programme
water weather winter summer spring autumn snow rain farmers harvest agriculture tourism
tourists hotel culture museum festival music film church monastery history historical
university students science technology digital internet mobile network cyber
announced announce confirmed denied warned urged called asked told added noted stressed
expected planned agreed rejected signed approved discussed reviewed launched opened
closed held hold holds continue continued continues remain remained remains begin began
end ended ending start started return returned move moved moving meet met meets
important major key main senior former current recent latest early late long short high
low large small big little strong weak clear full final further possible necessary
because while although however since until when where which who whom whose what why how
there here then now again already yet soon ago later once twice around across along
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
June July August September October November December morning evening night week
talks talks issue issues question questions problem problems situation crisis tension
tensions incident incidents shooting ceasefire violation violations checkpoint checkpoints
corridor route routes transit trade-off connectivity infrastructure logistics freight
trucks cargo queue queues customs lorry drivers wait waiting hours minutes
"""

SYLLABLES_TEXT = (
    "ar ba ka ra va ta na ma sa da ga ha za vo lo mo no ko ro to po so zo el an en in on un "
    "ik ek ak ov ev yan ian ush ash esh ots ats its ert ard ord urg"
)

WORDS_PER_SENTENCE = (7, 22)
STREAM_WORDS = 2_000_000
SENTENCES_PER_PARAGRAPH = (2, 6)


# --- the archive --------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    stream: list[str]  # words drawn once (Zipf-weighted); sentences are slices of it
    phrases: dict[str, list[str]]  # topic name -> English keyword phrases


def build_vocabulary(rng: random.Random, topics: list[Topic], matcher: TopicMatcher) -> Vocabulary:
    """Common words (Zipf-weighted) plus a long tail of made-up place and family names."""
    # In order of first appearance, which is roughly how common they are.
    common = [w for w in dict.fromkeys(FILLER_TEXT.split()) if not matcher.match(w)]
    syllables = SYLLABLES_TEXT.split()
    tail: list[str] = []
    seen = set(common)
    while len(tail) < 4_000:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen and not matcher.match(word):
            seen.add(word)
            tail.append(word.capitalize() if rng.random() < 0.5 else word)
    words = common + tail
    weights = [1.0 / (rank + 8) ** 0.95 for rank in range(len(words))]
    total = 0.0
    cum: list[float] = []
    for weight in weights:
        total += weight
        cum.append(total)
    phrases: dict[str, list[str]] = {}
    for topic in topics:
        english = [k for k in (topic.name, *topic.keywords) if k.isascii()]
        phrases[topic.name] = english or [topic.name]
    missing = set(TOPIC_SHARE) - set(phrases)
    if missing:
        raise SystemExit(f"setup: bundled topics lack {sorted(missing)}")
    return Vocabulary(rng.choices(words, cum_weights=cum, k=STREAM_WORDS), phrases)


def sentence(rng: random.Random, vocab: Vocabulary, extra: list[str]) -> str:
    low, high = WORDS_PER_SENTENCE
    count = low + int(rng.random() * (high - low + 1))
    start = int(rng.random() * (len(vocab.stream) - count))
    words = vocab.stream[start : start + count]
    for phrase in extra:
        words.insert(rng.randrange(len(words) + 1), phrase)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_article(rng: random.Random, vocab: Vocabulary, index: int, now: int) -> Article:
    topics = [name for name, share in TOPIC_SHARE.items() if rng.random() < share]
    mentions: list[str] = []
    for name in topics:
        mentions += [rng.choice(vocab.phrases[name]) for _ in range(rng.randint(1, 4))]
    if index % RARE_EVERY == 7:
        mentions.append(RARE_WORD)
    rng.shuffle(mentions)
    title_extra = [rng.choice(vocab.phrases[topics[0]])] if topics else []
    title = sentence(rng, vocab, title_extra)[:-1]
    title = " ".join(title.split()[:12])
    target = rng.randint(1_000, 2_000)
    paragraphs: list[str] = []
    length = 0
    while length < target:
        sentences = []
        for _ in range(rng.randint(*SENTENCES_PER_PARAGRAPH)):
            extra = [mentions.pop()] if mentions and rng.random() < 0.6 else []
            sentences.append(sentence(rng, vocab, extra))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    if mentions:
        paragraphs.append(sentence(rng, vocab, mentions))
    body = "\n\n".join(paragraphs)
    published = now - int(rng.random() * YEAR)
    name, host = SOURCES[index % len(SOURCES)]
    day = datetime.fromtimestamp(published, UTC).strftime("%Y/%m/%d")
    slug = "-".join(w.lower() for w in title.split()[:6] if w.isalnum())
    url = f"https://{host}/news/{day}/{slug}-{index}"
    return Article(
        guid=url,
        url=url,
        title=title,
        author=None if rng.random() < 0.3 else f"{name} staff",
        published_at=published,
        teaser=make_teaser(body),
        body=body,
        language="en",
        guid_key=guid_key(f"https://{host}/rss.xml", url),
        url_key=url_key(canonical_url(url)),
        content_key=content_key(title, body),
    )


@dataclass
class Archive:
    chat_ids: list[int]
    articles: int
    tagged: dict[str, int]
    subscriptions: int
    build_seconds: float
    store_seconds: float
    chat_seconds: float
    db_bytes: int


# Articles are built in a helper process, a few batches ahead, while the previous batch is
# stored: building is pure Python and storing mostly waits on aiosqlite round trips.
_builder: tuple[Vocabulary, TopicMatcher] | None = None
LOOKAHEAD = 3


def _start_builder(seed: int) -> None:
    global _builder
    topics = load_topics()  # the bundled topics, as open_services loads them
    matcher = TopicMatcher(topics)
    _builder = (build_vocabulary(random.Random(seed), topics, matcher), matcher)


def build_batch(seed: int, start: int, count: int, now: int) -> tuple[list[Article], float]:
    """Articles start..start+count, tagged by the real matcher; the same for the same seed."""
    assert _builder is not None
    began = time.perf_counter()
    vocab, matcher = _builder
    rng = random.Random(f"{seed}:{start}")
    batch = []
    for index in range(start, start + count):
        article = make_article(rng, vocab, index, now)
        # The real tagger, as the ingestor calls it.
        article.topics = matcher.match(article.title, article.body or article.teaser)
        batch.append(article)
    return batch, time.perf_counter() - began


def db_bytes(path: Path | str) -> int:
    """The database's size on disk: the SQLite file with its WAL, or PostgreSQL's count."""
    if isinstance(path, str):
        import psycopg

        with psycopg.connect(path) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) if row else 0
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


async def archive_exists(path: Path | str) -> bool:
    if isinstance(path, Path):
        return await asyncio.to_thread(path.exists)
    async with Database(path) as db:
        return bool(await db.fetch_value("SELECT COUNT(*) FROM articles", default=0))


async def generate(path: Path | str, *, articles: int, chats: int, seed: int) -> Archive:
    services = await open_services(
        Settings(_env_file=None, database=path, feeds=[])  # type: ignore[call-arg]
    )
    loop = asyncio.get_running_loop()
    try:
        ids = services.topics.ids_by_name
        now = services.now()
        tagged = dict.fromkeys(ids, 0)
        build = store = 0.0
        starts = list(range(0, articles, BATCH))
        with ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_builder,
            initargs=(seed,),
        ) as pool:
            ahead: deque[asyncio.Future[tuple[list[Article], float]]] = deque()

            def order(number: int) -> None:
                if number < len(starts):
                    first = starts[number]
                    count = min(BATCH, articles - first)
                    ahead.append(loop.run_in_executor(pool, build_batch, seed, first, count, now))

            for number in range(LOOKAHEAD):
                order(number)
            for number, start in enumerate(starts):
                batch, seconds = await ahead.popleft()
                order(number + LOOKAHEAD)
                build += seconds
                for article in batch:
                    for name in article.topics:
                        tagged[name] += 1
                stored_at = time.perf_counter()
                result = await store_articles(
                    services.db,
                    feed_id=None,
                    source=SOURCES[number % len(SOURCES)][0],
                    fetched_at=now,
                    articles=batch,
                    topic_ids=ids,
                )
                store += time.perf_counter() - stored_at
                if len(result.new_ids) != len(batch):
                    raise SystemExit(
                        f"setup: batch at {start} stored {len(result.new_ids)} of "
                        f"{len(batch)} ({result.duplicates} duplicates)"
                    )
        began = time.perf_counter()
        chat_ids, subscriptions = await register_chats(services, random.Random(seed), chats, now)
        chat_seconds = time.perf_counter() - began
    finally:
        await services.close()
    size = db_bytes(path)
    return Archive(chat_ids, articles, tagged, subscriptions, build, store, chat_seconds, size)


async def reopen(path: Path | str) -> Archive:
    """An archive generated earlier (--database): its chats and counts, read back."""
    async with Database(path) as db:
        chat_ids = [row[0] for row in await db.fetch_all("SELECT id FROM chats ORDER BY id")]
        articles = int(await db.fetch_value("SELECT COUNT(*) FROM articles", default=0))
        subscriptions = int(await db.fetch_value("SELECT COUNT(*) FROM subscriptions"))
        rows = await db.fetch_all(
            "SELECT t.name, COUNT(*) FROM article_topics x JOIN topics t ON t.id = x.topic_id "
            "GROUP BY t.name"
        )
    size = db_bytes(path)
    tagged = {row[0]: row[1] for row in rows}
    return Archive(chat_ids, articles, tagged, subscriptions, 0.0, 0.0, 0.0, size)


async def register_chats(
    services: Services, rng: random.Random, chats: int, now: int
) -> tuple[list[int], int]:
    """Private chats through the real storage calls, a few with non-default settings."""
    db = services.db
    ids = services.topics.ids_by_name
    names = list(TOPIC_SHARE)
    weights = list(TOPIC_SHARE.values())
    chat_ids = rng.sample(range(100_000_000, 7_000_000_000), chats)
    subscriptions = 0
    for chat_id in chat_ids:
        language = rng.choices(["en", "ru", "hy"], weights=[80, 12, 8])[0]
        created = now - rng.randrange(YEAR)
        await chat_store.register_chat(
            db,
            chat_id,
            chat_type="private",
            title=f"Reader {chat_id % 100_000}",
            thread_id=None,
            language=language,
            now=created,
        )
        wanted = rng.choices([0, 1, 2, 3, 4, 5], weights=[20, 30, 22, 14, 9, 5])[0]
        chosen: set[str] = set()
        while len(chosen) < wanted:
            chosen.add(rng.choices(names, weights=weights)[0])
        for name in sorted(chosen):
            subscriptions += await chat_store.subscribe(db, chat_id, ids[name], now=created)
        roll = rng.random()
        if roll < 0.15:
            await chat_store.update_chat(
                db, chat_id, now=created, delivery_mode="digest", digest_time="08:00"
            )
        elif roll < 0.25:
            await chat_store.update_chat(
                db,
                chat_id,
                now=created,
                timezone="Asia/Yerevan",
                quiet_start="23:00",
                quiet_end="07:00",
            )
    return chat_ids, subscriptions


# --- measuring ----------------------------------------------------------------------------------


@dataclass
class Result:
    command: str
    samples: list[float] = field(default_factory=list)  # milliseconds
    failures: list[str] = field(default_factory=list)

    def pct(self, p: float) -> float:
        ordered = sorted(self.samples)
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1]

    @property
    def targeted(self) -> bool:
        return self.command.split()[0] in TARGETED

    @property
    def passed(self) -> bool:
        return self.pct(99) <= TARGET_MS


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Bench:
    def __init__(self, services: Services, app: Application, telegram: FakeTelegram) -> None:  # type: ignore[type-arg]
        self.services = services
        self.app = app
        self.telegram = telegram
        self.updates = UpdateFactory()

    @classmethod
    async def start(cls, path: Path | str) -> Bench:
        services = await open_services(
            Settings(_env_file=None, database=path, feeds=[])  # type: ignore[call-arg]
        )
        telegram = FakeTelegram()
        app = build_application(
            services, token="123:BENCH", request=LocalBotApi(telegram), concurrent_updates=False
        )
        await app.initialize()
        return cls(services, app, telegram)

    async def close(self) -> None:
        await self.app.shutdown()
        await self.services.close()

    async def send(self, text: str, chat_id: int) -> tuple[float, int]:
        """Deliver one command; its process_update time (ms) and how many messages came."""
        before = len(self.telegram.sent)
        update = Update.de_json(self.updates.message(text, user_id=chat_id), self.app.bot)
        began = time.perf_counter()
        await self.app.process_update(update)
        elapsed = (time.perf_counter() - began) * 1000
        return elapsed, len(self.telegram.sent) - before

    async def press_older(self, chat_id: int) -> tuple[float, int]:
        """Send /latest (not timed), then press its "Older stories" button (timed)."""
        _, count = await self.send("/latest", chat_id)
        if count != 1:
            return float("nan"), count
        message = self.telegram.sent[-1]
        if not any(b.get("callback_data") == BUTTON for b in message.buttons):
            return float("nan"), 0
        before = len(self.telegram.sent)
        payload = self.updates.callback(
            BUTTON, user_id=chat_id, message=self.telegram.message_dict(message)
        )
        update = Update.de_json(payload, self.app.bot)
        began = time.perf_counter()
        await self.app.process_update(update)
        elapsed = (time.perf_counter() - began) * 1000
        return elapsed, len(self.telegram.sent) - before


async def run_once(bench: Bench, result: Result, chat_id: int, *, keep: bool) -> None:
    if result.command == BUTTON_LABEL:
        elapsed, produced = await bench.press_older(chat_id)
    else:
        elapsed, produced = await bench.send(result.command, chat_id)
    if produced != 1:
        result.failures.append(f"{produced} messages instead of 1")
    if keep:
        result.samples.append(elapsed)


async def measure(
    bench: Bench,
    labels: list[str],
    chat_ids: list[int],
    rng: random.Random,
    warmup: int,
    runs: int,
) -> list[Result]:
    """Rounds of every command in a shuffled order, so a burst of noise on the machine
    (or a garbage collection) lands on whichever command is running, not on one block."""
    results = {label: Result(label) for label in labels}
    for round_number in range(warmup + runs):
        order = list(labels)
        rng.shuffle(order)
        for label in order:
            chat_id = rng.choice(chat_ids)
            await run_once(bench, results[label], chat_id, keep=round_number >= warmup)
    return [results[label] for label in labels]


class GcWatch:
    """Full (generation 2) collections during the measurement, and their pauses."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._began) * 1000)


# --- profiling ----------------------------------------------------------------------------------


@contextmanager
def recorded_sql(db: Any) -> Iterator[list[list[Any]]]:
    """Every statement run on the database's connections: [sql, params, ms in the SQLite
    thread, round trips]; fetches are counted with the statement they read from."""
    found: list[list[Any]] = []
    original = aiosqlite.Connection._execute

    async def timed(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        def run() -> Any:
            began = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                ms = (time.perf_counter() - began) * 1000
                if args and isinstance(args[0], str):
                    params = tuple(args[1]) if len(args) > 1 else ()
                    found.append([args[0], params, ms, 1])
                elif found:
                    found[-1][2] += ms
                    found[-1][3] += 1

        return await original(self, run)

    aiosqlite.Connection._execute = timed  # type: ignore[method-assign]
    try:
        yield found
    finally:
        aiosqlite.Connection._execute = original  # type: ignore[method-assign]


async def profile(bench: Bench, label: str, chat_ids: list[int], path: Path | str) -> Result:
    rng = random.Random(SEED + 1)
    if isinstance(path, str):
        print(f"\n--- profile: {label}: SQLite only (PostgreSQL: use pg_stat_statements)")
        return Result(label)
    print(f"\n--- profile: {label} " + "-" * max(0, 70 - len(label)))
    result = Result(label)
    with recorded_sql(bench.services.db) as statements:
        await run_once(bench, result, rng.choice(chat_ids), keep=True)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(30):
        await run_once(bench, result, rng.choice(chat_ids), keep=True)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(10)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    print(
        "cProfile of the event-loop thread, 30 runs, top by own time "
        "(epoll 'poll' = waiting for the aiosqlite thread, i.e. SQLite):"
    )
    for line in lines[lines.index(next(x for x in lines if "ncalls" in x)) :]:
        print("   " + line[:150])
    print("SQL of one run (time in the SQLite thread):")
    plain = sqlite3.connect(path)
    try:
        for sql, params, ms, trips in statements:
            if sql.lstrip().upper().startswith(("PRAGMA", "BEGIN", "COMMIT")):
                continue
            print(f"  {ms:8.2f} ms {trips} trips  {' '.join(sql.split())[:150]}")
            short = [p if not isinstance(p, str) or len(p) < 60 else p[:57] + "..." for p in params]
            print(f"               params {short}")
            if ms >= 1.0:
                for row in plain.execute("EXPLAIN QUERY PLAN " + sql, params):
                    print(f"               plan: {row[3]}")
    finally:
        plain.close()
    return result


# --- reporting ----------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def print_table(results: list[Result]) -> None:
    header = (
        f"{'command':<32}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"   target p99<={TARGET_MS:.0f}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        verdict = ("PASS" if r.passed else "FAIL") if r.targeted else "-"
        print(
            f"{r.command:<32}{len(r.samples):>5}{r.pct(50):>9.2f}{r.pct(95):>9.2f}"
            f"{r.pct(99):>9.2f}{max(r.samples):>9.2f}   {verdict}"
        )


async def run(args: argparse.Namespace) -> int:
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    logging.getLogger().setLevel(logging.WARNING)
    print(
        f"newsbrief reader commands: Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {os.cpu_count()} CPUs, seed {args.seed}"
    )
    keep: Path | str | None = args.database
    with (
        contextlib.nullcontext(str(keep.parent))
        if isinstance(keep, Path)
        else tempfile.TemporaryDirectory(prefix="newsbrief-bench-")
    ) as tmp:
        path = keep or Path(tmp) / "commands.db"
        if await archive_exists(path):
            archive = await reopen(path)
            print(
                f"reusing {path}: {archive.articles:,} articles, {len(archive.chat_ids):,} "
                f"chats, {archive.subscriptions:,} subscriptions (no generation)"
            )
        else:
            began = time.perf_counter()
            archive = await generate(path, articles=args.articles, chats=args.chats, seed=args.seed)
            total = time.perf_counter() - began
            print(
                f"generation (not measured): {total:.1f} s ({archive.articles:,} articles: "
                f"built {archive.build_seconds:.1f} s in a helper process, store_articles "
                f"{archive.store_seconds:.1f} s; {len(archive.chat_ids):,} chats with "
                f"{archive.subscriptions:,} subscriptions {archive.chat_seconds:.1f} s); "
                f"database {archive.db_bytes / 1e6:.0f} MB"
            )
        shares = ", ".join(
            f"{name} {count / archive.articles:.0%}"
            for name, count in sorted(archive.tagged.items(), key=lambda x: -x[1])
        )
        print(f"tagged: {shares}")

        bench = await Bench.start(path)
        try:
            rng = random.Random(args.seed)
            labels = [*COMMANDS, *(EXTRA_COMMANDS if args.extra else []), BUTTON_LABEL]
            gc.collect()
            if args.gc_freeze:
                gc.freeze()  # what a gc.freeze() after start-up in the bot would do
            watch = GcWatch()
            gc.callbacks.append(watch)
            try:
                results = await measure(
                    bench, labels, archive.chat_ids, rng, args.warmup, args.iterations
                )
            finally:
                gc.callbacks.remove(watch)
            print(
                f"\n{args.iterations} measured runs per command after {args.warmup} warm-up "
                f"rounds (commands interleaved), from random chats among "
                f"{len(archive.chat_ids):,}; time of process_update:\n"
            )
            print_table(results)
            missed = [r for r in results if r.targeted and not r.passed]
            print(
                f"\ntarget: p99 <= {TARGET_MS:.0f} ms for /latest, /search, /topics, /topic and "
                f"/trending on 2 cores ({os.cpu_count()} here): "
                + ("PASS" if not missed else f"FAIL ({', '.join(r.command for r in missed)})")
            )
            print(
                f"full garbage collections while measuring: {len(watch.pauses)}"
                + (f", longest {max(watch.pauses):.1f} ms" if watch.pauses else "")
            )
            if args.profile == "all":
                to_profile = [r.command for r in results]
            elif args.profile == "missed":
                to_profile = [r.command for r in missed]
            else:
                to_profile = []
            profiled = [await profile(bench, label, archive.chat_ids, path) for label in to_profile]
            refused = bench.telegram.refused()
        finally:
            await bench.close()

    problems = [f"{r.command}: {f}" for r in [*results, *profiled] for f in r.failures[:3]]
    problems += [f"Telegram would refuse {call.method}: {call.response}" for call in refused]
    problems += [f"logged error: {message}" for message in errors.messages[:5]]
    print(f"\npeak RSS: {peak_rss_mb():.0f} MB")
    if problems:
        print("ERRORS:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("checks: every command produced exactly one message; nothing refused; no errors")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--chats", type=int, default=CHATS)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--warmup", type=int, default=WARMUP)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--profile",
        choices=["missed", "all", "none"],
        default="missed",
        help="cProfile and query plans for the commands that missed the target (default)",
    )
    parser.add_argument(
        "--extra", action="store_true", help="also measure the harder searches of EXTRA_COMMANDS"
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after start-up (not what the bot does today; shows the effect)",
    )
    parser.add_argument(
        "--database",
        metavar="PATH|URL",
        help="keep the generated database at PATH, or reuse it when PATH exists; a "
        "postgresql:// URL runs on PostgreSQL (reused when it holds articles)",
    )
    args = parser.parse_args(argv)
    if args.database and not is_postgres_url(args.database):
        args.database = Path(args.database).resolve()
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
