"""What several benches share: memory figures of this process, log lines collected, and a
hook on every request handed to aiosqlite's threads."""

from __future__ import annotations

import logging
import resource
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiosqlite


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Kilobytes on Linux, bytes on macOS.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class LogLines(logging.Handler):
    """The messages logged at `level` or above while it is attached to a logger."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


# What the hook gets: the connection, the request (a callable) and its arguments; it returns
# what the connection's thread runs instead.
Hook = Callable[
    [aiosqlite.Connection, Callable[..., Any], tuple[Any, ...], dict[str, Any]], Callable[[], Any]
]


@contextmanager
def hooked_aiosqlite(hook: Hook) -> Iterator[None]:
    """Every request handed to an aiosqlite connection's thread (each a hop to that thread
    and back) goes through `hook` while this is open."""
    original = aiosqlite.Connection._execute

    async def execute(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return await original(self, hook(self, fn, args, kwargs))

    aiosqlite.Connection._execute = execute  # type: ignore[method-assign]
    try:
        yield
    finally:
        aiosqlite.Connection._execute = original  # type: ignore[method-assign]
