"""Draining the outbox to Telegram: paced sends, and every Telegram error turned into the
right outcome. What to do with a chat's due items and when (instant, digest, quiet hours,
flood folding) is bot/delivery_policy.py's to decide; bot/send_errors.py classifies errors;
bot/outage.py (with bot/breaker.py) tells an outage from a chat's trouble.

A delivery is marked sent only after Telegram accepted its message. The one window that
cannot be closed: a request Telegram accepted whose answer never reached us (a crash or a
read timeout right then). Such a message is sent again on retry; because a chat gets one
message at a time, that is at most one duplicate per chat. An outage adds none: while the
breaker is open nothing is sent to any chat (Telegram is probed with getMe).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace

from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot.cluster import LEADER
from bot.delivery_policy import FOLD_AFTER as FOLD_AFTER
from bot.delivery_policy import (
    Pace,
    PushWindow,
    Route,
    digest_due,
    flood_retry_at,
    pace,
    route,
    stories_wait,
    was_held,
)
from bot.flood import FloodControl, retry_after_seconds
from bot.i18n import Translator, translator
from bot.outage import OutageWatch
from bot.render import plain_text_with_links
from bot.send_errors import Outcome, classify, refuses_paid
from bot.services import Services
from bot.views import channel_post, digest_messages, push_message
from storage import chats as chat_store
from storage import deliveries as outbox
from storage.deliveries import PendingDelivery
from storage.records import ChatRecord
from storage.states import DeliveryKind, DeliveryStatus

log = logging.getLogger(__name__)

CONCURRENT_CHATS = 256
STOP_GRACE = 30.0


@dataclass
class DrainReport:
    chats: int = 0
    messages: int = 0
    sent: int = 0


@dataclass(frozen=True)
class Outgoing:
    """One message for one chat, and the outbox items it settles once Telegram accepts it."""

    text: str
    ids: tuple[int, ...]
    preview: bool = False
    preview_url: str | None = None
    parse_mode: str | None = ParseMode.HTML
    attempts: int = 0  # the most any of its items failed so far
    queued_at: int | None = None  # the oldest item's queueing: the horizon counts from it

    @classmethod
    def one(cls, item: PendingDelivery, text: str, preview_url: str | None = None) -> Outgoing:
        """A message carrying one item; with a link preview when `preview_url` is given."""
        return cls(
            text,
            (item.id,),
            preview=preview_url is not None,
            preview_url=preview_url,
            attempts=item.attempts,
            queued_at=item.created_at,
        )

    def link_preview(self) -> LinkPreviewOptions:
        return LinkPreviewOptions(
            is_disabled=not self.preview, url=self.preview_url if self.preview else None
        )


class SendFailed(Exception):
    """A send that ended the chat's turn; the outbox already records what happens next."""


class DeliveryWorker:
    def __init__(self, services: Services, bot: Bot, flood: FloodControl) -> None:
        self.services = services
        self.bot = bot
        self.flood = flood
        self._busy = False
        self._stopping = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._pushes = PushWindow()
        self.metrics = services.metrics
        self.breaker = services.breaker
        self.outages = OutageWatch(services, bot)

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
            if not await self.outages.reachable():
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
        """The chat's fixed messages, then its stories as `route` says."""
        svc = self.services
        now = svc.now()
        # A digest or quiet chat is due every tick while its stories wait: read only what
        # goes out now, not every waiting article with its topics, once a second all day.
        waiting = stories_wait(chat, now, svc.settings.default_timezone)
        items = await outbox.due_for_chat(svc.db, chat.id, now=now, messages_only=waiting)
        messages = [i for i in items if i.kind == DeliveryKind.MESSAGE]
        stories = [i for i in items if i.kind == DeliveryKind.ARTICLE and i.article is not None]
        tr = translator(chat.language)
        try:
            for item in messages:
                await self._send(chat, Outgoing.one(item, item.payload or ""), report)
            way = route(chat, len(stories), now, svc.settings.default_timezone)
            if way is Route.CHANNEL:
                for item in stories:
                    assert item.article is not None
                    post = channel_post(item.article, tr=tr)
                    await self._send(chat, Outgoing.one(item, post, item.article.url), report)
            elif way is Route.PUSH:
                await self._push(chat, stories, tr, report, now)
            # Otherwise they wait: for the digest job, or for quiet hours to end.
        except SendFailed:
            return

    async def _push(
        self,
        chat: ChatRecord,
        stories: list[PendingDelivery],
        tr: Translator,
        report: DrainReport,
        now: int,
    ) -> None:
        recent = self._pushes.recent(chat.id, now)
        held = was_held(now, min(i.created_at for i in stories), self.outages.resumed_at)
        how = pace(len(stories), recent, held=held)
        if how is Pace.FOLD:
            # Hold them; when the hour has room again they go out as one digest.
            await outbox.retry_later(
                self.services.db,
                [i.id for i in stories],
                at=self._pushes.release_at(chat.id, self.services.now()),
                error="folded",
                count_attempt=False,
            )
        elif how is Pace.ONE_BY_ONE:
            for item in stories:
                assert item.article is not None
                # Summarising is CPU work: off the event loop, which serves everyone.
                text = await asyncio.to_thread(
                    push_message, item.article, item.topic_names, tr=tr, alerts=item.alert_phrases
                )
                await self._send(chat, Outgoing.one(item, text, item.article.url), report)
        else:
            await self._send_digest(chat, stories, tr, report)

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
        self, chat: ChatRecord, stories: list[PendingDelivery], tr: Translator, report: DrainReport
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
            digest = Outgoing(text, tuple(ids), attempts=attempts, queued_at=queued_at)
            await self._send(chat, digest, report)

    async def _send(self, chat: ChatRecord, message: Outgoing, report: DrainReport) -> None:
        """Post `message` in the chat's turn and record what came of it. Raises SendFailed
        when the chat's turn ends here (the outbox says when its items are due again)."""
        ticket, paid = await self._turn(chat)
        report.messages += 1
        try:
            paid = await self._post(chat, paid, message)
        except TelegramError as exc:
            outcome = classify(exc, html=message.parse_mode is not None)
            if outcome is None:
                raise
            await self._failed(outcome, exc, chat, message, ticket, report)
            return
        self.breaker.answered(ticket)
        await self._accepted(chat, message, paid, report)

    async def _turn(self, chat: ChatRecord) -> tuple[int, bool]:
        """Wait for the chat's turn under the flood pacing: the breaker ticket to send with
        and whether the turn is a paid one. SendFailed when sending must stop first."""
        if not self._may_send():
            raise SendFailed
        paid = await self.flood.wait_turn(chat.id, group=chat.is_group, go_on=self._may_send)
        if paid is None:
            raise SendFailed  # Telegram went down while this chat waited: it stays due
        ticket = self.breaker.ticket()
        if ticket is None:
            raise SendFailed
        return ticket, paid

    async def _accepted(
        self, chat: ChatRecord, message: Outgoing, paid: bool, report: DrainReport
    ) -> None:
        svc = self.services
        await outbox.mark_sent(svc.db, message.ids, now=svc.now(), paid=paid)
        self.metrics.deliveries.labels(DeliveryStatus.SENT).inc()
        if paid:
            self.metrics.paid_messages.inc()
        self._pushes.record(chat.id, svc.now())
        report.sent += len(message.ids)

    async def _failed(
        self,
        outcome: Outcome,
        exc: TelegramError,
        chat: ChatRecord,
        message: Outgoing,
        ticket: int,
        report: DrainReport,
    ) -> None:
        """One handler per outcome of bot/send_errors.py's table."""
        if outcome is Outcome.UNREACHABLE:
            await self.outages.unreachable(
                chat.id,
                message.ids,
                exc,
                ticket,
                attempts=message.attempts,
                queued_at=message.queued_at,
            )
            raise SendFailed from exc
        self.breaker.answered(ticket)  # Telegram answered: it is up
        match outcome:
            case Outcome.FLOOD_WAIT:
                await self._flood_wait(chat, message, exc)
            case Outcome.MIGRATED:
                await self._migrated(chat, message, exc, report)
            case Outcome.CHAT_GONE:
                self.metrics.deliveries.labels("chat_gone").inc()
                await self._gone(chat, str(exc))
                raise SendFailed from exc
            case Outcome.BAD_MARKUP:
                log.warning("markup refused for chat %s (%s); sending as plain text", chat.id, exc)
                plain = replace(message, text=plain_text_with_links(message.text), parse_mode=None)
                await self._send(chat, plain, report)
            case Outcome.REFUSED:
                self.metrics.deliveries.labels(DeliveryStatus.DEAD).inc()
                await outbox.mark_dead(self.services.db, message.ids, error=str(exc))
                log.error("delivery to chat %s refused for good: %s", chat.id, exc)

    async def _flood_wait(self, chat: ChatRecord, message: Outgoing, exc: TelegramError) -> None:
        assert isinstance(exc, RetryAfter)
        wait = retry_after_seconds(exc)
        self.metrics.deliveries.labels("flood_wait").inc()
        self.flood.penalize(chat.id, wait)
        await outbox.retry_later(
            self.services.db,
            message.ids,
            at=flood_retry_at(self.services.now(), wait),
            error=f"flood wait {wait:.0f} s",
            count_attempt=False,
        )
        raise SendFailed from exc

    async def _migrated(
        self, chat: ChatRecord, message: Outgoing, exc: TelegramError, report: DrainReport
    ) -> None:
        """The group became a supergroup: its outbox follows it, and this goes there."""
        assert isinstance(exc, ChatMigrated)
        svc = self.services
        new_id = int(exc.new_chat_id)
        await outbox.migrate_chat(svc.db, chat.id, new_id, now=svc.now())
        log.info("chat %s migrated to %s", chat.id, new_id)
        moved = await chat_store.get_chat(svc.db, new_id)
        if moved is None:
            raise SendFailed from exc
        await self._send(moved, message, report)

    async def _post(self, chat: ChatRecord, paid: bool, message: Outgoing) -> bool:
        """Send one message (as a paid broadcast when its turn was above the free rate);
        returns whether it went paid. A paid send Telegram refuses for the whole bot turns
        paid mode off (logged once) and goes again at the free rate: never a dead letter.
        Raises SendFailed when the breaker opened (or the worker is stopping) before that."""
        try:
            await self._send_message(chat, paid, message)
            return paid
        except (BadRequest, Forbidden) as exc:
            if not paid or not refuses_paid(exc):
                raise
            if self.flood.paid_refused():
                log.warning("paid broadcasts refused (%s): sending at the free rate", exc)
        # Its turn again, and Telegram may have gone down meanwhile: then it stays due.
        if await self.flood.wait_turn(chat.id, group=chat.is_group, go_on=self._may_send) is None:
            raise SendFailed
        await self._send_message(chat, False, message)
        return False

    async def _send_message(self, chat: ChatRecord, paid: bool, message: Outgoing) -> Message:
        return await self.bot.send_message(
            chat_id=chat.id,
            message_thread_id=chat.thread_id,
            disable_notification=True if chat.silent else None,
            allow_paid_broadcast=True if paid else None,
            text=message.text,
            parse_mode=message.parse_mode,
            link_preview_options=message.link_preview(),
        )

    def _may_send(self) -> bool:
        # The leader lease lapsed (another instance may be sending now): stop at once.
        return self.breaker.closed and not self._stopping and self.services.holds(LEADER)

    async def _gone(self, chat: ChatRecord, reason: str) -> None:
        await outbox.deactivate_chat(
            self.services.db, chat.id, reason=reason, now=self.services.now()
        )
        log.info("chat %s is gone (%s): deliveries cancelled", chat.id, reason)


async def send_due_digests(worker: DeliveryWorker) -> int:
    """Digests whose local time has come since the chat's last one."""
    svc = worker.services
    if not worker.breaker.closed:
        return 0  # due digests stay due: they go once Telegram is back
    now = svc.now()
    sent = 0
    report = DrainReport()
    for chat in await chat_store.digest_chats(svc.db):
        if not digest_due(chat, now, svc.settings.default_timezone):
            continue
        await worker.send_digest_now(chat, report)
        sent += 1
    return sent
