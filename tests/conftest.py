from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from testkit import botkit, pgkit
from testkit.feedserver import FeedServer


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


def pytest_terminal_summary(terminalreporter: Any) -> None:
    line = pgkit.skip_line()
    if line:
        terminalreporter.write_line(line)
