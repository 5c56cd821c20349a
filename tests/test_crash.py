"""SIGKILL in the middle of a fan-out, then a restart: every chat gets the story once.

The bot runs as a real process against the Bot API served on loopback; the fake API kills it
at the n-th message, either before accepting that message or after accepting it but before
answering (the one window no sender can close: documented in bot/delivery.py)."""

from __future__ import annotations

import asyncio
import collections
import subprocess
from pathlib import Path

import pytest

from bot.services import open_services
from bot.settings import Settings
from testkit.fake_bot_server import FakeBotServer
from testkit.feedserver import FeedServer
from testkit.processes import TOKEN, start_bot, stop_bot
from testkit.readers import add_readers

CHATS = list(range(5000, 5150))
STORY = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Crash Wire</title>
<link>http://127.0.0.1/</link><item><guid>crash-1</guid>
<title>CSTO summit postponed to spring</title><link>http://127.0.0.1/crash-1</link>
<description>&lt;p&gt;The CSTO summit planned for December has been postponed to the spring,
the secretariat said on Monday, citing scheduling problems of several member states and the
need to finish the documents to be signed there.&lt;/p&gt;
&lt;p&gt;Diplomats said the delay was expected and that the agenda would not change.&lt;/p&gt;
</description></item></channel></rss>"""


async def prepare(db_path: Path, feed_url: str) -> None:
    settings = Settings(_env_file=None, database=db_path, feeds=[feed_url])  # type: ignore[call-arg]
    services = await open_services(settings)
    try:
        await add_readers(services, CHATS, following="CSTO")
    finally:
        await services.close()


def received(api: FakeBotServer) -> collections.Counter[int]:
    return collections.Counter(
        m.chat_id for m in api.telegram.sent if "CSTO summit postponed" in m.plain
    )


@pytest.mark.parametrize("moment", ["before", "after"])
def test_kill_during_fan_out_then_restart(
    tmp_path: Path, feed_server: FeedServer, moment: str
) -> None:
    feed_server.add("/rss.xml", STORY)
    asyncio.run(prepare(tmp_path / "run.db", feed_server.url("/rss.xml")))
    api = FakeBotServer(TOKEN).start()
    extra = {
        "NEWSBRIEF_FEEDS": feed_server.url("/rss.xml"),
        "NEWSBRIEF_ALLOW_PRIVATE_NETWORK": "true",
        "NEWSBRIEF_SEND_RATE": "100",
        "NEWSBRIEF_LOG_LEVEL": "INFO",
    }
    try:
        first = start_bot(tmp_path, api, **extra)
        api.kill_at = (40, moment, first.pid)
        first.wait(timeout=60)
        assert first.returncode == -9, "the fake API killed it mid fan-out"
        got_before_restart = received(api)
        assert 30 <= sum(got_before_restart.values()) < len(CHATS)

        api.revive()
        second = start_bot(tmp_path, api, **extra)
        try:
            api.wait_for(lambda _: set(received(api)) == set(CHATS), timeout=60)
        finally:
            code, stderr = stop_bot(second)
        assert code == 0, stderr
    finally:
        api.stop()
    counts = received(api)
    assert set(counts) == set(CHATS), "nothing lost"
    duplicates = {chat: n for chat, n in counts.items() if n > 1}
    # Never more than one extra message to a chat, whatever the moment of the crash.
    assert set(duplicates.values()) <= {2}
    if moment == "before":
        assert duplicates == {}
    else:
        # Accepted by Telegram, answer lost with the process: that one message is resent.
        assert len(duplicates) == 1
    assert not api.telegram.refused()
    assert isinstance(first, subprocess.Popen)
