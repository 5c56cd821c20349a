"""Ingest throughput: the real polling pass against feedparser alone.

Run from the repository root:

    .venv/bin/python -m bench.ingest               # the figures
    .venv/bin/python -m bench.ingest --profile     # plus cProfile of one pipeline pass

Run time is about 3 x (pipeline + feedparser) plus a breakdown pass over a fifth of the
feeds: some 30 s when the pipeline meets its target, longer while it does not.

It generates 5,000 entries with full article HTML (no page fetches), serves them on
loopback with `testkit/feedserver.py` and times:

* pipeline: `services.ingestor.poll_all(only_due=False)` on a fresh SQLite file per repeat
  (fetch, parse, clean, normalize, dedupe keys, topics, store);
* feedparser: `feedparser.parse(body)` on the same bytes, the floor the pipeline is held to;
* breakdown: the same pass (`Ingestor.poll_feed`) one feed at a time, inline, with each of
  its stages timed (fetch, parse_feed, html_to_text, keys, build_article, topic matching,
  search text, story linking, storage; bench/ingeststages.py) on every 5th feed (4 RSS +
  1 Atom, 1,000 entries), to see where the time goes; costs per entry are scaled to the
  5,000.

Exit status 1 only when the pipeline did not store exactly one article per entry.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import feedparser

from bench.ingestcorpus import ITEMS_PER_FEED, TOTAL_ENTRIES, FeedDoc, generate_feeds
from bench.ingestreport import Figures, report
from bench.ingeststages import breakdown_pass
from bot.services import Services, open_services
from bot.settings import Settings
from storage import articles as article_store
from storage import chats as chat_store
from testkit import pgscratch
from testkit.feedserver import FeedServer


@dataclass
class PipelinePass:
    seconds: float
    cpu: float  # process CPU time, all threads (event loop, SQLite, feed server)
    stored: int
    errors: list[str]


@contextmanager
def _database(path: Path, server_url: str | None) -> Iterator[Path | str]:
    """Where one pass stores its articles: a fresh SQLite file, or with --database a fresh
    schema on that PostgreSQL server, dropped after the pass."""
    if server_url is None:
        yield path
        return
    with pgscratch.scratch(server_url) as scoped:
        yield scoped


def _settings(database: Path | str, urls: list[str]) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, database=database, feeds=urls, allow_private_network=True
    )


async def pipeline_pass(database: Path | str, urls: list[str], *, followed: bool) -> PipelinePass:
    services = await open_services(_settings(database, urls))
    try:
        # A running bot keeps its worker processes; starting them is not per-poll work.
        await services.ingestor.warm_up()
        if followed:
            await _follow_every_topic(services)
        started, cpu_started = time.perf_counter(), time.process_time()
        outcomes = await services.ingestor.poll_all(only_due=False)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        stored = await article_store.count_articles(services.db)
    finally:
        await services.close()
    errors = [
        f"{o.url}: status={o.status} new={o.new} duplicates={o.duplicates} error={o.error}"
        for o in outcomes
        if o.status != "new" or o.new != ITEMS_PER_FEED
    ]
    if len(outcomes) != len(urls):
        errors.append(f"{len(outcomes)} outcomes for {len(urls)} feeds")
    return PipelinePass(seconds, cpu, stored, errors)


async def _follow_every_topic(services: Services) -> None:
    """One chat following every topic: new articles are then linked to stories and queued
    for it, as on a bot with readers."""
    now = services.now()
    await chat_store.register_chat(
        services.db, 1, chat_type="private", title="", thread_id=None, language="en", now=now
    )
    for topic in services.topics.topics:
        await chat_store.subscribe(services.db, 1, topic.id, now=now)


def feedparser_pass(docs: list[FeedDoc]) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    entries = sum(len(feedparser.parse(doc.body).entries) for doc in docs)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    if entries != TOTAL_ENTRIES:
        raise SystemExit(f"feedparser read {entries} entries, expected {TOTAL_ENTRIES}")
    return seconds, cpu


def _profile(database: Path, urls: list[str]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    result = asyncio.run(pipeline_pass(database, urls, followed=False))
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print()
    print(
        f"cProfile of one pipeline pass ({result.seconds:.2f} s under the profiler), "
        "top 25 by cumulative time"
    )
    print(out.getvalue())


def _widen_backlog(server: FeedServer) -> None:
    # socketserver listens with a backlog of 5; the ingestor opens 8 connections at once, and
    # the SYNs that overflow are retried a second later: a 1 s stall that is not the code's.
    http_server = getattr(server, "_server", None)
    if http_server is not None:
        http_server.socket.listen(128)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument(
        "--breakdown", type=int, default=1, metavar="N", help="stage-by-stage passes (0: none)"
    )
    parser.add_argument(
        "--breakdown-every",
        type=int,
        default=5,
        metavar="K",
        help="break down every K-th feed (1: all; each pass then costs about "
        "as much as a pipeline pass)",
    )
    parser.add_argument(
        "--followed",
        action="store_true",
        help="a chat follows every topic: stories are linked and pushes queued, as on a "
        "bot with readers (without it no topic is followed)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one pipeline pass (cProfile, top 25 cumulative)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="store on this PostgreSQL server (each pass in a scratch schema, dropped "
        "after it) instead of a fresh SQLite file",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.breakdown_every < 1:
        parser.error("--repeat and --breakdown-every must be at least 1")
    return args


def _measure(
    args: argparse.Namespace, run: int, docs: list[FeedDoc], urls: list[str], tmp: Path
) -> Figures | None:
    """One repeat of every measurement; None when the pipeline stored the wrong articles."""
    figures = Figures()
    started = time.perf_counter()
    with _database(tmp / f"bench-{run}.db", args.database) as database:
        result = asyncio.run(pipeline_pass(database, urls, followed=args.followed))
    figures.setup.append(time.perf_counter() - started - result.seconds)
    if result.stored != TOTAL_ENTRIES or result.errors:
        print(
            f"FAIL: pipeline run {run + 1} stored {result.stored} articles, "
            f"expected {TOTAL_ENTRIES}",
            file=sys.stderr,
        )
        for line in result.errors[:20]:
            print(f"  {line}", file=sys.stderr)
        return None
    figures.pipeline.append(result.seconds)
    figures.pipeline_cpu.append(result.cpu)
    parse_seconds, parse_seconds_cpu = feedparser_pass(docs)
    figures.parse.append(parse_seconds)
    figures.parse_cpu.append(parse_seconds_cpu)
    if run < args.breakdown:
        sample = urls[:: args.breakdown_every]
        with _database(tmp / f"parts-{run}.db", args.database) as database:
            figures.stages.append(asyncio.run(breakdown_pass(_settings(database, sample))))
    return figures


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    docs = generate_feeds()
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp, FeedServer() as server:
        _widen_backlog(server)
        for doc in docs:
            server.add(doc.path, doc.body, content_type=doc.content_type)
        urls = [server.url(doc.path) for doc in docs]
        for run in range(args.repeat):
            measured = _measure(args, run, docs, urls, Path(tmp))
            if measured is None:
                return 1
            figures.add(measured)
        report(docs, figures)
        if args.profile:
            _profile(Path(tmp) / "profile.db", urls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
