"""Hostile feed and page hosts against the real fetcher and polling pass (issue 11):
a body naming a local file, compression bombs and tar-pit pages (connections and redirects:
tests/test_hostile_network.py; XML entities: tests/test_hostile_xml.py). Every attack runs
over real loopback HTTP."""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.services import Services
from news.fetch import Fetcher
from storage import articles as article_store
from storage import feeds as feed_store
from testkit.feedserver import FeedServer
from testkit.loopfeeds import item, open_for, rss

MARKER = "Quartzcrown"
LONG = " ".join(["The delegations met again on Tuesday to continue the border talks."] * 12)
TEASER = "Talks resumed."  # short: the pipeline reads the article page for the full text
PAGE = (
    "<!doctype html><html><head><title>Talks</title></head><body><article>"
    + "".join(f"<p>{LONG} Paragraph {n} of the full page.</p>" for n in range(4))
    + "</article></body></html>"
).encode()


def gzip_of_zeros(megabytes: int) -> bytes:
    """gzip of `megabytes` MB of zeros, made a megabyte at a time to keep memory small."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(megabytes)]
    parts.append(packer.flush())
    return b"".join(parts)


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(allow_private_network=True, read_timeout=2, connect_timeout=2) as f:
        yield f


async def stored_bodies(services: Services, url_part: str) -> dict[str, str]:
    latest = await article_store.latest(services.db, limit=100)
    return {a.title: a.body for a in latest if url_part in a.url}


async def eventually(check: Callable[[], Awaitable[bool]], *, guard: float = 30) -> None:
    """Wait for `check` to hold; `guard` only stops a broken test from hanging forever."""
    async with asyncio.timeout(guard):
        # The database is the thing watched, and it signals nothing: polling it is the way.
        while not await check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


# -- 1. a body naming a local file is parsed as text, never opened ---------------------------


async def test_feed_body_naming_a_local_file_is_not_read(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    local = tmp_path / "local-feed.xml"
    local.write_bytes(
        rss(item("x1", f"{MARKER} secret headline", f"{MARKER} {LONG}", "http://127.0.0.1/x1"))
    )
    feed_server.add("/path.xml", str(local).encode(), content_type="application/rss+xml")
    feed_server.add("/url.xml", feed_server.url("/inner.xml").encode(), content_type="text/xml")
    feed_server.add("/inner.xml", local.read_bytes())
    services = await open_for(tmp_path, [feed_server.url("/path.xml"), feed_server.url("/url.xml")])
    try:
        outcomes = await services.ingestor.poll_all(only_due=False)
        assert {o.status for o in outcomes} == {"error"}
        for outcome in outcomes:
            assert outcome.error is not None and outcome.error.startswith("not a feed")
        assert await article_store.count_articles(services.db) == 0
        for feed in await feed_store.list_feeds(services.db):
            assert MARKER not in (feed.title or "")
            assert feed.last_error is not None and feed.last_error.startswith("not a feed")
        assert "/inner.xml" not in feed_server.paths_requested()
    finally:
        await services.close()


# -- 3. compression bombs are refused while decoding --------------------------------------


async def test_stacked_gzip_bomb_is_refused(feed_server: FeedServer, fetcher: Fetcher) -> None:
    bomb = gzip.compress(gzip_of_zeros(64))
    assert len(bomb) < 16 * 1024  # a few KB on the wire, 64 MB once both layers are undone
    feed_server.add("/bomb", bomb, headers={"Content-Encoding": "gzip, gzip"})
    result = await fetcher.fetch(feed_server.url("/bomb"))
    assert result.status == "error"
    assert result.error == "stacked content encodings refused (gzip, gzip)"
    assert result.body == b""


async def test_gzip_bomb_never_inflates_past_the_cap_in_memory(feed_server: FeedServer) -> None:
    bomb = gzip_of_zeros(128)
    feed_server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    async with Fetcher(allow_private_network=True, max_bytes=1024 * 1024) as fetcher:
        tracemalloc.start()
        try:
            result = await fetcher.fetch(feed_server.url("/bomb"))
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.status == "error" and result.error == "response larger than 1 MB"
    # One 64 KB read of this body inflates to 64 MB when decoded without a bound.
    assert peak < 16 * 1024 * 1024, peak


@pytest.mark.parametrize(
    ("encoding", "pack"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw, as many servers send
        ("identity", lambda data: data),
    ],
)
async def test_normal_compressed_feeds_still_work(
    feed_server: FeedServer, fetcher: Fetcher, encoding: str, pack: Callable[[bytes], bytes]
) -> None:
    feed = rss(item("g1", "Gzip works", LONG, "http://127.0.0.1/g1"))
    feed_server.add("/feed.xml", pack(feed), headers={"Content-Encoding": encoding})
    result = await fetcher.fetch(feed_server.url("/feed.xml"))
    assert result.ok and result.body == feed
    assert feed_server.requests[-1][2]["accept-encoding"] == "gzip, deflate"


async def test_unrequested_encoding_is_refused(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.add("/feed.xml", b"\x8b\x00\x80", headers={"Content-Encoding": "br"})
    result = await fetcher.fetch(feed_server.url("/feed.xml"))
    assert result.status == "error" and result.error == "unsupported content encoding 'br'"


async def test_bomb_article_page_leaves_the_feed_text(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.add("/feed.xml", rss(item("b1", "Bombed page", TEASER, feed_server.url("/b1"))))
    feed_server.add(
        "/b1",
        gzip.compress(gzip_of_zeros(64)),
        content_type="text/html",
        headers={"Content-Encoding": "gzip, gzip"},
    )
    services = await open_for(tmp_path, [feed_server.url("/feed.xml")])
    try:
        [outcome] = await services.ingestor.poll_all(only_due=False)
        assert outcome.status == "new" and outcome.new == 1
        assert "/b1" in feed_server.paths_requested()
        assert await stored_bodies(services, "/b1") == {"Bombed page": TEASER}
    finally:
        await services.close()


# -- 5. a tar-pit feed never holds the others up -----------------------------------------


def tar_pit(feed_server: FeedServer, count: int = 3) -> None:
    """A feed of teasers whose article pages never answer (until the server stops)."""
    items = "".join(
        item(f"t{n}", f"Slow story {n}", f"{TEASER} {n}", feed_server.url(f"/slow/{n}"))
        for n in range(count)
    )
    feed_server.add("/slow.xml", rss(items, title="Tar Pit"))
    for n in range(count):
        feed_server.add(f"/slow/{n}", PAGE, content_type="text/html", delay=120)


def quick_feed(feed_server: FeedServer, path: str, title: str) -> None:
    body = f"{title} was reported first here. {LONG}"  # its own text: not a duplicate
    feed_server.add(path, rss(item(f"{path}-1", title, body, feed_server.url(f"{path}/1"))))


async def test_tar_pit_pages_do_not_stall_the_pass(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    tar_pit(feed_server)
    quick_feed(feed_server, "/quick.xml", "Quick story")
    services = await open_for(
        tmp_path, [feed_server.url("/slow.xml"), feed_server.url("/quick.xml")]
    )
    services.ingestor.poll_deadline = 2.0
    try:
        poll = asyncio.create_task(services.ingestor.poll_all(only_due=False))

        async def quick_stored() -> bool:
            return bool(await stored_bodies(services, "/quick.xml"))

        await eventually(quick_stored)
        # The other feed is in while the tar pit still holds its pages.
        assert not poll.done()
        assert not await stored_bodies(services, "/slow/")
        outcomes = {o.title: o for o in await poll}
        assert outcomes["Tar Pit"].status == "new" and outcomes["Tar Pit"].new == 3
        assert outcomes["Loopback Times"].new == 1
        # Nothing lost: every slow entry is stored with the text its feed gave.
        assert await stored_bodies(services, "/slow/") == {
            f"Slow story {n}": f"{TEASER} {n}" for n in range(3)
        }
        assert {f"/slow/{n}" for n in range(3)} <= set(feed_server.paths_requested())
        # Cut by the poll deadline (one line saying so), not by a per-page read timeout.
        assert "3 of 3 pages not in within the 2 s poll deadline" in caplog.text
    finally:
        await services.close()


async def test_scheduler_keeps_polling_other_feeds_during_a_tar_pit(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    tar_pit(feed_server)
    quick_feed(feed_server, "/quick.xml", "Quick story")
    quick_feed(feed_server, "/later.xml", "Later story")
    services = await open_for(
        tmp_path, [feed_server.url("/slow.xml"), feed_server.url("/quick.xml")]
    )
    services.ingestor.poll_deadline = 3.0
    ingestor = services.ingestor
    try:
        # One scheduler tick: both due feeds start, and the tick does not wait for them.
        assert await ingestor.start_due_polls() == 2

        def stored(part: str) -> Callable[[], Awaitable[bool]]:
            async def check() -> bool:
                return bool(await stored_bodies(services, part))

            return check

        await eventually(stored("/quick.xml"))
        # A feed added while the tar pit runs is picked up by the next tick; the tar pit,
        # still being polled, is not started twice.
        await feed_store.add_feed(services.db, feed_server.url("/later.xml"), now=services.now())
        assert await ingestor.start_due_polls() == 1
        await eventually(stored("/later.xml"))
        assert not await stored_bodies(services, "/slow/")
        await eventually(stored("/slow/"))
        assert await stored_bodies(services, "/slow/") == {
            f"Slow story {n}": f"{TEASER} {n}" for n in range(3)
        }
        slow = await feed_store.get_feed_by_url(services.db, feed_server.url("/slow.xml"))
        assert slow is not None and slow.consecutive_errors == 0
    finally:
        await services.close()
