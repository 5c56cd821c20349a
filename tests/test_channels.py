"""Channels an admin links: checked with getChat/getChatMember against the in-process Bot
API, posted to through the real outbox when new stories arrive over loopback HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from bot.local_api import KnownChat
from storage import audit
from storage import deliveries as outbox
from testkit.newsroom import CHANNEL, Newsroom

# `room` (tests/conftest.py) knows the channel "CSTO Watch"; each test runs on SQLite and
# on PostgreSQL (`backend`).
pytestmark = pytest.mark.usefixtures("backend", "watched_channel")

ADMIN = 42
FORUM = -1009876543210


@pytest.fixture
def room_settings() -> dict[str, Any]:
    return {"admin_ids": [ADMIN]}


async def admin(room: Newsroom, text: str) -> str:
    replies = await room.bot.send(text, user_id=ADMIN)
    assert len(replies) == 1
    return replies[0].plain


async def test_a_linked_channel_gets_a_csto_story_once(room: Newsroom) -> None:
    answer = await admin(room, "/addchannel @csto_watch CSTO Armenia")
    assert "Linked CSTO Watch" in answer and "CSTO, Armenia" in answer
    await room.follow(11, "CSTO")
    # Matches both of the channel's topics: still one post.
    await room.publish(("k1", "Armenia skips the CSTO summit in Minsk"))
    await room.bot.drain()
    [post] = room.to(CHANNEL)
    assert post.plain.startswith("Armenia skips the CSTO summit in Minsk")
    assert "Loopback Wire" in post.plain and "Read more" in post.plain
    assert 'href="http://127.0.0.1/story/k1"' in post.text
    assert post.buttons == [] and not post.silent
    assert len(room.pushes(11)) == 1  # the reader's push is unaffected

    # Nothing twice on another poll and drain; the next story is posted in its turn.
    await room.bot.ingest()
    await room.bot.drain()
    assert len(room.to(CHANNEL)) == 1
    await room.publish(("k2", "CSTO exercise goes ahead without Armenia"))
    await room.bot.drain()
    assert [m.plain.split("\n")[0] for m in room.to(CHANNEL)][-1].startswith("CSTO exercise")

    listing = await admin(room, "/channels")
    assert "CSTO Watch (@csto_watch)" in listing and "topics: Armenia, CSTO" in listing
    assert "last post" in listing
    trail = await audit.recent(room.bot.services.db, limit=5)
    assert any(e.command == "addchannel" and e.result.startswith("linked") for e in trail)


async def test_a_story_on_other_topics_is_not_posted(room: Newsroom) -> None:
    await admin(room, "/addchannel -1001234567890 CSTO")
    await room.publish(("e1", "Central bank holds the Economy steady"))
    await room.bot.drain()
    assert room.to(CHANNEL) == []


async def test_refusals_name_what_is_missing_and_store_nothing(room: Newsroom) -> None:
    tg = room.bot.telegram
    tg.add_chat(KnownChat(555, "private", "Anna", "anna_reader"))
    tg.add_chat(KnownChat(-1001, "channel", "Member only", "member_only", bot_status="member"))
    tg.add_chat(KnownChat(-1002, "channel", "No posting", "no_posting", can_post_messages=False))
    tg.add_chat(KnownChat(-1003, "channel", "Gone", "gone_channel", bot_status="left"))
    tg.add_chat(KnownChat(-1004, "supergroup", "Plain group", None))
    expected = {
        "/addchannel @nobody_here CSTO": "There is no channel @nobody_here",
        "/addchannel -1005550001 CSTO": "a private channel I am not in",
        "/addchannel @anna_reader CSTO": "is a person, not a channel",
        "/addchannel @member_only CSTO": "but not an administrator",
        "/addchannel @no_posting CSTO": "may not post messages",
        "/addchannel @gone_channel CSTO": "I am not a member of @gone_channel",
        "/addchannel -1004 CSTO": "is a group",
        "/addchannel @csto_watch Atlantis": "There is no topic “Atlantis”",
        "/addchannel @csto_watch": "Send /addchannel",
        "/addchannel @csto_watch CSTO lang=de": "de is not one of them",
    }
    for command, wanted in expected.items():
        answer = await admin(room, command)
        assert wanted in answer, (command, answer)
        assert "\n" not in answer
    [refused] = await room.bot.send("/addchannel @csto_watch CSTO", user_id=7)
    assert refused.plain == "This command is for admins."
    assert "No channel is linked" in await admin(room, "/channels")


async def test_a_channel_that_revokes_posting_goes_inactive_and_is_not_retried(
    room: Newsroom,
) -> None:
    await admin(room, "/addchannel @csto_watch CSTO")
    room.bot.telegram.chats[CHANNEL].can_post_messages = False
    await room.publish(("r1", "CSTO ministers meet"), ("r2", "Economy: the dram rises"))
    await room.bot.drain()
    assert room.to(CHANNEL) == []
    listing = await admin(room, "/channels")
    assert "inactive: " in listing and "Need administrator rights" in listing
    [stats, *_] = await room.bot.send("/stats", user_id=ADMIN)
    assert "Channels: 0 linked, 1 inactive" in stats.plain
    assert "Need administrator rights" in stats.plain

    tries = len([c for c in room.bot.telegram.calls if c.params.get("chat_id") == CHANNEL])
    await room.publish(("r3", "CSTO secretary general visits Yerevan"))
    for _ in range(3):
        room.clock.now += 3600
        await room.bot.drain()
    calls = [c for c in room.bot.telegram.calls if c.params.get("chat_id") == CHANNEL]
    assert len(calls) == tries  # nothing queued for it, nothing retried
    rows = await room.bot.services.db.fetch_all(
        "SELECT status FROM deliveries WHERE chat_id = ?", (CHANNEL,)
    )
    assert [row[0] for row in rows] == ["cancelled"]  # cancelled, not dead, not pending
    assert (await outbox.status_counts(room.bot.services.db)).get("dead", 0) == 0

    # Re-linking after the rights are back makes it active again.
    room.bot.telegram.chats[CHANNEL].can_post_messages = True
    assert "Linked" in await admin(room, "/addchannel @csto_watch CSTO")
    await room.publish(("r4", "CSTO drills postponed"))
    await room.bot.drain()
    assert [m.plain.split("\n")[0] for m in room.to(CHANNEL)] == ["CSTO drills postponed"]


async def test_forum_topic_language_and_quiet_mode(room: Newsroom) -> None:
    room.bot.telegram.add_chat(
        KnownChat(FORUM, "supergroup", "Newsroom forum", None, is_forum=True, threads=(5,))
    )
    assert "has no forum topics" not in await admin(room, f"/addchannel {FORUM}:5 Economy")
    answer = await admin(room, "/addchannel @csto_watch CSTO lang=ru quiet")
    assert "Posts are silent" in answer
    await room.publish(("f1", "CSTO and Economy: the bloc's trade falls"))
    await room.bot.drain()
    [topic_post] = room.to(FORUM)
    assert topic_post.thread_id == 5 and not topic_post.silent
    [channel_post] = room.to(CHANNEL)
    assert channel_post.silent and "Читать далее" in channel_post.plain

    assert "Unlinked" in await admin(room, "/removechannel @csto_watch")
    assert "is not linked" in await admin(room, "/removechannel @csto_watch")
    await room.publish(("f2", "CSTO summit moved to December"))
    await room.bot.drain()
    assert len(room.to(CHANNEL)) == 1
    listing = await admin(room, "/channels")
    assert "Newsroom forum" in listing and "csto_watch" not in listing


async def test_a_deleted_forum_topic_deactivates_the_link(room: Newsroom) -> None:
    room.bot.telegram.add_chat(
        KnownChat(FORUM, "supergroup", "Newsroom forum", None, is_forum=True, threads=(5,))
    )
    await admin(room, f"/addchannel {FORUM}:5 CSTO")
    room.bot.telegram.chats[FORUM].threads = ()
    await room.publish(("d1", "CSTO council meets"))
    await room.bot.drain()
    assert room.to(FORUM) == []
    assert "inactive: Message thread not found" in await admin(room, "/channels")


async def test_a_channel_that_removed_the_bot_goes_inactive(room: Newsroom) -> None:
    await admin(room, "/addchannel @csto_watch CSTO")
    room.bot.telegram.chats[CHANNEL].bot_status = "kicked"
    await room.publish(("x1", "CSTO air defence drills begin"))
    await room.bot.drain()
    assert room.to(CHANNEL) == []
    assert "inactive: Forbidden: bot was kicked" in await admin(room, "/channels")
