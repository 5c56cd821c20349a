"""A scratch schema on a PostgreSQL server, for one test or one benchmark run: its tables
live there and go with it, so the server's other data is never touched."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import psycopg


def with_search_path(url: str, schema: str) -> str:
    """Connections in `schema`, named after it in pg_stat_activity, so that a run ending
    its own connections never ends another run's on the same server."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}&application_name={schema}"


def schema_of(url: str) -> str:
    """The scratch schema a URL from `create` names (also its connections' name)."""
    return str(psycopg.conninfo.conninfo_to_dict(url)["application_name"])


def create(url: str, prefix: str = "bench") -> tuple[str, str]:
    """(URL whose connections live in a new empty schema, that schema's name)."""
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return with_search_path(url, schema), schema


def drop(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def scratch(url: str, prefix: str = "bench") -> Iterator[str]:
    scoped, schema = create(url, prefix)
    try:
        yield scoped
    finally:
        drop(url, schema)
