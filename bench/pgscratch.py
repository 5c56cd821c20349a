"""A scratch schema on a PostgreSQL server for one benchmark run (`--database URL`): the
bench's tables live there and go with it, so the server's other data is never touched."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import psycopg


def with_search_path(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


def create(url: str) -> tuple[str, str]:
    """(URL whose connections live in a new empty schema, that schema's name)."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return with_search_path(url, schema), schema


def drop(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def scratch(url: str) -> Iterator[str]:
    scoped, schema = create(url)
    try:
        yield scoped
    finally:
        drop(url, schema)
