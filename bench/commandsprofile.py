"""A command that missed its target, profiled: cProfile of the event-loop thread and the
SQL it ran, with its time and SQLite's query plan."""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.commandsbench import Bench, Result, run_once
from bench.commandscorpus import SEED
from bench.common import hooked_aiosqlite


@contextmanager
def recorded_sql(db: Any) -> Iterator[list[list[Any]]]:
    """Every statement run on the database's connections: [sql, params, ms in the SQLite
    thread, round trips]; fetches are counted with the statement they read from."""
    found: list[list[Any]] = []

    def hook(_conn: Any, fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
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

        return run

    with hooked_aiosqlite(hook):
        yield found


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
