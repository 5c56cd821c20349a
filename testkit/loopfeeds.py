"""RSS documents for loopback feeds, and the services a polling pass over them runs on:
what the ingest, extraction and hostile-host tests share."""

from __future__ import annotations

from pathlib import Path

from bot.services import Services, open_services
from bot.settings import Settings
from testkit.botkit import Clock

POLL_INTERVAL = 300


def rss(items: str, title: str = "Loopback Times") -> bytes:
    """An RSS 2.0 document of `items` (see `item`)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


def item(guid: str, title: str, body: str, link: str | None = None) -> str:
    """One <item>, `body` as its description; its link is http://127.0.0.1/GUID unless given."""
    link = link or f"http://127.0.0.1/{guid}"
    return (
        f"<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>"
        f"<description><![CDATA[{body}]]></description></item>"
    )


async def open_for(tmp_path: Path, feeds: list[str], clock: Clock | None = None) -> Services:
    """The services on tmp_path's ingest.db, polling `feeds` (loopback allowed) every
    POLL_INTERVAL seconds of `clock`."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database=str(tmp_path / "ingest.db"),
        feeds=feeds,
        allow_private_network=True,
        poll_interval=POLL_INTERVAL,
    )
    return await open_services(settings, clock=clock or Clock())
