"""PostgreSQL for tests: a fresh schema per test on the server named by
NEWSBRIEF_TEST_POSTGRES_URL (default the local one), dropped afterwards. Without a server
the PostgreSQL variants are skipped (one line in the summary says so), unless
NEWSBRIEF_REQUIRE_POSTGRES=1 (CI), where they fail instead."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from urllib.parse import quote

import psycopg
import pytest

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


def with_search_path(url: str, schema: str) -> str:
    """Connections in `schema`, named after it in pg_stat_activity, so that a test ending
    its own connections never ends another test run's on the same server."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}&application_name={schema}"


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A URL whose connections live in a new, empty schema; the schema goes afterwards."""
    need_server()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(server_url(), schema)
    finally:
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def schema_of(url: str) -> str:
    """The scratch schema a `fresh_schema` URL names (also its connections' name)."""
    return str(psycopg.conninfo.conninfo_to_dict(url)["application_name"])
