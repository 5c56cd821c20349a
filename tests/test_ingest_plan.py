"""bot/ingest_plan.py: which entries a poll stores again, and what a batch calls boilerplate."""

from __future__ import annotations

import pytest

from bot.ingest_plan import (
    BOILERPLATE_MAX_LINE,
    BOILERPLATE_MIN_ARTICLES,
    EntryKeys,
    batch_boilerplate,
    choose,
    entry_keys,
    kept,
    line_keys,
)
from news.batch import EntryTexts
from news.models import Article, RawEntry

FEED = "https://example.am/rss"
FULL = "The ministers met in Yerevan on Monday. " * 20  # a whole article, no teaser ending
TEASER = "Ministers met on Monday…"


def entry(guid: str | None, link: str | None, content: str, fingerprint: str = "f1") -> EntryTexts:
    raw = RawEntry(guid, link, "Title", None, None, summary_html="", content_html="")
    return EntryTexts(raw, summary="", content=content, fingerprint=fingerprint)


@pytest.mark.parametrize(
    ("guid", "link", "by_guid", "by_url"),
    [
        ("https://example.am/a/1", "https://example.am/a/1", True, True),
        ("1234", None, True, False),  # a feed-local guid, no link
        (None, "https://example.am/a/2?utm_source=rss", False, True),
        (None, None, False, False),
        ("  ", "", False, False),  # blank guid and link count as missing
    ],
)
def test_an_entry_is_known_by_its_guid_and_its_link(
    guid: str | None, link: str | None, by_guid: bool, by_url: bool
) -> None:
    [(guid_key, url_key)] = entry_keys(FEED, [entry(guid, link, FULL)])
    assert (guid_key is not None, url_key is not None) == (by_guid, by_url)


def test_tracking_parameters_do_not_make_a_link_new() -> None:
    plain, tracked = entry_keys(
        FEED,
        [
            entry(None, "https://example.am/a/2", FULL),
            entry(None, "https://example.am/a/2?utm_source=rss", FULL),
        ],
    )
    assert plain[1] == tracked[1]


@pytest.mark.parametrize(
    ("content", "known", "fingerprint", "stored", "page"),
    [
        (FULL, {}, "f1", True, False),  # new, full text in the feed
        (TEASER, {}, "f1", True, True),  # new teaser: its page is read
        (FULL, {"g": "f1"}, "f1", False, False),  # known and unchanged
        (FULL, {"g": "f0"}, "f2", True, False),  # known, the feed changed what it says
        (TEASER, {"g": "f0"}, "f2", False, False),  # known teaser: its page was read when new
        (FULL, {"u": "f1"}, "f1", False, False),  # known by its link only
        (FULL, {"u": None}, "f1", True, False),  # stored without a fingerprint: again
    ],
)
def test_a_poll_stores_only_new_and_changed_entries(
    content: str, known: dict[str, str | None], fingerprint: str, stored: bool, page: bool
) -> None:
    item = entry("guid-1", "https://example.am/a/1", content, fingerprint)
    keys: list[EntryKeys] = [("g", "u")]
    chosen = choose([item], keys, known)
    assert bool(chosen) is stored
    if chosen:
        assert chosen[0].feed_text == content
        assert (chosen[0].page_link == "https://example.am/a/1") is page


def test_a_teaser_without_a_link_keeps_the_feed_text() -> None:
    [chosen] = choose([entry("guid-1", None, TEASER)], [("g", None)], {})
    assert chosen.page_link is None and chosen.feed_text == TEASER


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", 0),
        ("One line.\n\n   \nAnother line.", 2),
        ("Same line\n  same   LINE  ", 1),  # case and spacing do not make a new line
        ("x" * (BOILERPLATE_MAX_LINE + 1), 0),  # a paragraph, never boilerplate
        ("x" * BOILERPLATE_MAX_LINE, 1),
    ],
)
def test_line_keys_cover_the_short_lines_of_a_body(text: str, lines: int) -> None:
    assert len(line_keys(text)) == lines


@pytest.mark.parametrize(("bodies_with_it", "boilerplate"), [(1, False), (2, False), (3, True)])
def test_a_line_in_enough_bodies_of_one_batch_is_boilerplate(
    bodies_with_it: int, boilerplate: bool
) -> None:
    assert BOILERPLATE_MIN_ARTICLES == 3
    footer = "Subscribe to our newsletter"
    bodies = [f"Story {i}\n{footer}" if i < bodies_with_it else f"Story {i}" for i in range(5)]
    learned = batch_boilerplate([line_keys(body) for body in bodies])
    assert (line_keys(footer) <= learned) is boilerplate
    assert not line_keys("Story 0") & learned


def test_entries_that_built_no_article_drop_out_with_their_line_keys() -> None:
    article = Article(
        guid=None,
        url="https://example.am/a/1",
        title="Title",
        author=None,
        published_at=0,
        teaser="",
        body="",
        language="en",
        guid_key=None,
        url_key="u",
        content_key="c",
    )
    articles, keys = kept([None, article, None], [{"a"}, {"b"}, {"c"}])
    assert articles == [article] and keys == [{"b"}]
