"""Pushes through the real outbox, worker and Application against the in-process Bot API,
with articles arriving over loopback HTTP."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.delivery import FOLD_AFTER, send_due_digests
from bot.flood import WINDOW_MARGIN, FloodControl
from storage import chats as chat_store
from storage import deliveries as outbox
from testkit.botkit import PacingClock
from testkit.newsroom import Newsroom, feed

# Each test runs on SQLite and on PostgreSQL (tests/conftest.py `backend`).
pytestmark = pytest.mark.usefixtures("backend")


async def test_a_new_story_reaches_exactly_its_topics_subscribers(room: Newsroom) -> None:
    await room.follow(11, "CSTO")
    await room.follow(12, "EU")
    await room.follow(13, "CSTO", "Armenia")
    await room.publish(("a1", "CSTO defence ministers meet in Minsk"))
    await room.bot.drain()
    for chat_id in (11, 13):
        [push] = room.pushes(chat_id)
        assert "CSTO defence ministers meet in Minsk" in push.plain
        assert push.link_preview_disabled is False  # a single story shows its preview
    assert room.pushes(12) == []
    # Nothing twice: another drain and another poll send nothing more.
    await room.bot.drain()
    await room.bot.ingest()
    await room.bot.drain()
    assert len(room.pushes(13)) == 1


async def test_a_new_subscription_brings_three_newest_not_the_backlog(room: Newsroom) -> None:
    await room.publish(*[(f"b{i}", f"CSTO story number {i}") for i in range(8)])
    await room.follow(21, "CSTO")
    await room.bot.drain()
    pushes = room.pushes(21)
    assert len(pushes) == 3
    assert "number 0" in pushes[-1].plain or "number 0" in " ".join(p.plain for p in pushes)
    # Unsubscribing and subscribing again does not push the backlog again.
    await room.bot.send("/unsubscribe CSTO", user_id=21)
    await room.follow(21, "CSTO")
    await room.bot.drain()
    assert len(room.pushes(21)) == 3


async def test_pushes_waiting_for_a_topic_left_or_an_alert_removed_do_not_come(
    room: Newsroom,
) -> None:
    """"Unsubscribed from CSTO" is not followed by CSTO pushes: the few newest stories a new
    follower was queued, still waiting (paced, quiet hours, digest), are dropped with it."""
    await room.publish(*[(f"u{i}", f"CSTO story number {i}") for i in range(5)])
    await room.follow(22, "CSTO")
    await room.bot.send("/unsubscribe CSTO", user_id=22)
    await room.bot.drain()
    assert room.pushes(22) == []
    # The topic buttons unfollow the same way.
    await room.follow(22, "CSTO")
    [topics] = await room.bot.send("/topics", user_id=22)
    await room.bot.press(topics, "CSTO", user_id=22)
    await room.bot.drain()
    assert room.pushes(22) == []
    # An alert removed before its pushes went out takes them along; a kept topic's stay.
    await room.follow(23, "Economy")
    await room.bot.send("/alert Kanarosi", user_id=23)
    await room.publish(
        ("u10", "Kanarosi harbour reopens"), ("u11", "Economy update: dram and exports")
    )
    await room.bot.send("/unalert Kanarosi", user_id=23)
    await room.bot.drain()
    text = " ".join(p.plain for p in room.pushes(23))
    assert "Economy update" in text
    assert "Kanarosi harbour" not in text


async def test_a_burst_of_fifty_becomes_a_digest(room: Newsroom) -> None:
    await room.follow(31, "Economy")
    await room.publish(*[(f"c{i}", f"Economy update {i}: dram and exports") for i in range(50)])
    await room.bot.drain()
    messages = room.pushes(31)
    assert 1 <= len(messages) <= 3, [m.plain[:60] for m in messages]
    assert "50" in messages[0].plain  # "Your digest: 50 new stories"
    text = "\n".join(m.plain for m in messages)
    assert all(f"Economy update {i}:" in text for i in range(50))
    counts = await outbox.status_counts(room.bot.services.db)
    assert counts.get("pending", 0) == 0


async def test_more_than_ten_an_hour_fold_into_a_digest(room: Newsroom) -> None:
    await room.follow(32, "Energy")
    for i in range(FOLD_AFTER + 4):
        await room.publish((f"e{i}", f"Energy note {i} on gas supplies"))
        await room.bot.drain()
        room.clock.now += 60
    singles = room.pushes(32)
    assert len(singles) == FOLD_AFTER
    room.clock.now += 3600
    await room.bot.drain()
    folded = room.pushes(32)[FOLD_AFTER:]
    assert len(folded) == 1 and "4" in folded[0].plain


def at_local(hour: int, minute: int, zone: str, day: int = 20) -> float:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo(zone)).timestamp()


async def test_quiet_hours_hold_pushes_and_release_them_as_one_digest(room: Newsroom) -> None:
    await room.follow(41, "Georgia")
    await room.bot.send("/timezone Asia/Yerevan", user_id=41)
    await room.bot.send("/quiet 22:00-07:00", user_id=41)
    room.clock.now = at_local(23, 30, "Asia/Yerevan")
    await room.publish(("q1", "Georgia border crossing reopens"))
    room.clock.now += 1800
    await room.publish(("q2", "Georgia parliament passes budget"))
    await room.bot.drain()
    assert room.pushes(41) == []
    room.clock.now = at_local(7, 5, "Asia/Yerevan", day=21)
    await room.bot.drain()
    [digest] = room.pushes(41)
    assert "border crossing" in digest.plain and "budget" in digest.plain


async def test_digests_arrive_at_each_chats_local_time(room: Newsroom) -> None:
    for chat_id, zone in ((51, "Asia/Yerevan"), (52, "America/New_York")):
        await room.follow(chat_id, "Turkey")
        await room.bot.send(f"/timezone {zone}", user_id=chat_id)
        room.clock.now = at_local(6, 0, "Asia/Yerevan")
        await room.bot.send("/digest 08:00", user_id=chat_id)
    room.clock.now = at_local(7, 0, "Asia/Yerevan")
    await room.publish(("t1", "Turkey and Armenia discuss border opening"))
    await room.bot.drain()
    assert room.pushes(51) == [] and room.pushes(52) == []

    room.clock.now = at_local(8, 1, "Asia/Yerevan")
    await send_due_digests(room.bot.worker)
    assert len(room.pushes(51)) == 1 and room.pushes(52) == []
    await send_due_digests(room.bot.worker)  # not twice the same morning
    assert len(room.pushes(51)) == 1

    room.clock.now = at_local(8, 1, "America/New_York")
    await send_due_digests(room.bot.worker)
    [digest] = room.pushes(52)
    assert "Turkey and Armenia" in digest.plain
    assert len(room.pushes(51)) == 1


async def test_flood_wait_is_waited_out_and_nothing_is_lost(room: Newsroom) -> None:
    await room.follow(61, "Russia")
    room.bot.telegram.script(
        "sendMessage",
        429,
        "Too Many Requests: retry after 5",
        chat_id=61,
        parameters={"retry_after": 5},
    )
    await room.publish(("r1", "Russia and Armenia sign a gas deal"))
    await room.bot.drain()
    assert room.pushes(61) == []
    assert room.bot.worker.flood.chat_free_at(61) >= room.bot.pacing.now + 4
    room.clock.now += 6
    await room.bot.drain()
    [push] = room.pushes(61)
    assert "gas deal" in push.plain


async def test_blocked_chat_is_deactivated_and_its_outbox_cancelled(room: Newsroom) -> None:
    await room.follow(71, "Iran")
    room.bot.telegram.script(
        "sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=71, times=1
    )
    await room.publish(("i1", "Iran and Armenia open a new bridge"))
    await room.bot.drain()
    chat = await chat_store.get_chat(room.bot.services.db, 71)
    assert chat is not None and not chat.active
    await room.publish(("i2", "Iran raises gas exports"))
    await room.bot.drain()
    assert room.pushes(71) == []
    counts = await outbox.status_counts(room.bot.services.db)
    assert counts.get("pending", 0) == 0 and counts.get("cancelled", 0) >= 1


async def test_migrated_group_moves_with_its_subscriptions(room: Newsroom) -> None:
    old, new = -300, -1000000000300
    await room.follow(old, "Karabakh", chat_type="group")
    push = await room.publish_across_migration(
        old, new, ("k1", "Karabakh refugees receive housing certificates")
    )
    assert "housing certificates" in push.plain
    db = room.bot.services.db
    assert [t.name for t in await chat_store.subscribed_topics(db, new)] == ["Karabakh"]


async def test_markup_refused_falls_back_to_plain_text(room: Newsroom) -> None:
    await room.follow(81, "Azerbaijan")
    room.bot.telegram.script(
        "sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag", chat_id=81
    )
    await room.publish(("z1", "Azerbaijan and Armenia exchange border maps"))
    await room.bot.drain()
    [push] = room.pushes(81)
    assert push.parse_mode is None and "border maps" in push.text
    assert "http://127.0.0.1/story/z1" in push.text  # the link survives as text


async def test_a_chats_own_server_errors_retry_fast_then_slower_until_the_horizon(
    room: Newsroom,
) -> None:
    await room.follow(91, "Border")
    await room.follow(92, "Border")  # gets through meanwhile: not a Telegram outage
    room.bot.telegram.script("sendMessage", 502, "Bad Gateway", chat_id=91, times=100_000)
    await room.publish(("x1", "Border commission meets in Ijevan"))
    queued = room.clock.now
    db = room.bot.services.db
    tries: list[float] = []
    while True:
        before = len(room.bot.telegram.calls)
        await room.bot.drain()
        if any(c.params.get("chat_id") == 91 for c in room.bot.telegram.calls[before:]):
            tries.append(room.clock.now)
        due = await db.fetch_value(
            "SELECT next_attempt_at FROM deliveries WHERE chat_id = 91 AND status = 'pending'"
        )
        if due is None:
            break
        room.clock.now = max(room.clock.now + 1, due)
    assert len(room.pushes(92)) == 1 and room.pushes(91) == []
    gaps = [b - a for a, b in itertools.pairwise(tries)]
    # Fast at first (about 1, 2, 4 s, with jitter), then slower, never over ten minutes...
    assert all(1 <= gap <= limit for gap, limit in zip(gaps, (1, 2, 4), strict=False))
    assert max(gaps) <= 600 and min(gaps[-20:-1]) >= 300
    # ...and given up only at the horizon (24 hours from when it was queued).
    assert tries[-1] - queued == 24 * 3600
    counts = await outbox.status_counts(db)
    assert counts == {"sent": 1, "dead": 1}
    assert room.bot.services.breaker.outages == 0


async def test_a_blip_of_two_502s_delays_a_push_by_seconds(room: Newsroom) -> None:
    await room.follow(93, "Border")
    room.bot.telegram.script("sendMessage", 502, "Bad Gateway", chat_id=93, times=2)
    await room.publish(("x2", "Border crossing at Bagratashen reopens"))
    blip = room.clock.now
    while not room.pushes(93) and room.clock.now - blip < 60:
        await room.bot.drain()
        room.clock.now += 1
    [push] = room.pushes(93)
    assert "Bagratashen" in push.plain
    assert room.clock.now - blip <= 5


async def test_an_updated_story_is_not_pushed_again(room: Newsroom) -> None:
    await room.follow(95, "EU")
    await room.publish(("u1", "EU monitors extend their mission"))
    await room.bot.drain()
    room.items = [("u1", "EU monitors extend their mission by two years")]
    room.server.add("/feed.xml", feed(room.items))
    await room.bot.ingest()
    await room.bot.drain()
    assert len(room.pushes(95)) == 1


async def test_flood_control_paces_chats_groups_and_the_total() -> None:
    clock = PacingClock()
    flood = FloodControl(30, clock=clock, sleep=clock.sleep)
    start = clock.now
    for _ in range(3):
        await flood.wait_turn(1, group=False)
    assert clock.now - start >= 2.0  # one a second to a private chat
    start = clock.now
    for _ in range(3):
        await flood.wait_turn(-5, group=True)
    assert clock.now - start >= 6.0  # twenty a minute to a group
    start = clock.now
    for chat in range(100, 160):
        await flood.wait_turn(chat, group=False)
    assert clock.now - start >= 59 / 30  # thirty a second in all
    flood.penalize(100, 10)
    before = clock.now
    await flood.wait_turn(100, group=False)
    assert clock.now - before >= 10


class LateClock(PacingClock):
    """Every sleep wakes 2 ms late, as event loops under load do."""

    async def sleep(self, seconds: float) -> None:
        await super().sleep(seconds + 0.002)


async def test_late_wake_ups_neither_slow_the_rate_nor_crowd_a_second() -> None:
    clock = LateClock()
    flood = FloodControl(30, clock=clock, sleep=clock.sleep)
    sent: list[float] = []
    for chat in range(300):
        await flood.wait_turn(chat, group=False)
        sent.append(clock.now)
    # 2 ms late on every one of 300 sends would be 0.6 s (6%) lost; spacing by the slot
    # loses only the window's safety margin.
    assert sent[-1] - sent[0] <= 299 / 30 * (1 + WINDOW_MARGIN) + 0.05
    # Telegram counts 30 in any sliding second: never 31 within one.
    assert min(later - earlier for earlier, later in zip(sent, sent[30:], strict=False)) > 1.0


def test_timestamps_are_utc() -> None:
    assert datetime.fromtimestamp(at_local(8, 0, "UTC"), tz=UTC).hour == 8


class HeldClock(PacingClock):
    """Pacing whose first pause lasts until the test releases it: a fan-out paced by it is
    provably still going, whatever the machine's load."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = asyncio.Event()
        self.released = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        self.holding.set()
        await self.released.wait()
        await super().sleep(seconds)


async def test_command_replies_do_not_wait_behind_a_fan_out(room: Newsroom) -> None:
    for chat_id in range(600, 640):
        await room.follow(chat_id, "Energy")
    await room.publish(("f1", "Energy ministers agree on a new grid link"))
    pacing = HeldClock()
    room.bot.worker.flood = FloodControl(10, clock=pacing, sleep=pacing.sleep)
    fan_out = asyncio.create_task(room.bot.drain())
    # The guards only stop a broken test from hanging; nothing here is timed.
    await asyncio.wait_for(pacing.holding.wait(), timeout=60)
    [reply] = await asyncio.wait_for(room.bot.send("/help", user_id=700), timeout=60)
    assert "What I can do" in reply.plain
    assert not fan_out.done(), "the fan-out was still going when the reply went out"
    assert sum(len(room.pushes(c)) for c in range(600, 640)) < 40
    pacing.released.set()
    await fan_out
    assert sum(len(room.pushes(c)) for c in range(600, 640)) == 40
