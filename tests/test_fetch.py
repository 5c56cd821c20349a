"""The fetcher against a loopback server: conditional requests, the size cap, timeouts and
HTTP errors, redirects, cancellation (the network guard: tests/test_netguard.py)."""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from news.fetch import DEFAULT_ACCEPT, DEFAULT_USER_AGENT, Fetcher, parse_retry_after
from testkit.feedserver import FeedServer

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(allow_private_network=True, read_timeout=0.3, connect_timeout=1) as f:
        yield f


# -- successful and conditional fetches ---------------------------------------------------


async def test_ok_fetch_captures_body_and_headers(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.add(
        "/feed.xml",
        RSS,
        content_type="application/rss+xml; charset=utf-8",
        etag='"v1"',
        last_modified=LAST_MODIFIED,
    )
    result = await fetcher.fetch(feed_server.url("/feed.xml"))

    assert result.ok and result.status == "ok"
    assert result.body == RSS
    assert result.http_status == 200
    assert result.url == result.final_url == feed_server.url("/feed.xml")
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.etag == '"v1"'
    assert result.last_modified == LAST_MODIFIED
    assert result.error is None
    method, path, headers = feed_server.requests[0]
    assert (method, path) == ("GET", "/feed.xml")
    assert headers["user-agent"] == DEFAULT_USER_AGENT
    assert headers["accept"] == DEFAULT_ACCEPT
    assert "if-none-match" not in headers and "if-modified-since" not in headers


async def test_custom_accept_and_user_agent(feed_server: FeedServer) -> None:
    feed_server.add("/page", b"<html></html>", content_type="text/html")
    async with Fetcher(allow_private_network=True, user_agent="tester/1") as fetcher:
        result = await fetcher.fetch(feed_server.url("/page"), accept="text/html")
    assert result.ok
    headers = feed_server.requests[0][2]
    assert headers["accept"] == "text/html"
    assert headers["user-agent"] == "tester/1"


async def test_etag_gives_not_modified(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.add("/feed.xml", RSS, etag='"v1"')
    first = await fetcher.fetch(feed_server.url("/feed.xml"))
    second = await fetcher.fetch(feed_server.url("/feed.xml"), etag=first.etag)

    assert second.status == "not_modified" and not second.ok
    assert second.http_status == 304
    assert second.body == b""
    assert second.etag == '"v1"'
    assert feed_server.requests[1][2]["if-none-match"] == '"v1"'


async def test_stale_etag_gets_full_body(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.add("/feed.xml", RSS, etag='"v2"')
    result = await fetcher.fetch(feed_server.url("/feed.xml"), etag='"v1"')
    assert result.ok and result.body == RSS and result.etag == '"v2"'


async def test_last_modified_gives_not_modified(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.add("/feed.xml", RSS, last_modified=LAST_MODIFIED)
    result = await fetcher.fetch(feed_server.url("/feed.xml"), last_modified=LAST_MODIFIED)

    assert result.status == "not_modified"
    assert result.last_modified == LAST_MODIFIED
    headers = feed_server.requests[0][2]
    assert headers["if-modified-since"] == LAST_MODIFIED
    assert "if-none-match" not in headers


# -- size cap ------------------------------------------------------------------------------


async def test_large_body_rejected_by_content_length(feed_server: FeedServer) -> None:
    feed_server.add("/big", b"x" * (200 * 1024))
    async with Fetcher(allow_private_network=True, max_bytes=64 * 1024) as fetcher:
        result = await fetcher.fetch(feed_server.url("/big"))
    assert result.status == "error"
    assert result.error == "response larger than 64 KB"
    assert result.body == b""


async def test_large_streamed_body_rejected_while_reading(feed_server: FeedServer) -> None:
    # Chunked: no Content-Length, so only the streaming count can catch it.
    feed_server.add("/big", b"x" * (200 * 1024), chunked=True)
    async with Fetcher(allow_private_network=True, max_bytes=64 * 1024) as fetcher:
        result = await fetcher.fetch(feed_server.url("/big"))
    assert result.status == "error"
    assert result.error == "response larger than 64 KB"


async def test_gzip_bomb_rejected_after_decompression(feed_server: FeedServer) -> None:
    payload = b"a" * (1024 * 1024)
    assert len(gzip.compress(payload)) < 64 * 1024  # small on the wire ...
    feed_server.add("/bomb", payload, gzip=True)
    async with Fetcher(allow_private_network=True, max_bytes=64 * 1024) as fetcher:
        result = await fetcher.fetch(feed_server.url("/bomb"))
    assert result.status == "error"  # ... but far above the cap once decompressed
    assert result.error == "response larger than 64 KB"


async def test_gzip_body_under_cap_is_decompressed(feed_server: FeedServer) -> None:
    feed_server.add("/feed.xml", RSS, gzip=True)
    async with Fetcher(allow_private_network=True, max_bytes=64 * 1024) as fetcher:
        result = await fetcher.fetch(feed_server.url("/feed.xml"))
    assert result.ok and result.body == RSS


async def test_body_exactly_at_cap_is_accepted(feed_server: FeedServer) -> None:
    feed_server.add("/edge", b"y" * 4096, chunked=True)
    async with Fetcher(allow_private_network=True, max_bytes=4096) as fetcher:
        result = await fetcher.fetch(feed_server.url("/edge"))
    assert result.ok and len(result.body) == 4096


# -- errors --------------------------------------------------------------------------------


async def test_read_timeout(feed_server: FeedServer, fetcher: Fetcher) -> None:
    # The slow answer would come after 3 s: an error saying "timed out" means the 0.3 s
    # read timeout ended the fetch first, whatever the machine's load made of the seconds.
    feed_server.add("/slow", RSS, delay=3)
    feed_server.add("/fast", RSS)
    slow, fast = await asyncio.gather(
        fetcher.fetch(feed_server.url("/slow")), fetcher.fetch(feed_server.url("/fast"))
    )
    assert slow.status == "error"
    assert slow.error == "timed out after 0.3 s"
    assert fast.ok and fast.body == RSS


async def test_total_timeout_bounds_a_slow_fetch(feed_server: FeedServer) -> None:
    feed_server.add("/slow", RSS, delay=3)
    async with Fetcher(allow_private_network=True, total_timeout=0.2) as fetcher:
        result = await fetcher.fetch(feed_server.url("/slow"))
    assert result.status == "error"
    assert result.error == "gave up after 0.2 s in total"


@pytest.mark.parametrize(
    ("status", "text"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
async def test_http_error_status(
    feed_server: FeedServer, fetcher: Fetcher, status: int, text: str
) -> None:
    feed_server.add("/x", b"oops", status=status, content_type="text/plain")
    result = await fetcher.fetch(feed_server.url("/x"))
    assert result.status == "error"
    assert result.error == text
    assert result.http_status == status
    assert result.retry_after is None
    assert result.body == b""


async def test_unknown_path_is_404(feed_server: FeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(feed_server.url("/missing"))
    assert result.error == "HTTP 404 Not Found"


async def test_429_retry_after_seconds(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.add("/x", b"", status=429, headers={"Retry-After": "120"})
    result = await fetcher.fetch(feed_server.url("/x"))
    assert result.status == "error"
    assert result.error == "HTTP 429 Too Many Requests"
    assert result.retry_after == 120


async def test_503_retry_after_http_date(feed_server: FeedServer, fetcher: Fetcher) -> None:
    when = datetime.now(UTC) + timedelta(seconds=600)
    feed_server.add(
        "/x", b"", status=503, headers={"Retry-After": format_datetime(when, usegmt=True)}
    )
    result = await fetcher.fetch(feed_server.url("/x"))
    assert result.error == "HTTP 503 Service Unavailable"
    assert result.retry_after is not None
    assert 590 <= result.retry_after <= 600


async def test_retry_after_ignored_on_other_statuses(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.add("/x", b"", status=500, headers={"Retry-After": "120"})
    result = await fetcher.fetch(feed_server.url("/x"))
    assert result.retry_after is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("30", 30.0),
        (" 7 ", 7.0),
        ("-5", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
        ("Wed, 21 Oct 2015 07:38:00 GMT", 600.0),
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, tzinfo=UTC)
    assert parse_retry_after(header, now=now) == expected


async def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port any more.
    result = await fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert result.status == "error"
    assert result.error == "connection refused"


async def test_non_http_scheme_is_refused(fetcher: Fetcher) -> None:
    result = await fetcher.fetch("ftp://127.0.0.1/feed.xml")
    assert result.status == "error"
    assert result.error == "unsupported URL scheme 'ftp' (only http and https can be fetched)"


# -- redirects -----------------------------------------------------------------------------


async def test_redirect_is_followed(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.add("/new/feed.xml", RSS, etag='"v1"')
    feed_server.redirect("/old", "/new/feed.xml", status=301)
    feed_server.redirect("/older", "old", status=302)  # relative Location
    result = await fetcher.fetch(feed_server.url("/older"))

    assert result.ok and result.body == RSS
    assert result.url == feed_server.url("/older")
    assert result.final_url == feed_server.url("/new/feed.xml")
    assert result.etag == '"v1"'
    assert feed_server.paths_requested() == ["/older", "/old", "/new/feed.xml"]


async def test_absolute_redirect_keeps_conditional_headers(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.add("/new", RSS, etag='"v1"')
    feed_server.redirect("/old", feed_server.url("/new"), status=308)
    result = await fetcher.fetch(feed_server.url("/old"), etag='"v1"')
    assert result.status == "not_modified"
    assert feed_server.requests[1][2]["if-none-match"] == '"v1"'


async def test_redirect_loop_is_refused(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.redirect("/a", "/b")
    feed_server.redirect("/b", "/a")
    result = await fetcher.fetch(feed_server.url("/a"))
    assert result.status == "error"
    assert result.error == "too many redirects (more than 5)"
    assert len(feed_server.requests) == 6  # the first request plus five followed hops


async def test_redirect_limit_is_configurable(feed_server: FeedServer) -> None:
    feed_server.add("/feed", RSS)
    feed_server.redirect("/a", "/feed")
    async with Fetcher(allow_private_network=True, max_redirects=0) as fetcher:
        result = await fetcher.fetch(feed_server.url("/a"))
    assert result.error == "too many redirects (more than 0)"
    assert feed_server.paths_requested() == ["/a"]


async def test_redirect_to_non_http_scheme_is_refused(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.redirect("/a", "file:///etc/passwd")
    result = await fetcher.fetch(feed_server.url("/a"))
    assert result.status == "error"
    assert result.error is not None and "unsupported URL scheme 'file'" in result.error
    assert result.final_url is not None and result.final_url.startswith("file:")
    assert feed_server.paths_requested() == ["/a"]


# -- cancellation --------------------------------------------------------------------------


async def test_cancellation_propagates(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.add("/slow", RSS, delay=3)
    task = asyncio.create_task(fetcher.fetch(feed_server.url("/slow")))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_fetcher_is_reusable_for_many_fetches(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    for index in range(5):
        feed_server.add(f"/f{index}", RSS + str(index).encode())
    results = await asyncio.gather(*(fetcher.fetch(feed_server.url(f"/f{i}")) for i in range(5)))
    assert [result.body for result in results] == [RSS + str(i).encode() for i in range(5)]
