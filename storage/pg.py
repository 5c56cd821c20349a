"""The PostgreSQL backend: the same `Database` methods as SQLite's, over a psycopg 3 pool.

The query modules write their SQL once, in SQLite's words; `translate` turns it into
PostgreSQL's (placeholders, INSERT OR IGNORE, INDEXED BY hints, group_concat, instr). The few
statements that differ in meaning (full-text search, UPDATE OR IGNORE) branch on
`db.dialect` in their own module. Values are bound on the client (psycopg's ClientCursor),
so a parameter takes its type from where it stands, as it does in SQLite.

Writes that SQLite serializes with BEGIN IMMEDIATE (storing a batch gives the new articles
their ids, fan-out checks what a chat already has) are serialized here too: every
`transaction()` takes one transaction-scoped advisory lock, across all instances. Single
statements (`execute`: marking a delivery sent, a lease, a heartbeat) run without it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import AsyncClientCursor, AsyncConnection
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from storage.connection import Connection
from storage.db import Database, DatabaseUnavailable
from storage.pg_schema import apply_pg_migrations

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key of the write lock ("newsbrief" in a 31-bit number).
WRITE_LOCK = 0x6E657773
CONNECT_TIMEOUT = 10.0
POOL_MAX = 10


def describe_url(url: str) -> str:
    """host:port/dbname of a URL, never its password (for messages and /healthz)."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or 5432
    return f"{host}:{port}{parts.path or '/'}"


def check_url(url: str) -> str:
    """The URL itself if libpq can use it; ValueError with the reason otherwise."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port that is not a number
    except ValueError:
        raise ValueError("not a valid postgresql:// URL (the port is not a number)") from None
    if parts.scheme not in ("postgresql", "postgres") or not url.startswith(f"{parts.scheme}://"):
        raise ValueError("a database URL must start with postgresql://")
    if not parts.path.strip("/"):
        raise ValueError("a postgresql:// URL must name a database: postgresql://host/NAME")
    try:
        psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "unparsable"
        raise ValueError(f"not a valid postgresql:// URL ({reason})") from None
    return url


def _application_name(url: str) -> str:
    return str(psycopg.conninfo.conninfo_to_dict(url).get("application_name") or "newsbrief")


class Row:
    """A result row read by position or by column name, as sqlite3.Row is."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    index: dict[str, int] = {}
    for number, column in enumerate(cursor.description or ()):
        index.setdefault(column.name, number)  # the first of two same names, as sqlite3.Row

    def make(values: Sequence[Any]) -> Row:
        return Row(values, index)

    return make


_LITERAL = re.compile(r"('(?:[^']|'')*')")
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_INDEXED_BY = re.compile(r"\bINDEXED\s+BY\s+\w+", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQLite's statement in PostgreSQL's words (psycopg placeholders, `%` escaped)."""
    parts = _LITERAL.split(sql)
    out: list[str] = []
    ignore = False
    for number, part in enumerate(parts):
        if number % 2:  # a string literal: only psycopg's % needs escaping
            out.append(part.replace("%", "%%"))
            continue
        part = part.replace("%", "%%").replace("?", "%s")
        part = _NAMED.sub(r"%(\1)s", part)
        if _OR_IGNORE.search(part):
            ignore = True
            part = _OR_IGNORE.sub("INSERT INTO", part)
        part = _INDEXED_BY.sub("", part)
        part = re.sub(r"\bgroup_concat\(", "string_agg(", part, flags=re.IGNORECASE)
        part = re.sub(r"\bchar\((\d+)\)", r"chr(\1)", part, flags=re.IGNORECASE)
        part = re.sub(r"\binstr\(", "strpos(", part, flags=re.IGNORECASE)
        out.append(part)
    text = "".join(out).strip().rstrip(";")
    if ignore:
        found = _RETURNING.search(text)
        if found:
            text = f"{text[: found.start()]} ON CONFLICT DO NOTHING {text[found.start() :]}"
        else:
            text = f"{text} ON CONFLICT DO NOTHING"
    return text


class _Pending:
    """What `conn.execute` returns: awaited, the cursor; or used as `async with`."""

    def __init__(self, conn: PgConnection, sql: str, params: Any) -> None:
        self._conn = conn
        self._sql = sql
        self._params = params
        self._cursor: Any = None

    async def _run(self) -> Any:
        self._cursor = await self._conn.run(self._sql, self._params)
        return self._cursor

    def __await__(self) -> Any:
        return self._run().__await__()

    async def __aenter__(self) -> Any:
        return await self._run()

    async def __aexit__(self, *exc: object) -> None:
        if self._cursor is not None:
            await self._cursor.close()


class PgConnection:
    """The connection a transaction hands out: aiosqlite's execute/executemany shape."""

    def __init__(self, conn: AsyncConnection[Any]) -> None:
        self.raw = conn

    async def run(self, sql: str, params: Any = ()) -> Any:
        cursor = self.raw.cursor()
        await cursor.execute(translate(sql), _params(params))
        return cursor

    def execute(self, sql: str, params: Any = ()) -> _Pending:
        return _Pending(self, sql, params)

    async def executemany(self, sql: str, rows: Iterable[Any]) -> None:
        rows = list(rows)
        if not rows:
            return
        async with self.raw.cursor() as cursor:
            await cursor.executemany(translate(sql), [_params(row) for row in rows])


def _params(params: Any) -> Any:
    if isinstance(params, dict):
        return params
    return tuple(params)


class PgDatabase(Database):
    """A pool of connections to one PostgreSQL database (several instances may share it)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = check_url(str(url))
        self._pool: AsyncConnectionPool[Any] | None = None

    @property
    def location(self) -> str:
        return describe_url(self.url)

    async def open(self) -> PgDatabase:
        pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
            self.url,
            min_size=1,
            max_size=POOL_MAX,
            open=False,
            kwargs={
                "autocommit": True,
                "cursor_factory": AsyncClientCursor,
                "row_factory": _row_factory,
                "connect_timeout": int(CONNECT_TIMEOUT),
                # Named, so an operator sees whose connections these are in pg_stat_activity;
                # a URL's own application_name (one per instance, say) is kept.
                "application_name": _application_name(self.url),
            },
            # A connection the server dropped is replaced, not handed out: a restart of the
            # server costs the statements in flight, then the pool reconnects (with backoff).
            check=AsyncConnectionPool.check_connection,
            reconnect_timeout=365 * 86400,
            name="newsbrief",
        )
        # One plain connection first: a server that is down or refuses us is one clear line
        # now, rather than the pool's retries in the log.
        reason = await _why_unreachable(self.url)
        if reason is None:
            try:
                await pool.open(wait=True, timeout=CONNECT_TIMEOUT)
            except PoolTimeout:
                reason = "no connection became ready in time"
        if reason is not None:
            await pool.close()
            raise DatabaseUnavailable(
                f"cannot connect to PostgreSQL at {self.location}: {reason}"
            )
        self._pool = pool
        try:
            async with pool.connection() as conn:
                await apply_pg_migrations(conn)
        except BaseException:
            await self.close()
            raise
        return self

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
        self._pool = None

    @property
    def pool(self) -> AsyncConnectionPool[Any]:
        if self._pool is None:
            raise RuntimeError("database is not open")
        return self._pool

    @property
    def reader(self) -> Any:
        raise RuntimeError("the PostgreSQL backend has no single reader connection")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        async with self.pool.connection() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield PgConnection(conn)

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        async with self.pool.connection() as conn:
            cursor = await PgConnection(conn).run(sql, params)
            return list(await cursor.fetchall())

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        async with self.pool.connection() as conn:
            cursor = await PgConnection(conn).run(sql, params)
            return await cursor.fetchone()

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self.pool.connection() as conn:
            cursor = await PgConnection(conn).run(sql, params)
            return int(cursor.rowcount)


async def _why_unreachable(url: str) -> str | None:
    """None when the server takes a connection; libpq's reason in a few words otherwise."""
    try:
        conn = await asyncio.wait_for(
            AsyncConnection.connect(url, connect_timeout=int(CONNECT_TIMEOUT)),
            CONNECT_TIMEOUT + 1,
        )
    except TimeoutError:
        return "no answer"
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        found = re.search(r"port \d+ failed: (.*)", first)
        reason = found.group(1) if found else first.removeprefix("connection failed: ")
        return reason.removeprefix("FATAL:").strip() or type(exc).__name__
    await conn.close()
    return None
