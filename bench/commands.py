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
import gc
import logging
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.commandsarchive import Archive, archive_exists, generate, reopen
from bench.commandsbench import BUTTON_LABEL, TARGET_MS, Bench, GcWatch, Result, measure
from bench.commandscorpus import RARE_WORD, SEED
from bench.commandsprofile import profile
from bench.common import LogLines, peak_rss_mb
from storage.db import is_postgres_url

ARTICLES = 100_000
CHATS = 10_000
WARMUP = 20
ITERATIONS = 300

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


async def _archive(path: Path | str, args: argparse.Namespace) -> Archive:
    """The archive at `path`: reused when it is there, generated (and timed) when not."""
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
    return archive


async def _measure(bench: Bench, archive: Archive, args: argparse.Namespace) -> list[Result]:
    """Every command's timings, printed with the target line and the full collections."""
    rng = random.Random(args.seed)
    labels = [*COMMANDS, *(EXTRA_COMMANDS if args.extra else []), BUTTON_LABEL]
    gc.collect()
    if args.gc_freeze:
        gc.freeze()  # what a gc.freeze() after start-up in the bot would do
    watch = GcWatch()
    gc.callbacks.append(watch)
    try:
        results = await measure(bench, labels, archive.chat_ids, rng, args.warmup, args.iterations)
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
    return results


def _to_profile(results: list[Result], choice: str) -> list[str]:
    if choice == "all":
        return [r.command for r in results]
    if choice == "missed":
        return [r.command for r in results if r.targeted and not r.passed]
    return []


async def _bench(path: Path | str, args: argparse.Namespace) -> list[str]:
    """Generate or reuse the archive, measure, profile; the problems seen."""
    archive = await _archive(path, args)
    bench = await Bench.start(path)
    try:
        results = await _measure(bench, archive, args)
        profiled = [
            await profile(bench, label, archive.chat_ids, path)
            for label in _to_profile(results, args.profile)
        ]
        refused = bench.telegram.refused()
    finally:
        await bench.close()
    problems = [f"{r.command}: {f}" for r in [*results, *profiled] for f in r.failures[:3]]
    problems += [f"Telegram would refuse {call.method}: {call.response}" for call in refused]
    return problems


async def run(args: argparse.Namespace) -> int:
    errors = LogLines(logging.ERROR)
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
        problems = await _bench(keep or Path(tmp) / "commands.db", args)
    problems += [f"logged error: {message}" for message in errors.lines[:5]]
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
