"""Draining the outbox to Telegram: per-chat policy (instant, digest, quiet hours, flood
folding), paced sends, and every Telegram error turned into the right outcome
(bot/send_errors.py classifies; bot/breaker.py tells an outage from a chat's trouble).

A delivery is marked sent only after Telegram accepted its message. The one window that
cannot be closed: a request Telegram accepted whose answer never reached us (a crash or a
read timeout right then). Such a message is sent again on retry; because a chat gets one
message at a time, that is at most one duplicate per chat. An outage adds none: while the
breaker is open nothing is sent to any chat (Telegram is probed with getMe).
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
from collections import deque
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot.breaker import chat_retry_delay
from bot.cluster import LEADER
from bot.flood import FloodControl, retry_after_seconds
from bot.i18n import Translator, translator
from bot.metrics import BREAKER_CLOSED, BREAKER_OPEN, BREAKER_PROBING
from bot.render import plain_text_with_links
from bot.send_errors import Outcome, classify, describe
from bot.services import Services
from bot.views import channel_post, digest_messages, push_message
from storage import chats as chat_store
from storage import deliveries as outbox
from storage.deliveries import PendingDelivery
from storage.records import ChatRecord
from storage.states import DeliveryKind, DeliveryStatus

log = logging.getLogger(__name__)

CONCURRENT_CHATS = 256
# More pushes than this to one chat within an hour are folded into one digest.
FOLD_AFTER = 10
FOLD_WINDOW = 3600
# Up to this many new stories at once go out one by one; more become a digest.
SINGLE_PUSH_MAX = 3
# Stories that waited this long (quiet hours, the flood fold) are released as one digest.
HELD_AFTER = 600
STOP_GRACE = 30.0
# Telegram refusing allow_paid_broadcast for the whole bot (no Stars on its balance, or paid
# broadcasts not allowed): the chat is fine, the message goes again at the free rate.
_PAID_REFUSED = ("stars", "balance_too_low", "paid broadcast", "paid_broadcast", "payment")


@dataclass
class DrainReport:
    chats: int = 0
    messages: int = 0
    sent: int = 0


class SendFailed(Exception):
    """A send that ended the chat's turn; the outbox already records what happens next."""


def local_time(now: int, timezone: str) -> datetime:
    return datetime.fromtimestamp(now, tz=ZoneInfo(timezone))


def in_quiet_hours(chat: ChatRecord, now: int, default_timezone: str) -> bool:
    if not chat.quiet_start or not chat.quiet_end:
        return False
    current = local_time(now, chat.timezone or default_timezone).time()
    start, end = time.fromisoformat(chat.quiet_start), time.fromisoformat(chat.quiet_end)
    if start < end:
        return start <= current < end
    return current >= start or current < end  # across midnight


class DeliveryWorker:
    def __init__(self, services: Services, bot: Bot, flood: FloodControl) -> None:
        self.services = services
        self.bot = bot
        self.flood = flood
        self._busy = False
        self._stopping = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._pushes: dict[int, deque[int]] = {}
        self.metrics = services.metrics
        self.breaker = services.breaker
        self.rng = random.Random()
        # When the last outage ended: waiting through it does not make a story "held".
        self._resumed_at = 0

    async def stop(self) -> None:
        """On shutdown: start no new sends, let the one in flight finish and be recorded."""
        self._stopping = True
        try:
            await asyncio.wait_for(self._idle.wait(), STOP_GRACE)
        except TimeoutError:
            log.warning("outbox still busy after %.0f s; stopping anyway", STOP_GRACE)

    async def drain(self) -> DrainReport:
        """Send everything due now. One drain at a time; a tick that finds one running
        simply returns, and the next tick picks up what arrived meanwhile."""
        report = DrainReport()
        if self._busy or self._stopping:
            return report
        self._busy = True
        self._idle.clear()
        started = asyncio.get_running_loop().time()
        try:
            if not await self._telegram_reachable():
                self.metrics.queue_depth.set(await outbox.pending_count(self.services.db))
                return report
            now = self.services.now()
            chat_ids = await outbox.chats_with_due(self.services.db, now=now)
            chats = await chat_store.get_chats(self.services.db, chat_ids)
            limit = asyncio.Semaphore(CONCURRENT_CHATS)

            async def one(chat: ChatRecord) -> None:
                async with limit:
                    if self.breaker.closed:  # an outage began during this drain: it waits
                        await self._deliver_chat(chat, report)

            # Linked channels first: one post there reaches every member at once.
            due = sorted((chats[c] for c in chat_ids if c in chats), key=lambda c: not c.linked)
            await asyncio.gather(*(one(chat) for chat in due))
            report.chats = len(chat_ids)
            self.metrics.queue_depth.set(await outbox.pending_count(self.services.db))
            elapsed = asyncio.get_running_loop().time() - started
            if report.messages and elapsed > 0:
                self.metrics.send_rate.set(report.messages / elapsed)
        finally:
            self._busy = False
            self._idle.set()
        return report

    async def _deliver_chat(self, chat: ChatRecord, report: DrainReport) -> None:
        svc = self.services
        now = svc.now()
        items = await outbox.due_for_chat(svc.db, chat.id, now=now)
        messages = [i for i in items if i.kind == DeliveryKind.MESSAGE]
        stories = [i for i in items if i.kind == DeliveryKind.ARTICLE and i.article is not None]
        tr = translator(chat.language)
        try:
            for item in messages:
                await self._send(
                    chat,
                    item.payload or "",
                    [item.id],
                    report,
                    preview=False,
                    attempts=item.attempts,
                    queued_at=item.created_at,
                )
            if chat.linked:
                # A channel gets each story as a post of its own, paced like a group.
                for item in stories:
                    assert item.article is not None
                    await self._send(
                        chat,
                        channel_post(item.article, tr=tr),
                        [item.id],
                        report,
                        preview=True,
                        preview_url=item.article.url,
                        attempts=item.attempts,
                        queued_at=item.created_at,
                    )
                return
            if not stories or (chat.gets_digest):
                return  # the digest job sends these at the chat's time
            if in_quiet_hours(chat, now, svc.settings.default_timezone):
                return
            recent = self._recent_pushes(chat.id, now)
            held = now - max(min(i.created_at for i in stories), self._resumed_at) > HELD_AFTER
            if recent >= FOLD_AFTER:
                # Hold them; when the hour has room again they go out as one digest.
                await outbox.retry_later(
                    svc.db,
                    [i.id for i in stories],
                    at=self._fold_release(chat.id),
                    error="folded",
                    count_attempt=False,
                )
                return
            if len(stories) <= SINGLE_PUSH_MAX and not held and recent + len(stories) <= FOLD_AFTER:
                for item in stories:
                    assert item.article is not None
                    # Summarising is CPU work: off the event loop, which serves everyone.
                    text = await asyncio.to_thread(
                        push_message,
                        item.article,
                        item.topic_names,
                        tr=tr,
                        alerts=item.alert_phrases,
                    )
                    await self._send(
                        chat,
                        text,
                        [item.id],
                        report,
                        preview=True,
                        preview_url=item.article.url,
                        attempts=item.attempts,
                        queued_at=item.created_at,
                    )
            else:
                await self._send_digest(chat, stories, tr, report)
        except SendFailed:
            return

    async def send_digest_now(self, chat: ChatRecord, report: DrainReport) -> None:
        """The chat's daily digest: everything waiting for it, in as few messages as fit."""
        items = await outbox.due_for_chat(self.services.db, chat.id, now=self.services.now())
        stories = [i for i in items if i.kind == DeliveryKind.ARTICLE and i.article is not None]
        if stories:
            try:
                await self._send_digest(chat, stories, translator(chat.language), report)
            except SendFailed:
                return
        await chat_store.mark_digest_sent(self.services.db, chat.id, at=self.services.now())

    async def _send_digest(
        self,
        chat: ChatRecord,
        stories: list[PendingDelivery],
        tr: Translator,
        report: DrainReport,
    ) -> None:
        parts = digest_messages(
            [
                (i.id, i.article, (*i.topic_names, *i.alert_phrases))
                for i in stories
                if i.article is not None
            ],
            tr=tr,
            now=self.services.now(),
            timezone=chat.zone(self.services.settings.default_timezone),
        )
        attempts = max(i.attempts for i in stories)
        queued_at = min(i.created_at for i in stories)
        for text, ids in parts:
            await self._send(
                chat, text, ids, report, preview=False, attempts=attempts, queued_at=queued_at
            )

    def _recent_pushes(self, chat_id: int, now: int) -> int:
        times = self._pushes.get(chat_id)
        if not times:
            return 0
        while times and times[0] <= now - FOLD_WINDOW:
            times.popleft()
        return len(times)

    def _fold_release(self, chat_id: int) -> int:
        times = self._pushes.get(chat_id)
        return (times[0] + FOLD_WINDOW) if times else self.services.now() + FOLD_WINDOW

    async def _send(
        self,
        chat: ChatRecord,
        text: str,
        ids: list[int],
        report: DrainReport,
        *,
        preview: bool,
        preview_url: str | None = None,
        parse_mode: str | None = ParseMode.HTML,
        attempts: int = 0,
        queued_at: int | None = None,
    ) -> None:
        svc = self.services
        if not self._may_send():
            raise SendFailed
        paid = await self.flood.wait_turn(chat.id, group=chat.is_group, go_on=self._may_send)
        if paid is None:
            raise SendFailed  # Telegram went down while this chat waited: it stays due
        ticket = self.breaker.ticket()
        if ticket is None:
            raise SendFailed
        report.messages += 1
        try:
            paid = await self._post(
                chat,
                paid,
                text=text,
                parse_mode=parse_mode,
                link_preview_options=LinkPreviewOptions(
                    is_disabled=not preview, url=preview_url if preview else None
                ),
            )
        except TelegramError as exc:
            outcome = classify(exc, html=parse_mode is not None)
            if outcome is None:
                raise
            if outcome is Outcome.UNREACHABLE:
                await self._unreachable(chat, ids, exc, ticket, attempts, queued_at)
                raise SendFailed from exc
            self.breaker.answered(ticket)  # Telegram answered: it is up
            if outcome is Outcome.FLOOD_WAIT:
                assert isinstance(exc, RetryAfter)
                wait = retry_after_seconds(exc)
                self.metrics.deliveries.labels("flood_wait").inc()
                self.flood.penalize(chat.id, wait)
                await outbox.retry_later(
                    svc.db,
                    ids,
                    at=svc.now() + int(wait) + 1,
                    error=f"flood wait {wait:.0f} s",
                    count_attempt=False,
                )
                raise SendFailed from exc
            if outcome is Outcome.MIGRATED:
                assert isinstance(exc, ChatMigrated)
                new_id = int(exc.new_chat_id)
                await outbox.migrate_chat(svc.db, chat.id, new_id, now=svc.now())
                log.info("chat %s migrated to %s", chat.id, new_id)
                moved = await chat_store.get_chat(svc.db, new_id)
                if moved is None:
                    raise SendFailed from exc
                await self._send(
                    moved,
                    text,
                    ids,
                    report,
                    preview=preview,
                    preview_url=preview_url,
                    parse_mode=parse_mode,
                    attempts=attempts,
                    queued_at=queued_at,
                )
                return
            if outcome is Outcome.CHAT_GONE:
                self.metrics.deliveries.labels("chat_gone").inc()
                await self._gone(chat, str(exc))
                raise SendFailed from exc
            if outcome is Outcome.BAD_MARKUP:
                log.warning("markup refused for chat %s (%s); sending as plain text", chat.id, exc)
                await self._send(
                    chat,
                    plain_text_with_links(text),
                    ids,
                    report,
                    preview=preview,
                    preview_url=preview_url,
                    parse_mode=None,
                    attempts=attempts,
                    queued_at=queued_at,
                )
                return
            self.metrics.deliveries.labels(DeliveryStatus.DEAD).inc()
            await outbox.mark_dead(svc.db, ids, error=str(exc))
            log.error("delivery to chat %s refused for good: %s", chat.id, exc)
            return
        self.breaker.answered(ticket)
        await outbox.mark_sent(svc.db, ids, now=svc.now(), paid=paid)
        self.metrics.deliveries.labels(DeliveryStatus.SENT).inc()
        if paid:
            self.metrics.paid_messages.inc()
        self._pushes.setdefault(chat.id, deque()).append(svc.now())
        report.sent += len(ids)

    async def _post(self, chat: ChatRecord, paid: bool, **message: object) -> bool:
        """Send one message (as a paid broadcast when its turn was above the free rate);
        returns whether it went paid. A paid send Telegram refuses for the whole bot turns
        paid mode off (logged once) and goes again at the free rate: never a dead letter.
        Raises SendFailed when the breaker opened (or the worker is stopping) before that."""
        try:
            await self._send_message(chat, paid, message)
            return paid
        except (BadRequest, Forbidden) as exc:
            if not paid or not any(m in str(exc).lower() for m in _PAID_REFUSED):
                raise
            if self.flood.paid_refused():
                log.warning("paid broadcasts refused (%s): sending at the free rate", exc)
        # Its turn again, and Telegram may have gone down meanwhile: then it stays due.
        if await self.flood.wait_turn(chat.id, group=chat.is_group, go_on=self._may_send) is None:
            raise SendFailed
        await self._send_message(chat, False, message)
        return False

    async def _send_message(
        self, chat: ChatRecord, paid: bool, message: dict[str, object]
    ) -> Message:
        return await self.bot.send_message(
            chat_id=chat.id,
            message_thread_id=chat.thread_id,
            disable_notification=True if chat.silent else None,
            allow_paid_broadcast=True if paid else None,
            **message,  # type: ignore[arg-type]
        )

    def _may_send(self) -> bool:
        # The leader lease lapsed (another instance may be sending now): stop at once.
        return self.breaker.closed and not self._stopping and self.services.holds(LEADER)

    async def _unreachable(
        self,
        chat: ChatRecord,
        ids: list[int],
        exc: TelegramError,
        ticket: int,
        attempts: int,
        queued_at: int | None,
    ) -> None:
        """No answer or a server error. Part of an outage: the delivery waits, its attempts
        untouched. The chat's own trouble: retried fast, then slower, until the horizon."""
        svc = self.services
        now = svc.now()
        error = describe(exc)
        verdict = self.breaker.failed(ticket, chat.id, tuple(ids), error)
        if verdict.opened:
            for earlier in verdict.refund:
                await outbox.refund_attempt(svc.db, earlier, at=now)
            await self._outage_began()
        if not verdict.counts:
            self.metrics.deliveries.labels("paused").inc()
            await outbox.retry_later(
                svc.db, ids, at=now, error=f"Telegram unreachable: {error}", count_attempt=False
            )
            return
        self.metrics.deliveries.labels("retry").inc()
        horizon = svc.settings.delivery_horizon
        give_up_at = (queued_at if queued_at is not None else now) + horizon
        if now >= give_up_at:
            self.metrics.deliveries.labels(DeliveryStatus.DEAD).inc()
            await outbox.mark_dead(svc.db, ids, error=error)
            log.error(
                "delivery to chat %s still failing after %d attempts over %d s, given up: %s",
                chat.id,
                attempts + 1,
                horizon,
                error,
            )
            return
        delay = max(1, math.ceil(chat_retry_delay(attempts + 1, self.rng)))
        await outbox.retry_later(
            svc.db, ids, at=min(now + delay, give_up_at), error=error, count_attempt=True
        )

    async def _telegram_reachable(self) -> bool:
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
        await self._outage_ended()
        return True

    async def _outage_began(self) -> None:
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

    async def _outage_ended(self) -> None:
        lasted = self.breaker.close()
        self._resumed_at = self.services.now()
        self.metrics.breaker_state.set(BREAKER_CLOSED)
        self.metrics.outage_since = None
        waited = await outbox.pending_count(self.services.db)
        log.warning(
            "Telegram reachable again after %s: pushes resume at the usual pace, "
            "%d deliveries waited",
            format_duration(lasted),
            waited,
        )

    async def _gone(self, chat: ChatRecord, reason: str) -> None:
        await outbox.deactivate_chat(
            self.services.db, chat.id, reason=reason, now=self.services.now()
        )
        log.info("chat %s is gone (%s): deliveries cancelled", chat.id, reason)


def format_duration(seconds: float) -> str:
    """For the log: 2 h 05 min, 7 min 30 s, 12 s."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def digest_moment(chat: ChatRecord, now: int, default_timezone: str) -> int | None:
    """The latest scheduled digest time at or before now, as a UTC timestamp."""
    if not chat.digest_time:
        return None
    zone = ZoneInfo(chat.timezone or default_timezone)
    local_now = datetime.fromtimestamp(now, tz=zone)
    at = time.fromisoformat(chat.digest_time)
    moment = local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if moment > local_now:
        moment -= timedelta(days=1)
    return int(moment.timestamp())


async def send_due_digests(worker: DeliveryWorker) -> int:
    """Digests whose local time has come since the chat's last one."""
    svc = worker.services
    if not worker.breaker.closed:
        return 0  # due digests stay due: they go once Telegram is back
    now = svc.now()
    sent = 0
    report = DrainReport()
    for chat in await chat_store.digest_chats(svc.db):
        moment = digest_moment(chat, now, svc.settings.default_timezone)
        if moment is None or (chat.last_digest_at or 0) >= moment:
            continue
        await worker.send_digest_now(chat, report)
        sent += 1
    return sent
