"""PostgreSQL for tests: a fresh schema per test on the server named by
NEWSBRIEF_TEST_POSTGRES_URL (default the local one), dropped afterwards. Without a server
the PostgreSQL variants are skipped (one line in the summary says so), unless
NEWSBRIEF_REQUIRE_POSTGRES=1 (CI), where they fail instead."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import psycopg
import pytest

from testkit import pgscratch

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


def server_url() -> str:
    return os.environ.get("NEWSBRIEF_TEST_POSTGRES_URL") or DEFAULT_URL


def required() -> bool:
    return os.environ.get("NEWSBRIEF_REQUIRE_POSTGRES", "") not in ("", "0")


@cache
def unreachable_reason() -> str | None:
    """None when the test server answers; why not otherwise (asked once per run)."""
    try:
        with psycopg.connect(server_url(), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return lines[0] if lines else type(exc).__name__
    return None


def skip_line() -> str | None:
    """The one line the run prints when PostgreSQL variants were skipped."""
    reason = unreachable_reason.cache_info().currsize and unreachable_reason()
    if not reason:
        return None
    return (
        f"PostgreSQL tests skipped: no server at {server_url()} ({reason}); "
        "set NEWSBRIEF_TEST_POSTGRES_URL to run them"
    )


def need_server() -> None:
    reason = unreachable_reason()
    if reason is None:
        return
    if required():
        pytest.fail(f"NEWSBRIEF_REQUIRE_POSTGRES is set but {server_url()} fails: {reason}")
    pytest.skip("no PostgreSQL server")


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A URL whose connections live in a new, empty schema; the schema goes afterwards."""
    need_server()
    with pgscratch.scratch(server_url(), "t") as url:
        yield url


schema_of = pgscratch.schema_of
