"""XML from hostile hosts (issue 11): entities in feeds and in an admin's OPML file are
never resolved from disk or over the network, nor expanded without bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import articles as article_store
from storage import feeds as feed_store
from testkit.botkit import BotHarness
from testkit.feedserver import FeedServer
from testkit.loopfeeds import item, open_for

MARKER = "Quartzcrown"
ADMIN = 1
LONG = " ".join(["The delegations met again on Tuesday to continue the border talks."] * 12)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file on the host's disk that no entity may bring into the bot."""
    path = tmp_path / "secret.txt"
    path.write_text(f"{MARKER} from the host's disk")
    return path


# -- XML entities: never resolved from disk, never expanded without bound -------------------


async def test_feed_entities_are_not_resolved_or_expanded(
    tmp_path: Path, feed_server: FeedServer, secret: Path
) -> None:
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>XXE &xxe;</title>'
        + item("e1", "Entity &xxe; title", f"{LONG} &xxe;", "http://127.0.0.1/e1")
        .replace("<![CDATA[", "")
        .replace("]]>", "")
        + "</channel></rss>"
    ).encode()
    levels = "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    laughs = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{levels}]>'
        '<rss version="2.0"><channel><title>Laughs</title>'
        "<item><guid>l1</guid><title>Laughing</title><link>http://127.0.0.1/l1</link>"
        "<description>&lol9;</description></item></channel></rss>"
    ).encode()
    feed_server.add("/xxe.xml", xxe)
    feed_server.add("/laughs.xml", laughs)
    services = await open_for(
        tmp_path, [feed_server.url("/xxe.xml"), feed_server.url("/laughs.xml")]
    )
    try:
        await services.ingestor.poll_all(only_due=False)
        for article in await article_store.latest(services.db, limit=100):
            assert MARKER not in article.title and MARKER not in article.body
            assert len(article.body) < 10_000  # 10^9 "lol"s were never built
        for feed in await feed_store.list_feeds(services.db):
            assert MARKER not in (feed.title or "")
    finally:
        await services.close()


async def test_opml_import_resolves_no_entity_and_fetches_no_dtd(
    tmp_path: Path, feed_server: FeedServer, secret: Path
) -> None:
    feed_server.add("/evil.dtd", f'<!ENTITY leak "{MARKER}">'.encode(), content_type="text/xml")
    opml = (
        '<?xml version="1.0"?><!DOCTYPE opml ['
        f'<!ENTITY xxe SYSTEM "file://{secret}">'
        f'<!ENTITY % remote SYSTEM "{feed_server.url("/evil.dtd")}"> %remote;]>'
        "<opml version='2.0'><head><title>&xxe;</title></head><body>"
        '<outline text="Imported" xmlUrl="https://imported.example/rss"/>'
        "</body></opml>"
    ).encode()
    bot = await BotHarness.start(tmp_path, feeds=[], admin_ids=[ADMIN])
    try:
        reply = "\n".join(m.plain for m in await bot.send_file("/import", opml, user_id=ADMIN))
        assert "Added: 1" in reply and MARKER not in reply
        feeds = await feed_store.list_feeds(bot.services.db)
        assert [f.url for f in feeds] == ["https://imported.example/rss"]
        assert all(MARKER not in (f.title or "") for f in feeds)
        assert feed_server.requests == []  # the external DTD was never fetched
    finally:
        await bot.stop()
