from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.feedserver import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started loopback FeedServer, stopped after the test."""
    server = FeedServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
