"""A bot whose only feed is served on loopback, where tests publish stories: the newsroom
that delivery, channel, alert and paid-broadcast tests share."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.local_api import SentMessage
from storage import chats as chat_store
from testkit.botkit import BotHarness, Clock
from testkit.feedserver import FeedServer

# The linked channel of the channel tests (tests/conftest.py `watched_channel`).
CHANNEL = -1001234567890

PARAGRAPH = (
    "Officials said on Tuesday that the talks would continue next week in the capital, "
    "with delegations expected to discuss the schedule in detail."
)


SYLLABLES = ["ka", "ro", "vi", "na", "tu", "le", "mo", "si", "da", "pe"]


def coined(seed: str) -> str:
    """A made-up name, the same for the same seed."""
    digits = str(zlib.crc32(seed.encode()))[-4:]
    return "".join(SYLLABLES[int(d)] for d in digits).capitalize()


def event(guid: str) -> str:
    """A sentence only this story tells (its own town and mayor), so that stories sharing
    the boilerplate paragraph are still different events."""
    town, mayor = coined(guid), coined(guid + "/mayor")
    return f"Mayor {mayor} of {town} opened the new {town} market; {mayor} thanked the builders."


def feed(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<link>http://127.0.0.1/story/{guid}</link>"
        f"<description><![CDATA[<p>{title}. {event(guid)} {PARAGRAPH}</p><p>{PARAGRAPH} {guid}</p>"
        f"<p>{PARAGRAPH}</p>]]></description></item>"
        for guid, title in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>'
        f"<link>http://127.0.0.1/</link>{entries}</channel></rss>"
    ).encode()


class Newsroom:
    """A bot whose only feed is served on loopback, where tests publish stories."""

    def __init__(self, bot: BotHarness, server: FeedServer, clock: Clock) -> None:
        self.bot = bot
        self.server = server
        self.clock = clock
        self.items: list[tuple[str, str]] = []

    async def publish(self, *stories: tuple[str, str]) -> None:
        self.items = [*stories, *self.items]
        self.server.add("/feed.xml", feed(self.items))
        await self.bot.ingest()

    async def follow(self, chat_id: int, *topics: str, chat_type: str = "private") -> None:
        for topic in topics:
            if chat_type != "private":
                self.bot.telegram.members[(chat_id, 9)] = "administrator"
            await self.bot.send(
                f"/subscribe {topic}",
                user_id=9 if chat_id < 0 else chat_id,
                chat_id=chat_id,
                chat_type=chat_type,
            )

    def migrate_on_next_push(self, old: int, new: int) -> None:
        """Telegram answers the next push to group `old` that it became supergroup `new`."""
        self.bot.telegram.script(
            "sendMessage",
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            chat_id=old,
            parameters={"migrate_to_chat_id": new},
        )

    async def publish_across_migration(
        self, old: int, new: int, story: tuple[str, str]
    ) -> SentMessage:
        """Publish `story` and push it while group `old` becomes supergroup `new`: the one
        push chat `new` got (the chat `old` is gone by then)."""
        self.migrate_on_next_push(old, new)
        await self.publish(story)
        await self.bot.drain()
        [push] = self.pushes(new)
        assert await chat_store.get_chat(self.bot.services.db, old) is None
        return push

    def to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.bot.telegram.sent if m.chat_id == chat_id and not m.edited]

    def pushes(self, chat_id: int) -> list[SentMessage]:
        """What the outbox sent: stories carry links; command replies here do not."""
        return [m for m in self.to(chat_id) if "<a href" in m.text or m.parse_mode is None]


@asynccontextmanager
async def open_newsroom(
    tmp_path: Path,
    server: FeedServer,
    *,
    clock: Clock | None = None,
    feeds: Mapping[str, bytes] | None = None,
    **settings: Any,
) -> AsyncIterator[Newsroom]:
    """The bot on one empty loopback feed (or on `feeds`: documents by path), polled once;
    `settings` as BotHarness.start."""
    for path, document in (feeds or {"/feed.xml": feed([])}).items():
        server.add(path, document)
    clock = clock or Clock()
    bot = await BotHarness.start(
        tmp_path,
        feeds=[server.url(path) for path in feeds or ["/feed.xml"]],
        clock=clock,
        allow_private_network=True,
        **settings,
    )
    try:
        await bot.ingest()
        yield Newsroom(bot, server, clock)
    finally:
        await bot.stop()
