"""`newsbrief copy-db TARGET`: everything in one database copied into an empty other one
(SQLite to PostgreSQL and back), table by table in foreign-key order, then counted."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storage.db import Database, is_postgres_url

BATCH = 2000
# Kept by triggers from `articles` on each side (FTS5 / tsvector), the migrations' own, and
# the running instances' leases and heartbeats (they mean nothing to another database).
# The stemmed index is rebuilt on the target from its backlog (triggers list every copied
# article; the bot indexes them at start).
SKIPPED = {
    "schema_version",
    "articles_search",
    "instances",
    "leases",
    "article_stems",
    "stem_backlog",
}


class CopyError(Exception):
    """Why nothing (more) was copied, in one line."""


@dataclass
class CopyReport:
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: source, target

    @property
    def matches(self) -> bool:
        return all(source == target for source, target in self.counts.values())


def check_target(source: str, target: str) -> None:
    """Refuse a target that is the source, or a path and a URL mixed up."""
    if target.strip() == "":
        raise CopyError("TARGET is empty: give a file path or a postgresql:// URL")
    if is_postgres_url(target):
        from storage.pg import check_url

        try:
            check_url(target)
        except ValueError as exc:
            raise CopyError(f"TARGET {exc}") from None
    elif re.match(r"^[A-Za-z][\w+.-]*:/", target) or re.match(r"^postgres", target, re.I):
        raise CopyError(
            f"TARGET {target[:80]!r} is neither a file path nor a postgresql:// URL "
            "(a server is written postgresql://user@host:5432/dbname)"
        )
    elif re.match(r"^[\w.-]+:\d+(/|$)", target):
        raise CopyError(
            f"TARGET {target[:80]!r} looks like a server address, not a file: "
            "write it as postgresql://user@host:port/dbname"
        )
    same = target == source
    if not same and not is_postgres_url(target) and not is_postgres_url(source):
        same = Path(target).resolve() == Path(source).resolve()
    if same:
        raise CopyError("TARGET is NEWSBRIEF_DATABASE itself; copy into another database")


async def tables_in_order(db: Database) -> list[str]:
    """The data tables, each after the tables its foreign keys point at."""
    if db.is_postgres:
        names = [
            row[0]
            for row in await db.fetch_all(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        ]
        edges = await db.fetch_all(
            "SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.constraint_column_usage ccu "
            "ON ccu.constraint_name = tc.constraint_name "
            "AND ccu.constraint_schema = tc.constraint_schema "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"
        )
        refs: dict[str, set[str]] = {name: set() for name in names}
        for table, referenced in edges:
            refs.setdefault(table, set()).add(referenced)
    else:
        virtual = [
            row[0]
            for row in await db.fetch_all(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        names = [
            row[0]
            for row in await db.fetch_all(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
            )
            # FTS5 keeps each virtual table's index in shadow tables named after it.
            if not any(row[0].startswith(f"{table}_") for table in virtual)
        ]
        refs = {}
        for name in names:
            rows = await db.fetch_all(f"SELECT * FROM pragma_foreign_key_list('{name}')")
            refs[name] = {row["table"] for row in rows}
    names = [name for name in names if name not in SKIPPED]
    ordered: list[str] = []
    pending = sorted(names)
    while pending:
        ready = [n for n in pending if not (refs.get(n, set()) - {n}) - set(ordered)]
        if not ready:  # a cycle (none today): keep the rest in name order
            ready = pending[:1]
        for name in ready:
            ordered.append(name)
            pending.remove(name)
    return ordered


async def _columns(db: Database, table: str) -> list[str]:
    if db.is_postgres:
        rows = await db.fetch_all(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
    else:
        rows = await db.fetch_all(f"SELECT name FROM pragma_table_info('{table}')")
    return [row[0] for row in rows]


async def _count(db: Database, table: str) -> int:
    return int(await db.fetch_value(f"SELECT COUNT(*) FROM {table}", default=0))


async def copy_database(
    source: Database, target: Database, *, progress: Callable[[str], None]
) -> CopyReport:
    """Copy every row; refuses a target holding any row. Both are open and migrated."""
    tables = await tables_in_order(source)
    target_tables = set(await tables_in_order(target))
    missing = [t for t in tables if t not in target_tables]
    if missing:
        raise CopyError(f"the target has no table {missing[0]} (different newsbrief versions?)")
    for table in tables:
        if await _count(target, table):
            raise CopyError(f"the target is not empty (table {table} has rows); give an empty one")
    report = CopyReport()
    for table in tables:
        wanted = set(await _columns(target, table))
        columns = [c for c in await _columns(source, table) if c in wanted]
        total = await _count(source, table)
        listed = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        insert = f"INSERT INTO {table} ({listed}) VALUES ({marks})"
        copied = 0
        if "id" in columns:
            last = None
            while True:
                where = "" if last is None else "WHERE id > ?"
                rows = await source.fetch_all(
                    f"SELECT {listed} FROM {table} {where} ORDER BY id LIMIT {BATCH}",
                    () if last is None else (last,),
                )
                if not rows:
                    break
                await _insert(target, insert, rows)
                copied += len(rows)
                last = rows[-1][columns.index("id")]
                progress(f"{table}: {copied:,} of {total:,}")
        else:
            rows = await source.fetch_all(f"SELECT {listed} FROM {table}")
            for start in range(0, len(rows), BATCH):
                chunk = rows[start : start + BATCH]
                await _insert(target, insert, chunk)
                copied += len(chunk)
                progress(f"{table}: {copied:,} of {total:,}")
        if total == 0:
            progress(f"{table}: 0 of 0")
        if target.is_postgres and "id" in columns:
            # Rows came with their ids: the next id a PostgreSQL table gives follows them.
            await target.fetch_all(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        report.counts[table] = (total, await _count(target, table))
    return report


async def _insert(target: Database, insert: str, rows: Sequence[Iterable[object]]) -> None:
    async with target.transaction() as conn:
        await conn.executemany(insert, [tuple(row) for row in rows])
