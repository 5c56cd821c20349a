"""Several bot processes on one database: leases (one holder at a time, for a time) and
each instance's heartbeat, for /stats and for choosing who does what."""

from __future__ import annotations

from dataclasses import dataclass

from storage import feeds as feed_store
from storage.db import Database
from storage.records import FeedRecord


@dataclass(frozen=True)
class InstanceRecord:
    id: str
    host: str
    pid: int
    started_at: int
    seen_at: int
    roles: tuple[str, ...]


async def acquire_lease(db: Database, name: str, holder: str, *, now: float, ttl: float) -> bool:
    """Take or renew the lease `name` until now + ttl; False while another holder's runs.
    One statement, so two instances asking at once cannot both get it."""
    changed = await db.execute(
        """
        INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET holder = excluded.holder,
            expires_at = excluded.expires_at
        WHERE leases.holder = excluded.holder OR leases.expires_at < ?
        """,
        (name, holder, now + ttl, now),
    )
    return changed == 1


async def release_leases(db: Database, holder: str) -> None:
    """On a clean stop: others take over at once instead of after the lease runs out."""
    await db.execute("DELETE FROM leases WHERE holder = ?", (holder,))


async def heartbeat(
    db: Database,
    instance_id: str,
    *,
    host: str,
    pid: int,
    started_at: int,
    roles: tuple[str, ...],
    now: int,
) -> None:
    await db.execute(
        """
        INSERT INTO instances (id, host, pid, started_at, seen_at, roles)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET seen_at = excluded.seen_at, roles = excluded.roles
        """,
        (instance_id, host, pid, started_at, now, ",".join(roles)),
    )


async def forget_instance(db: Database, instance_id: str, *, before: int) -> None:
    """This instance is stopping; instances silent since `before` are gone too."""
    await db.execute(
        "DELETE FROM instances WHERE id = ? OR seen_at < ?", (instance_id, before)
    )


async def live_instances(db: Database, *, since: int) -> list[InstanceRecord]:
    rows = await db.fetch_all(
        "SELECT id, host, pid, started_at, seen_at, roles FROM instances "
        "WHERE seen_at >= ? ORDER BY started_at, id",
        (since,),
    )
    return [
        InstanceRecord(
            row[0], row[1], row[2], row[3], row[4], tuple(r for r in row[5].split(",") if r)
        )
        for row in rows
    ]


async def claim_feeds(
    db: Database, *, now: int, lease_until: int, due_only: bool
) -> list[FeedRecord]:
    """The feeds this instance polls now: due (or all unpaused ones, at start). On
    PostgreSQL, where several instances may run, only those no other instance leased, each
    now leased until `lease_until` (a poll that dies with its instance leaves the feed to
    another one then); rows another instance is claiming are skipped, not waited for. One
    SQLite process has no one to share with."""
    if not db.is_postgres:
        if due_only:
            return await feed_store.due_feeds(db, now=now)
        return [feed for feed in await feed_store.list_feeds(db) if not feed.paused]
    due = "AND next_fetch_at <= ?" if due_only else ""
    rows = await db.fetch_all(
        f"""
        UPDATE feeds SET lease_until = ?
        WHERE id IN (
            SELECT id FROM feeds WHERE paused = 0 AND lease_until < ? {due}
            ORDER BY next_fetch_at, id FOR UPDATE SKIP LOCKED
        )
        RETURNING *
        """,
        (lease_until, now, now) if due_only else (lease_until, now),
    )
    return sorted((FeedRecord.from_row(row) for row in rows), key=lambda f: (f.next_fetch_at, f.id))


async def release_feed(db: Database, feed_id: int) -> None:
    if db.is_postgres:
        await db.execute("UPDATE feeds SET lease_until = 0 WHERE id = ?", (feed_id,))
