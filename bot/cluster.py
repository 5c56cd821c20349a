"""Who does what when several `newsbrief run` processes share one PostgreSQL database.

Every instance answers updates (webhook), polls the feeds it leases (storage/cluster.py)
and stores what it finds. Two jobs need one instance at a time, each behind a lease that
its holder renews every RENEW_EVERY seconds and that runs out LEASE_TTL seconds after the
last renewal:
- LEADER: drains the outbox and runs the jobs that must run once (digests, broadcast
  progress, housekeeping). One sender makes the bot's send rate, the per-chat pacing,
  per-chat order and one message in flight per chat hold for the bot as a whole;
- UPDATES: long polling (Telegram allows one getUpdates caller per token).
An instance that dies or hangs loses its leases when they run out; another takes them at
its next renewal, within LEASE_TTL + RENEW_EVERY seconds. A holder counts its lease as
lost MARGIN seconds before the others may take it (clock skew, a slow round trip), and
stops sending then.

Not started (console, tests, SQLite), an instance holds every role: there is no one else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable

from bot.metrics import Metrics
from storage import cluster as cluster_store
from storage.db import Database

log = logging.getLogger(__name__)

LEADER = "leader"
UPDATES = "updates"
LEASE_TTL = 10.0
RENEW_EVERY = 2.0
MARGIN = 2.0
# An instance not heard from for this long is not listed as live.
LIVE_WITHIN = 30


class Cluster:
    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], float] = time.time,
        metrics: Metrics | None = None,
    ) -> None:
        self.db = db
        self.metrics = metrics
        self.clock = clock
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.instance_id = f"{self.host}:{self.pid}:{secrets.token_hex(3)}"
        self.started_at = int(clock())
        self.active = False
        self.wanted: tuple[str, ...] = ()
        # Lease name -> monotonic time until which this instance may act on it.
        self._until: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None
        self.last_error: str | None = None
        self.on_change: Callable[[str, bool], None] | None = None

    def holds(self, name: str) -> bool:
        if not self.active:
            return True
        return time.monotonic() < self._until.get(name, 0.0)

    def roles(self) -> tuple[str, ...]:
        return tuple(name for name in self.wanted if self.holds(name))

    async def start(self, wanted: tuple[str, ...]) -> None:
        """Compete for these leases from now on (and say so in the instances table)."""
        self.active = True
        self.wanted = wanted
        await self.renew()
        self._task = asyncio.create_task(self._loop(), name="cluster-leases")

    async def renew(self) -> None:
        """One round: take or renew each wanted lease, then the heartbeat. A database that
        does not answer keeps nothing: leases lapse here before they lapse for the others."""
        for name in self.wanted:
            asked = time.monotonic()
            had = self.holds(name)
            try:
                got = await cluster_store.acquire_lease(
                    self.db, name, self.instance_id, now=self.clock(), ttl=LEASE_TTL
                )
            except Exception as exc:
                got = False
                self._report(f"{type(exc).__name__}: {exc}".splitlines()[0][:200])
            else:
                self._report(None)
            if got:
                self._until[name] = asked + LEASE_TTL - MARGIN
            elif time.monotonic() >= self._until.get(name, 0.0):
                self._until.pop(name, None)
            if had != self.holds(name):
                log.info(
                    "%s the %s lease (%s)",
                    "took" if self.holds(name) else "lost",
                    name,
                    self.instance_id,
                )
                if self.on_change is not None:
                    self.on_change(name, self.holds(name))
        if self.metrics is not None:
            self.metrics.database_error = self.last_error
            self.metrics.database_line = (
                f"database: {self.db.dialect} {self.db.location}, instance {self.instance_id}, "
                f"roles: {', '.join(self.roles()) or 'standby'}"
            )
        with contextlib.suppress(Exception):
            await cluster_store.heartbeat(
                self.db,
                self.instance_id,
                host=self.host,
                pid=self.pid,
                started_at=self.started_at,
                roles=self.roles(),
                now=int(self.clock()),
            )

    def _report(self, error: str | None) -> None:
        if error is not None and self.last_error is None:
            log.warning("database unreachable, retrying every %.0f s: %s", RENEW_EVERY, error)
        elif error is None and self.last_error is not None:
            log.info("database reachable again")
        self.last_error = error

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(RENEW_EVERY)
            try:
                await self.renew()
            except Exception:  # never let the lease loop die: it is what makes us a member
                log.exception("lease renewal failed")

    async def stop(self) -> None:
        """A clean stop hands the leases over at once."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if not self.active:
            return
        self._until.clear()
        with contextlib.suppress(Exception):
            await cluster_store.release_leases(self.db, self.instance_id)
            await cluster_store.forget_instance(
                self.db, self.instance_id, before=int(self.clock()) - 24 * 3600
            )
        self.active = False

    async def live(self) -> list[cluster_store.InstanceRecord]:
        return await cluster_store.live_instances(
            self.db, since=int(self.clock()) - LIVE_WITHIN
        )
