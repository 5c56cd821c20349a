"""One SQLite file, two connections: a single serialized writer and a reader (WAL).

`Database(target)` with a `postgresql://` URL opens the PostgreSQL backend instead
(storage/pg.py): the same methods, so the query modules and everything above them run
unchanged on either."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.connection import Connection
from storage.migrations import apply_migrations

BUSY_TIMEOUT_MS = 10_000
# SQLite caps bound variables per statement; IN lists are sent in chunks below it.
IN_CHUNK = 500


def in_chunks(keys: Sequence[Any]) -> Iterator[tuple[Sequence[Any], str]]:
    """(chunk, "?,?,...") pairs for an `IN (...)` over many keys."""
    for start in range(0, len(keys), IN_CHUNK):
        chunk = keys[start : start + IN_CHUNK]
        yield chunk, ",".join("?" * len(chunk))


class DatabaseUnavailable(RuntimeError):
    """The database server could not be reached; the message is one line, no password."""


def is_postgres_url(target: Path | str) -> bool:
    """Whether NEWSBRIEF_DATABASE names a PostgreSQL server rather than an SQLite file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Database:
    """Owns the connections. All SQL of the project runs through the query modules on this."""

    # Which SQL the query modules may need to speak where the two differ (search, a few
    # upserts); everything else is written once, in SQLite's words (storage/pg.py translates).
    dialect = "sqlite"

    def __new__(cls, target: Path | str) -> Database:
        if cls is Database and is_postgres_url(target):
            from storage.pg import PgDatabase

            return super().__new__(PgDatabase)
        return super().__new__(cls)

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @property
    def shared(self) -> bool:
        """Whether other bot processes may use this database at the same time."""
        return self.is_postgres

    @property
    def location(self) -> str:
        """Where the data lives, for people: a file path, or host:port/database."""
        return str(self.path)

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        # Writes are serialized in-process; BEGIN IMMEDIATE also serializes across processes.
        self._write_lock = asyncio.Lock()

    async def open(self) -> Database:
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = await self._connect()
        try:
            await apply_migrations(self._writer)
            self._reader = await self._connect()
        except BaseException:
            await self.close()
            raise
        return self

    async def _connect(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        return conn

    async def close(self) -> None:
        for conn in (self._reader, self._writer):
            if conn is not None:
                await conn.close()
        self._reader = self._writer = None

    async def __aenter__(self) -> Database:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def reader(self) -> aiosqlite.Connection:
        if self._reader is None:
            raise RuntimeError("database is not open")
        return self._reader

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """The only way to write: one writer at a time, committed as a whole or not at all."""
        if self._writer is None:
            raise RuntimeError("database is not open")
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            else:
                await self._writer.execute("COMMIT")

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        async with self.reader.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        async with self.reader.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetch_value(self, sql: str, params: Sequence[Any] = (), default: Any = None) -> Any:
        row = await self.fetch_one(sql, params)
        return default if row is None else row[0]

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """A single write statement in its own transaction; returns the rows it changed."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return cursor.rowcount
