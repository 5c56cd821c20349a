from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.local_api import KnownChat
from testkit import botkit, pgkit
from testkit.botkit import BotHarness
from testkit.fake_bot_server import FakeBotServer
from testkit.feedserver import FeedServer
from testkit.logs import captured_log
from testkit.newsroom import CHANNEL, Newsroom, open_newsroom
from testkit.processes import ROOT, TOKEN


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started loopback FeedServer, stopped after the test."""
    server = FeedServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def database_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a test's database lives: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    with pgkit.fresh_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """Bot tests marked with it run twice: BotHarness opens its database on each backend."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    with pgkit.fresh_schema() as url:
        botkit.DATABASE_OVERRIDE = url
        try:
            yield "postgres"
        finally:
            botkit.DATABASE_OVERRIDE = None


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    """Settings for the `bot` fixture (as BotHarness.start takes them); a test module
    overrides this fixture to give its bot admins or a private-network feed."""
    return {}


@pytest.fixture
async def bot(tmp_path: Path, bot_settings: dict[str, Any]) -> AsyncIterator[BotHarness]:
    """The bot on the bundled sample feeds, polled once."""
    harness = await BotHarness.start(tmp_path, **bot_settings)
    await harness.ingest()
    yield harness
    await harness.stop()


@pytest.fixture
def room_settings() -> dict[str, Any]:
    """Settings for the `room` fixture (as open_newsroom takes them); overridable."""
    return {}


@pytest.fixture
async def room(
    tmp_path: Path, feed_server: FeedServer, room_settings: dict[str, Any]
) -> AsyncIterator[Newsroom]:
    """The bot on one empty loopback feed where the test publishes stories."""
    async with open_newsroom(tmp_path, feed_server, **room_settings) as newsroom:
        yield newsroom


@pytest.fixture
def watched_channel(room: Newsroom) -> int:
    """The channel "CSTO Watch" (@csto_watch), known to the room's Telegram: its id."""
    room.bot.telegram.add_chat(KnownChat(CHANNEL, "channel", "CSTO Watch", "csto_watch"))
    return CHANNEL


@pytest.fixture
def api() -> Iterator[FakeBotServer]:
    """The Bot API served over loopback HTTP for a `newsbrief run` process."""
    server = FakeBotServer(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def project_env(tmp_path: Path) -> dict[str, str]:
    """What a `newsbrief` command needs to run this checkout on tmp_path's cli.db."""
    return {"PYTHONPATH": str(ROOT), "NEWSBRIEF_DATABASE": str(tmp_path / "cli.db")}


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything logged while the test runs, formatted as `newsbrief run` writes it."""
    with captured_log(as_json=False) as stream:
        yield stream


def pytest_terminal_summary(terminalreporter: Any) -> None:
    line = pgkit.skip_line()
    if line:
        terminalreporter.write_line(line)
