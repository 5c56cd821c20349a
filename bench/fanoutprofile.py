"""Scenario B under cProfile, with the SQLite round trips per message."""

from __future__ import annotations

import cProfile
import io
import pstats
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.common import hooked_aiosqlite
from bench.fanoutsetup import check, drain_until_empty, prepare


@contextmanager
def count_round_trips(db: Any) -> Iterator[Counter[str]]:
    """Counts every request handed to an aiosqlite connection thread (each a hop to that
    thread and back), by connection, and the seconds the thread spent on them."""
    tally: Counter[str] = Counter()
    seconds: dict[str, float] = {}

    def hook(conn: Any, fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        name = "writer" if conn is db._writer else "reader" if conn is db._reader else "other"
        tally[name] += 1

        def timed() -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

        return timed

    try:
        with hooked_aiosqlite(hook):
            yield tally
    finally:
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
