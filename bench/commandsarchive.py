"""The reader-command benchmark's archive: N articles stored through `store_articles` in
batches, then M private chats with their subscriptions and settings; or one kept from an
earlier run (--database), read back."""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.commandscorpus import SOURCES, TOPIC_SHARE, YEAR, build_batch, start_builder
from bot.services import Services, open_services
from bot.settings import Settings
from news.models import Article
from storage import chats as chat_store
from storage.articles import store_articles
from storage.db import Database

BATCH = 1_000
LOOKAHEAD = 3


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


async def _store(
    services: Services, *, articles: int, seed: int, now: int
) -> tuple[dict[str, int], float, float]:
    """Store the articles batch by batch while the helper process builds the next ones:
    articles per topic, seconds spent building (in the helper) and storing."""
    loop = asyncio.get_running_loop()
    ids = services.topics.ids_by_name
    tagged = dict.fromkeys(ids, 0)
    build = store = 0.0
    starts = list(range(0, articles, BATCH))
    with ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_builder,
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
    return tagged, build, store


async def generate(path: Path | str, *, articles: int, chats: int, seed: int) -> Archive:
    services = await open_services(
        Settings(_env_file=None, database=path, feeds=[])  # type: ignore[call-arg]
    )
    try:
        now = services.now()
        tagged, build, store = await _store(services, articles=articles, seed=seed, now=now)
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
