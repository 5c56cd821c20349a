"""Where the delivery features meet: linked channels, readers' alerts and article languages,
paid broadcasts, and the outage breaker, through the real outbox, worker and Application
against the in-process Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.local_api import KnownChat
from storage import alerts as alert_store
from storage import chats as chat_store
from storage import deliveries as outbox
from tests.botkit import BotHarness, Clock
from tests.feedserver import FeedServer
from tests.test_delivery import Newsroom, feed

ADMIN = 42
CHANNEL = -1001234567890


@pytest.fixture
async def room(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[Newsroom]:
    feed_server.add("/feed.xml", feed([]))
    clock = Clock()
    bot = await BotHarness.start(
        tmp_path,
        feeds=[feed_server.url("/feed.xml")],
        admin_ids=[ADMIN],
        clock=clock,
        allow_private_network=True,
    )
    await bot.ingest()
    bot.telegram.add_chat(KnownChat(CHANNEL, "channel", "CSTO Watch", "csto_watch"))
    yield Newsroom(bot, feed_server, clock)
    await bot.stop()


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


async def test_a_group_migrating_into_a_known_supergroup_keeps_alerts_and_languages(
    room: Newsroom,
) -> None:
    """Members used the new supergroup (so the bot knows it) before the next push found
    the old group upgraded: the group's alerts and article languages move with it."""
    old, new = -300, -1000000000300
    for chat_id in (old, new):
        room.bot.telegram.members[(chat_id, 9)] = "administrator"
    await room.bot.send("/alert Upper Lars", user_id=9, chat_id=old, chat_type="group")
    await room.bot.send("/languages en ru", user_id=9, chat_id=old, chat_type="group")
    await room.bot.send("/settings", user_id=9, chat_id=new, chat_type="supergroup")
    room.bot.telegram.script(
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        chat_id=old,
        parameters={"migrate_to_chat_id": new},
    )
    await room.publish(("m1", "Upper Lars reopens to trucks"))
    await room.bot.drain()
    [push] = room.pushes(new)
    assert "Because you follow: Upper Lars" in push.plain
    db = room.bot.services.db
    assert await chat_store.get_chat(db, old) is None
    assert [a.phrase for a in await alert_store.chat_alerts(db, new)] == ["Upper Lars"]
    moved = await chat_store.get_chat(db, new)
    assert moved is not None and moved.article_languages == ("en", "ru")
    await room.publish(("m2", "Customs queue: a new scanner for Upper Lars freight"))
    await room.bot.drain()
    assert len(room.pushes(new)) == 2
