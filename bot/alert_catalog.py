"""The readers' alerts in force for ingest: rebuilt from the database when one changed."""

from __future__ import annotations

import asyncio

from news.alerts import AlertMatcher
from storage import alerts as alert_store
from storage.db import Database


class AlertCatalog:
    def __init__(self) -> None:
        self._matcher = AlertMatcher([])
        self._stale = True

    def changed(self) -> None:
        """An alert was added or removed: the next ingest reloads them (once, however many
        changed in between)."""
        self._stale = True

    async def matcher(self, db: Database) -> AlertMatcher:
        if self._stale:
            self._stale = False
            alerts = await alert_store.active_alerts(db)
            # Compiling thousands of phrases takes seconds: not on the event loop.
            pairs = [(a.id, a.phrase) for a in alerts]
            self._matcher = await asyncio.to_thread(AlertMatcher, pairs)
        return self._matcher
