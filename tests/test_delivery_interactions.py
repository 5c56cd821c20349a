"""Where the delivery features meet: linked channels, readers' alerts and article languages,
paid broadcasts, and the outage breaker, through the real outbox, worker and Application
against the in-process Bot API."""

from __future__ import annotations

from typing import Any

import pytest

from bot.local_api import BAD_GATEWAY, KnownChat
from storage import alerts as alert_store
from storage import chats as chat_store
from storage import deliveries as outbox
from testkit.newsroom import CHANNEL, Newsroom

# The room (tests/conftest.py) knows the channel "CSTO Watch".
pytestmark = pytest.mark.usefixtures("watched_channel")

ADMIN = 42


@pytest.fixture
def room_settings() -> dict[str, Any]:
    return {"admin_ids": [ADMIN]}


async def test_a_channels_own_server_errors_are_given_up_at_the_horizon(
    room: Newsroom,
) -> None:
    """A channel post failing alone (others get through) retries like any chat's push and
    becomes a dead letter 24 hours after it was queued, not retried for ever."""
    [linked] = await room.bot.send("/addchannel @csto_watch CSTO", user_id=ADMIN)
    assert "Linked" in linked.plain
    await room.follow(11, "CSTO")  # gets through meanwhile: not a Telegram outage
    room.bot.telegram.script("sendMessage", 502, "Bad Gateway", chat_id=CHANNEL, times=100_000)
    await room.publish(("c1", "CSTO ministers meet in Minsk"))
    queued = room.clock.now
    db = room.bot.services.db
    while room.clock.now - queued <= 3 * 24 * 3600:
        await room.bot.drain()
        due = await db.fetch_value(
            "SELECT next_attempt_at FROM deliveries WHERE chat_id = ? AND status = 'pending'",
            (CHANNEL,),
        )
        if due is None:
            break
        room.clock.now = max(room.clock.now + 1, due)
    assert len(room.pushes(11)) == 1 and room.to(CHANNEL) == []
    assert room.clock.now - queued == 24 * 3600
    assert await outbox.status_counts(db) == {"sent": 1, "dead": 1}
    assert room.bot.services.breaker.outages == 0


@pytest.mark.parametrize("known", [False, True])
async def test_a_migrating_group_keeps_its_alerts_and_languages(
    room: Newsroom, known: bool
) -> None:
    """A push finds the group upgraded to a supergroup, which members may already have used
    (so the bot knows it): the group's alerts and article languages move with it."""
    old, new = -300, -1000000000300
    for chat_id in (old, new):
        room.bot.telegram.members[(chat_id, 9)] = "administrator"
    await room.bot.send("/alert Upper Lars", user_id=9, chat_id=old, chat_type="group")
    await room.bot.send("/languages en ru", user_id=9, chat_id=old, chat_type="group")
    if known:
        await room.bot.send("/settings", user_id=9, chat_id=new, chat_type="supergroup")
    push = await room.publish_across_migration(old, new, ("m1", "Upper Lars reopens to trucks"))
    assert "Because you follow: Upper Lars" in push.plain
    db = room.bot.services.db
    assert [a.phrase for a in await alert_store.chat_alerts(db, new)] == ["Upper Lars"]
    moved = await chat_store.get_chat(db, new)
    assert moved is not None and moved.article_languages == ("en", "ru")
    await room.publish(("m2", "Customs queue: a new scanner for Upper Lars freight"))
    await room.bot.drain()
    assert len(room.pushes(new)) == 2


async def test_a_channel_post_failing_in_an_outage_waits_and_arrives_once(
    room: Newsroom,
) -> None:
    """Telegram answers 502 to everyone: the channel's post (sent first) is one of the
    failures that show the outage, so it is paused, not counted, and posted on recovery."""
    await room.bot.send("/addchannel @csto_watch CSTO", user_id=ADMIN)
    for reader in (11, 12, 13):
        await room.follow(reader, "CSTO")
    room.bot.telegram.outage = BAD_GATEWAY
    await room.publish(("o1", "CSTO summit postponed"))
    await room.bot.drain()
    breaker = room.bot.services.breaker
    assert not breaker.closed
    db = room.bot.services.db
    rows = await db.fetch_all(
        "SELECT status, attempts FROM deliveries WHERE chat_id = ?", (CHANNEL,)
    )
    assert [tuple(r) for r in rows] == [("pending", 0)]
    room.clock.now += 4 * 3600
    await room.bot.drain()  # still down: probes only
    room.bot.telegram.outage = None
    for _ in range(60):
        room.clock.now += 5
        await room.bot.drain()
    assert breaker.closed
    assert len(room.to(CHANNEL)) == 1 and all(len(room.pushes(r)) == 1 for r in (11, 12, 13))
    assert await outbox.status_counts(db) == {"sent": 4}


async def test_three_channels_refusing_in_a_row_are_not_an_outage(room: Newsroom) -> None:
    """Three linked channels revoked the bot's rights: Telegram answered each refusal, so
    they go inactive and the readers after them still get the story."""
    channels = [CHANNEL, CHANNEL - 1, CHANNEL - 2]
    for number, channel in enumerate(channels[1:], start=1):
        room.bot.telegram.add_chat(
            KnownChat(channel, "channel", f"Watch {number}", f"watch_{number}")
        )
    for username in ("csto_watch", "watch_1", "watch_2"):
        [linked] = await room.bot.send(f"/addchannel @{username} CSTO", user_id=ADMIN)
        assert "Linked" in linked.plain
    for channel in channels:
        room.bot.telegram.chats[channel].can_post_messages = False
    await room.follow(11, "CSTO")
    await room.publish(("n1", "CSTO ministers meet in Yerevan"))
    await room.bot.drain()
    breaker = room.bot.services.breaker
    assert breaker.closed and breaker.outages == 0
    assert len(room.pushes(11)) == 1
    counts = await outbox.status_counts(room.bot.services.db)
    assert counts == {"sent": 1, "cancelled": 3}


async def test_a_reader_back_after_blocking_the_bot_gets_alerts_again(room: Newsroom) -> None:
    """A reader blocked the bot (a push found it gone) and came back with /start while the
    alerts in force were reloaded without theirs: their alert brings stories again."""
    await room.bot.send("/alert Upper Lars", user_id=51)
    room.bot.telegram.script(
        "sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=51
    )
    await room.publish(("b1", "Upper Lars reopens to trucks"))
    await room.bot.drain()
    assert room.pushes(51) == []
    gone = await chat_store.get_chat(room.bot.services.db, 51)
    assert gone is not None and not gone.active
    await room.bot.send("/alert Kajaran", user_id=52)  # alerts change: reloaded next poll
    await room.publish(("b2", "Landslide near Kajaran blocks the M2"))
    await room.bot.send("/start", user_id=51)
    await room.publish(("b3", "Customs queue: a new scanner for Upper Lars freight"))
    await room.bot.drain()
    assert [p.plain.split("\n")[1] for p in room.pushes(51)] == [
        "Customs queue: a new scanner for Upper Lars freight"
    ]


async def test_stop_forgets_alerts_languages_and_what_was_waiting(room: Newsroom) -> None:
    await room.follow(61, "CSTO")
    await room.bot.send("/alert Upper Lars", user_id=61)
    await room.bot.send("/languages en ru", user_id=61)
    await room.publish(("s1", "Upper Lars reopens as CSTO ministers meet"))
    db = room.bot.services.db
    assert await db.fetch_value("SELECT COUNT(*) FROM deliveries WHERE chat_id = 61") == 1
    [confirm] = await room.bot.send("/stop", user_id=61)
    await room.bot.press(confirm, "Yes", user_id=61)
    await room.bot.drain()
    assert room.pushes(61) == []
    assert await db.fetch_value("SELECT COUNT(*) FROM deliveries WHERE chat_id = 61") == 0
    assert await alert_store.chat_alerts(db, 61) == []
    await room.bot.send("/start", user_id=61)
    back = await chat_store.get_chat(db, 61)
    assert back is not None and back.article_languages == ()
    assert await alert_store.chat_alerts(db, 61) == []
