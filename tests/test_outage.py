"""Telegram outages against the real outbox, worker and Application, on the bot's fake clock:
the in-process Bot API answers 502, times out, or acts on requests whose answers are lost,
for every chat at once, while a story fans out."""

from __future__ import annotations

import logging
import urllib.request
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.local_api import ANSWER_LOST, BAD_GATEWAY, TIMEOUT, SentMessage
from bot.metrics import MetricsServer
from storage import chats as chat_store
from storage import deliveries as outbox
from testkit.botkit import BotHarness, Clock
from testkit.feedserver import FeedServer
from testkit.newsroom import feed

ADMIN = 1
TITLE = "CSTO summit moves to Yerevan"
RATE = 30  # NEWSBRIEF_SEND_RATE's default, and Telegram's bulk limit


@dataclass
class Outage:
    bot: BotHarness
    server: FeedServer
    clock: Clock
    chats: list[int]
    # Pacing-clock time of every push of the story Telegram accepted, in order.
    accepted: list[float] = field(default_factory=list)

    @property
    def telegram(self):  # type: ignore[no-untyped-def]
        return self.bot.telegram

    def got(self) -> Counter[int]:
        return Counter(m.chat_id for m in self.telegram.sent if TITLE in m.plain)

    def failed_sends(self) -> int:
        return sum(1 for c in self.telegram.calls if c.method == "sendMessage" and c.status != 200)

    async def pending(self) -> int:
        return await outbox.pending_count(self.bot.services.db)

    async def publish(self) -> None:
        self.server.add("/feed.xml", feed([("o1", TITLE)]))
        await self.bot.ingest()
        assert await self.pending() == len(self.chats)

    def go_down_after(self, accepted: int, kind: str) -> None:
        """Telegram fails for everyone once `accepted` pushes of the story got through."""

        def watch(message: SentMessage) -> None:
            if TITLE in message.plain:
                self.accepted.append(self.bot.pacing.now)
                if len(self.accepted) == accepted:
                    self.telegram.outage = kind

        self.telegram.listeners.append(watch)

    async def wait(self, seconds: int, *, step: int = 5) -> None:
        """Let the bot's clock run, the outbox ticking as the job queue would."""
        for _ in range(seconds // step):
            self.clock.now += step
            await self.bot.drain()


async def make_outage(tmp_path: Path, server: FeedServer, chats: int) -> Outage:
    server.add("/feed.xml", feed([]))
    clock = Clock()
    bot = await BotHarness.start(
        tmp_path,
        feeds=[server.url("/feed.xml")],
        admin_ids=[ADMIN],
        clock=clock,
        allow_private_network=True,
    )
    await bot.ingest()
    db = bot.services.db
    csto = bot.services.topics.find("CSTO")
    assert csto is not None
    ids = list(range(10_001, 10_001 + chats))
    for chat_id in ids:
        await chat_store.register_chat(
            db, chat_id, chat_type="private", title="", thread_id=None, language="en", now=0
        )
        await chat_store.subscribe(db, chat_id, csto.id, now=0)
    return Outage(bot, server, clock, ids)


@pytest.fixture
async def thousand(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[Outage]:
    found = await make_outage(tmp_path, feed_server, 1000)
    yield found
    await found.bot.stop()


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.status, answer.read().decode()


@pytest.fixture
def metrics_base(thousand: Outage) -> Iterator[str]:
    """Where the bot's /healthz and /metrics answer (a real MetricsServer on loopback)."""
    server = MetricsServer(thousand.bot.services.metrics, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{server.port}"
    server.stop()


def health(base: str) -> tuple[int, str, str]:
    """The /healthz status and text, and the /metrics exposition."""
    status, body = fetch(f"{base}/healthz")
    _, exposition = fetch(f"{base}/metrics")
    return status, body, exposition


async def wait_for_recovery(room: Outage) -> float:
    """Drain second by second of the bot's clock until nothing is pending (two minutes at
    most); the seconds it took."""
    recovered = room.clock.now
    while await room.pending() and room.clock.now - recovered < 120:
        room.clock.now += 1
        await room.bot.drain()
    return room.clock.now - recovered


def assert_said_once_each_way(caplog: pytest.LogCaptureFixture) -> None:
    """The outage is logged once when it began and once when it ended, not once per chat."""
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.delivery"]
    began_lines = [line for line in lines if line.startswith("Telegram unreachable")]
    ended_lines = [line for line in lines if line.startswith("Telegram reachable again")]
    assert len(began_lines) == 1 and "Bad Gateway" in began_lines[0]
    assert len(ended_lines) == 1 and "after 2 h 00 min" in ended_lines[0]
    assert "700 deliveries waited" in ended_lines[0]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "chat" in r.msg]


async def test_two_hours_of_502_then_timeouts_lose_nothing_and_resume_at_the_limit(
    thousand: Outage, metrics_base: str, caplog: pytest.LogCaptureFixture
) -> None:
    room, bot = thousand, thousand.bot
    caplog.set_level(logging.INFO, logger="bot.delivery")
    await room.publish()
    room.go_down_after(300, BAD_GATEWAY)
    await bot.drain()

    # Three chats failing in a row is Telegram down: the sender stops as a whole.
    assert len(room.accepted) == 300 and room.failed_sends() == 3
    assert await room.pending() == 700
    status, body, exposition = health(metrics_base)
    assert status == 200 and body.startswith("degraded: Telegram unreachable since")
    assert "newsbrief_telegram_breaker_state 1.0" in exposition
    assert "newsbrief_telegram_outages_total 1.0" in exposition

    await room.wait(3600)  # an hour of 502s
    room.telegram.outage = TIMEOUT
    await room.wait(3600)  # an hour of timeouts
    # Nothing was sent to any chat meanwhile: only probes, with backoff.
    assert room.failed_sends() == 3 and len(room.accepted) == 300
    probes = [c for c in room.telegram.calls if c.method == "getMe" and c.status != 200]
    assert 7200 / 30 <= len(probes) <= 7200 / 15 + 10

    # Between probes, an admin's /stats (Telegram answers it) shows the outage.
    room.telegram.outage = None
    [summary, *_] = await bot.send("/stats", user_id=ADMIN)
    assert "Telegram unreachable since" in summary.plain
    assert "2 hours ago" in summary.plain and "700 deliveries waiting" in summary.plain

    # Telegram is back: the next probe (at most 30 s away) finds it, and the rest go
    # out at the usual pace.
    assert await wait_for_recovery(room) <= 30
    after = room.accepted[300:]
    assert len(after) == 700
    # Never more than the limit in any sliding second, before or after the outage
    # (the pacing clock is exact)...
    spans = [b - a for a, b in zip(room.accepted, room.accepted[RATE:], strict=False)]
    assert min(spans) > 1.0
    # ...and at the limit, not slower: the 700 took about 700 / 30 s.
    assert after[-1] - after[0] <= 700 / RATE * 1.05

    counts = await outbox.status_counts(bot.services.db)
    assert counts == {"sent": 1000}, counts  # 0 dead, 0 lost
    got = room.got()
    assert set(got) == set(room.chats) and set(got.values()) == {1}  # 0 duplicates
    max_attempts = await bot.services.db.fetch_value("SELECT MAX(attempts) FROM deliveries")
    assert max_attempts == 0  # the outage counted against no delivery

    status, body, exposition = health(metrics_base)
    assert (status, body) == (200, "ok\n")
    assert "newsbrief_telegram_breaker_state 0.0" in exposition
    assert "newsbrief_telegram_outages_total 1.0" in exposition
    assert_said_once_each_way(caplog)


async def test_answers_lost_in_an_outage_cost_at_most_one_duplicate_per_chat(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    room = await make_outage(tmp_path, feed_server, 100)
    try:
        await room.publish()
        # Telegram acts on every request but no answer comes back, for ten minutes.
        room.go_down_after(40, ANSWER_LOST)
        await room.bot.drain()
        await room.wait(600)
        room.telegram.outage = None
        await room.wait(60, step=1)
        got = room.got()
        assert set(got) == set(room.chats)
        assert max(got.values()) == 2  # the messages in doubt were sent again...
        doubled = [chat for chat, n in got.items() if n == 2]
        assert len(doubled) <= 3  # ...only those in flight when it began, once each
        counts = await outbox.status_counts(room.bot.services.db)
        assert counts == {"sent": 100}
    finally:
        await room.bot.stop()


async def test_a_few_chats_failing_while_others_get_through_is_not_an_outage(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    room = await make_outage(tmp_path, feed_server, 50)
    try:
        broken = room.chats[:2]
        for chat_id in broken:
            room.telegram.script(
                "sendMessage", 500, "Internal Server Error", chat_id=chat_id, times=3
            )
        await room.publish()
        await room.bot.drain()
        assert room.bot.services.breaker.closed
        assert b"newsbrief_telegram_outages_total 0.0" in room.bot.services.metrics.render()
        assert set(room.got()) == set(room.chats) - set(broken)
        # Their own failures count, and retry fast: 1 s, then 1-2 s, then 2-4 s.
        await room.wait(8, step=1)
        assert set(room.got()) == set(room.chats)
        assert set(room.got().values()) == {1}
    finally:
        await room.bot.stop()


async def test_an_outage_longer_than_the_horizon_still_loses_nothing(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """Telegram is down for a day and a half; when getMe answers again, sends still fail for
    a moment. The first failures of that moment look like chats' own (no outage is proven
    yet) and their deliveries are past the horizon, but the third failure shows Telegram
    down again: none of them is lost."""
    room = await make_outage(tmp_path, feed_server, 10)
    try:
        await room.publish()
        room.telegram.outage = BAD_GATEWAY
        await room.bot.drain()
        assert not room.bot.services.breaker.closed
        room.clock.now += 36 * 3600
        room.telegram.outage = None
        room.telegram.script("sendMessage", 502, "Bad Gateway", times=3)
        await room.bot.drain()
        assert room.bot.services.breaker.outages == 2
        await room.wait(120, step=1)
        assert room.got() == Counter({chat: 1 for chat in room.chats})
        assert await outbox.status_counts(room.bot.services.db) == {"sent": 10}
    finally:
        await room.bot.stop()


async def test_after_an_outage_a_story_arrives_as_the_push_it_would_have_been(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """Two hours down: the waiting story is pushed as a story (topic, source, link), not
    released as a one-story digest like those held back by quiet hours."""
    room = await make_outage(tmp_path, feed_server, 5)
    try:
        room.telegram.outage = BAD_GATEWAY
        await room.publish()
        await room.bot.drain()
        assert not room.bot.services.breaker.closed
        await room.wait(7200)
        room.telegram.outage = None
        await room.wait(60, step=1)
        assert room.got() == Counter({chat: 1 for chat in room.chats})
        for message in room.telegram.sent:
            assert message.plain.startswith("CSTO · ") and "digest" not in message.plain
    finally:
        await room.bot.stop()
