"""The shape of a connection inside a transaction, as the query modules use it.

SQLite hands out an `aiosqlite.Connection`; PostgreSQL a `storage.pg.PgConnection` that
speaks the same way (and translates the SQL). The query modules are typed against this
protocol, so mypy checks both backends' calls instead of pretending one is the other."""

from __future__ import annotations

from collections.abc import Awaitable, Generator, Iterable
from typing import Any, Protocol


class Cursor(Protocol):
    @property
    def lastrowid(self) -> int | None: ...

    @property
    def rowcount(self) -> int: ...

    async def fetchone(self) -> Any: ...

    async def fetchall(self) -> Iterable[Any]: ...


class Executed(Protocol):
    """What `execute` returns: awaited, its cursor; or used as `async with`."""

    def __await__(self) -> Generator[Any, None, Cursor]: ...

    async def __aenter__(self) -> Cursor: ...

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any, /) -> Any: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Executed: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Awaitable[Any]: ...
