"""Telegram's availability as the outbox worker sees it: bot/breaker.py's verdicts applied
to the outbox, the getMe probes while it is open, and one log line at each end of an outage.

Logged as "bot.delivery", with the rest of the outbox's story: operators (and the outage
tests and bench) read a delivery's sends and the outages that paused them in one place.
"""

from __future__ import annotations

import logging
import random

from telegram import Bot
from telegram.error import TelegramError

from bot.breaker import Breaker
from bot.delivery_policy import format_duration, retry_at
from bot.metrics import BREAKER_CLOSED, BREAKER_OPEN, BREAKER_PROBING
from bot.send_errors import Outcome, classify, describe
from bot.services import Services
from storage import deliveries as outbox
from storage.states import DeliveryStatus

log = logging.getLogger("bot.delivery")


class OutageWatch:
    def __init__(self, services: Services, bot: Bot) -> None:
        self.services = services
        self.bot = bot
        self.metrics = services.metrics
        self.breaker: Breaker[tuple[int, ...]] = services.breaker
        self.rng = random.Random()
        # When the last outage ended: waiting through it does not make a story "held".
        self.resumed_at = 0

    async def reachable(self) -> bool:
        """Closed: yes. Open: no, except when a probe is due and Telegram answers it."""
        breaker = self.breaker
        if breaker.closed:
            return True
        if not breaker.probe_due():
            return False
        self.metrics.breaker_state.set(BREAKER_PROBING)
        try:
            await self.bot.get_me()
        except TelegramError as exc:
            if classify(exc, html=False) is Outcome.UNREACHABLE:
                breaker.probe_failed()
                self.metrics.breaker_state.set(BREAKER_OPEN)
                return False
            # Any other answer (even a refusal) means Telegram is there.
        await self._ended()
        return True

    async def unreachable(
        self,
        chat_id: int,
        ids: tuple[int, ...],
        exc: TelegramError,
        ticket: int,
        *,
        attempts: int,
        queued_at: int | None,
    ) -> None:
        """No answer or a server error. Part of an outage: the delivery waits, its attempts
        untouched. The chat's own trouble: retried fast, then slower, until the horizon."""
        svc = self.services
        now = svc.now()
        error = describe(exc)
        verdict = self.breaker.failed(ticket, chat_id, ids, error)
        if verdict.opened:
            for earlier in verdict.refund:
                await outbox.refund_attempt(svc.db, earlier, at=now)
            await self._began()
        if not verdict.counts:
            self.metrics.deliveries.labels("paused").inc()
            await outbox.retry_later(
                svc.db, ids, at=now, error=f"Telegram unreachable: {error}", count_attempt=False
            )
            return
        self.metrics.deliveries.labels("retry").inc()
        horizon = svc.settings.delivery_horizon
        at = retry_at(
            now=now, queued_at=queued_at, horizon=horizon, attempts=attempts, rng=self.rng
        )
        if at is None:
            self.metrics.deliveries.labels(DeliveryStatus.DEAD).inc()
            await outbox.mark_dead(svc.db, ids, error=error)
            log.error(
                "delivery to chat %s still failing after %d attempts over %d s, given up: %s",
                chat_id,
                attempts + 1,
                horizon,
                error,
            )
            return
        await outbox.retry_later(svc.db, ids, at=at, error=error, count_attempt=True)

    async def _began(self) -> None:
        """Said once per outage, however many chats were failing."""
        breaker = self.breaker
        self.metrics.outages.inc()
        self.metrics.breaker_state.set(BREAKER_OPEN)
        self.metrics.outage_since = breaker.since
        waiting = await outbox.pending_count(self.services.db)
        log.warning(
            "Telegram unreachable (%s): pushes paused, %d deliveries waiting",
            breaker.reason,
            waiting,
        )

    async def _ended(self) -> None:
        lasted = self.breaker.close()
        self.resumed_at = self.services.now()
        self.metrics.breaker_state.set(BREAKER_CLOSED)
        self.metrics.outage_since = None
        waited = await outbox.pending_count(self.services.db)
        log.warning(
            "Telegram reachable again after %s: pushes resume at the usual pace, "
            "%d deliveries waited",
            format_duration(lasted),
            waited,
        )
