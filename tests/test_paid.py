"""Paid broadcasts: above Telegram's free 30/s the sender sets allow_paid_broadcast, up to
NEWSBRIEF_SEND_RATE; a bot without Stars falls back to the free rate and loses nothing.
Time is the harness's pacing clock, so rates are exact and the test instant."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.flood import FloodControl
from bot.local_api import BAD_GATEWAY, SentMessage
from bot.settings import Settings
from storage import deliveries as outbox
from testkit.botkit import PacingClock
from testkit.feedserver import FeedServer
from testkit.newsroom import Newsroom, open_newsroom
from testkit.readers import add_readers

ADMIN = 42
READERS = range(1000, 1200)


@pytest.fixture
async def paid_room(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[Newsroom]:
    async with open_newsroom(
        tmp_path, feed_server, admin_ids=[ADMIN], send_rate=100, paid_broadcast=True
    ) as newsroom:
        await add_readers(newsroom.bot.services, READERS, following="CSTO")
        yield newsroom


def test_without_paid_mode_the_rate_is_held_to_the_free_limit() -> None:
    free = Settings(_env_file=None, send_rate=100)  # type: ignore[call-arg]
    paid = Settings(_env_file=None, send_rate=100, paid_broadcast=True)  # type: ignore[call-arg]
    assert (free.effective_send_rate, paid.effective_send_rate) == (30, 100)
    assert Settings(_env_file=None).paid_broadcast is False  # type: ignore[call-arg]


async def test_paid_mode_sends_above_30_a_second_with_the_paid_flag(paid_room: Newsroom) -> None:
    bot = paid_room.bot
    sends: list[tuple[float, bool]] = []
    bot.telegram.listeners.append(lambda m: sends.append((bot.pacing.now, m.paid)))
    started = bot.pacing.now
    await paid_room.publish(("p1", "CSTO summit opens in Minsk"))
    await bot.drain()
    assert len(sends) == len(READERS)
    assert {m.chat_id for m in bot.telegram.sent} == set(READERS)
    elapsed = bot.pacing.now - started
    assert elapsed < len(READERS) / 30 / 2  # well above the free 30/s ...
    assert elapsed >= (len(READERS) - 1) / 100 - 0.01  # ... and never above 100/s
    for at, _ in sends:  # in every sliding second: at most 30 free, the rest paid
        window = [paid for t, paid in sends if at - 1.0 < t <= at]
        assert window.count(False) <= 30 and len(window) <= 100
    paid = sum(1 for _, flag in sends if flag)
    assert paid > len(READERS) / 2
    assert bot.services.metrics.paid_messages._value.get() == paid
    [stats, *_] = await bot.send("/stats", user_id=ADMIN)
    assert f"Paid broadcast messages: {paid}" in stats.plain
    assert f"newsbrief_paid_broadcast_messages_total {paid}.0" in (
        bot.services.metrics.render().decode()
    )


async def test_a_bot_without_stars_falls_back_to_free_and_loses_nothing(
    paid_room: Newsroom, caplog: pytest.LogCaptureFixture
) -> None:
    bot = paid_room.bot
    bot.telegram.paid_refusal = "Bad Request: not enough Stars to send paid broadcasts"
    caplog.set_level(logging.WARNING, logger="bot.delivery")
    started = bot.pacing.now
    await paid_room.publish(("p2", "CSTO drills announced"))
    await bot.drain()
    delivered = [m for m in bot.telegram.sent if m.chat_id in READERS]
    assert sorted(m.chat_id for m in delivered) == list(READERS)  # each once
    assert not any(m.paid for m in delivered)
    counts = await outbox.status_counts(bot.services.db)
    assert counts == {"sent": len(READERS)}
    assert bot.pacing.now - started >= (len(READERS) - 31) / 30  # back at the free rate
    warnings = [r for r in caplog.records if "paid broadcasts refused" in r.getMessage()]
    assert len(warnings) == 1


async def test_pacing_marks_the_sends_above_the_free_30_as_paid() -> None:
    clock = PacingClock()
    flood = FloodControl(100, paid=True, clock=clock, sleep=clock.sleep)
    first_second = [await flood.wait_turn(chat_id, group=False) for chat_id in range(100)]
    assert first_second == [False] * 30 + [True] * 70
    assert clock.now - 1000 < 1.0  # 100 sends in under a second
    assert flood.paid_refused() and not flood.paid_refused()  # the caller logs once
    started = clock.now
    after = [await flood.wait_turn(chat_id, group=False) for chat_id in range(100, 160)]
    assert not any(after) and clock.now - started >= 59 / 30 - 0.01  # free, at 30/s
    assert not await FloodControl(30, paid=True).wait_turn(1, group=False)  # 30: never paid


async def test_a_paid_refusal_as_telegram_goes_down_sends_nothing_while_it_is_down(
    paid_room: Newsroom,
) -> None:
    """The first paid send is refused (no Stars) just as Telegram starts answering 502 to
    everyone: its free retry waits for its turn like any send, and finds the breaker open,
    so nothing more goes to Telegram until it is back; then each reader gets the story once,
    at the free rate."""
    bot = paid_room.bot
    telegram = bot.telegram
    telegram.paid_refusal = "Bad Request: not enough Stars to send paid broadcasts"
    answer = telegram.handle

    def refuse_then_fall(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        status, response = answer(method, params)
        if response.get("description") == telegram.paid_refusal:
            telegram.outage = BAD_GATEWAY
        return status, response

    telegram.handle = refuse_then_fall  # type: ignore[method-assign]

    async def paced(seconds: float) -> None:
        # Real pacing lets other chats' sends run while one waits: so may this clock.
        await bot.pacing.sleep(seconds)
        await asyncio.sleep(0)

    bot.worker.flood.sleep = paced
    await paid_room.publish(("p3", "CSTO council meets in Minsk"))
    await bot.drain()
    assert not bot.services.breaker.closed
    failed = [c for c in telegram.calls if c.method == "sendMessage" and c.status == 502]
    assert len(failed) == 3  # the three that showed the outage, nothing after it
    assert len(telegram.sent) == 30  # the free ones before the refusal

    telegram.outage = None
    for _ in range(10):
        paid_room.clock.now += 60
        await bot.drain()
    delivered = [m for m in telegram.sent if m.chat_id in READERS]
    assert sorted(m.chat_id for m in delivered) == list(READERS)
    assert not any(m.paid for m in delivered)
    assert await outbox.status_counts(bot.services.db) == {"sent": len(READERS)}


async def test_paid_mode_through_an_outage_resumes_within_the_rate_and_counts_what_was_sent(
    paid_room: Newsroom,
) -> None:
    """Telegram fails for everyone after 50 sends of a paid fan-out. On recovery the backlog
    goes out no faster than NEWSBRIEF_SEND_RATE, at most 30 free in any second, each reader
    once; only messages Telegram accepted count as paid."""
    bot = paid_room.bot
    telegram = bot.telegram
    sends: list[tuple[float, bool]] = []

    def watch(message: SentMessage) -> None:
        sends.append((bot.pacing.now, message.paid))
        if len(sends) == 50:
            telegram.outage = BAD_GATEWAY

    telegram.listeners.append(watch)
    await paid_room.publish(("p4", "CSTO staff talks resume"))
    await bot.drain()
    assert not bot.services.breaker.closed and len(sends) == 50
    telegram.outage = None
    for _ in range(10):
        paid_room.clock.now += 60
        await bot.drain()
    assert sorted(m.chat_id for m in telegram.sent if m.chat_id in READERS) == list(READERS)
    for at, _ in sends:
        window = [paid for t, paid in sends if at - 1.0 < t <= at]
        assert window.count(False) <= 30 and len(window) <= 100
    paid = sum(1 for _, flag in sends if flag)
    assert bot.services.metrics.paid_messages._value.get() == paid
    assert (
        await bot.services.db.fetch_value("SELECT COUNT(*) FROM deliveries WHERE paid = 1") == paid
    )
    assert await outbox.status_counts(bot.services.db) == {"sent": len(READERS)}
