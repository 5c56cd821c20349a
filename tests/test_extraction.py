"""The product's page extraction on pages of the extraction benchmark, and its fallback to
the feed's own text through a real polling pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from news.charset import decode
from news.clean import clean_text
from news.extract import extract_main_text
from storage import articles as article_store
from testkit.botkit import Clock
from testkit.feedserver import FeedServer
from testkit.loopfeeds import item, open_for, rss

DATA = Path(__file__).resolve().parents[1] / "bench" / "data" / "extraction"
GOLD = {Path(p["file"]).stem: p for p in json.loads((DATA / "gold.json").read_text())["pages"]}


def product_text(name: str) -> str:
    page = GOLD[name]
    html = decode((DATA / page["file"]).read_bytes(), "text/html").text
    return clean_text(extract_main_text(html), title=page["title"])


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        (
            "en-election-results",
            ["Party | Votes | Share | Seats", "Civil Contract | 687,251 | 53.9% | 71"],
        ),
        # A windows-1251 page laid out in tables, with a data table inside.
        ("ru-gas-prices", ["Категория | Сейчас | С 1 января", "Население | 139 | 147"]),
        ("ru-lars-live", ["08:00 | 1 240 | 85", "20:00 | 1 830 | 140"]),
        ("en-it-sector", ["Jan–Sep 2026 | 1,037"]),
        ("hy-earthquake", ["Գյումրի | 48 | 6"]),
    ],
)
def test_tables_are_kept_as_lines_of_cells(name: str, rows: list[str]) -> None:
    lines = product_text(name).split("\n")
    for row in rows:
        assert row in lines, (row, lines)


@pytest.mark.parametrize(
    "name",
    ["en-election-results", "ru-gas-prices", "hy-earthquake", "ru-csto-summit", "en-gold-mine"],
)
def test_story_is_kept_and_clutter_is_gone(name: str) -> None:
    text = product_text(name).casefold()
    page = GOLD[name]
    missing = [s for s in page["keep"] if " ".join(s.casefold().split()) not in text]
    leaked = [s for s in page["drop"] if " ".join(s.casefold().split()) in text]
    assert missing == [] and leaked == []
    for chrome in ("top of page", "наверх", "դեպի վեր", "ad for subscribing", "cookie"):
        assert chrome not in text


async def test_a_page_with_only_a_byline_and_date_leaves_the_feed_text(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_text = (
        "Leaders of the five member states signed a declaration on border security and "
        "approved the organisation's budget for next year, the secretariat said…"
    )
    feed_server.add(
        "/story.html",
        b"<html><body><article><h1>Summit ends</h1><p>By Anna Petrosyan</p>"
        b"<p>5 December 2026, 14:20</p></article></body></html>",
        content_type="text/html",
    )
    link = feed_server.url("/story.html")
    feed_server.add("/rss.xml", rss(item("s1", "Summit ends", feed_text, link)))
    services = await open_for(tmp_path, [feed_server.url("/rss.xml")], Clock())
    try:
        await services.ingestor.poll_all(only_due=False)
        [article] = await article_store.latest(services.db, limit=5)
        assert article.body == feed_text
    finally:
        await services.close()
