from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from news.article import build_article
from news.clean import line_key
from news.dedupe import content_key, guid_key, url_key
from news.models import RawEntry
from news.normalize import canonical_url, detect_language, make_teaser, to_timestamp

FETCHED_AT = 1_795_000_000
FEED_URL = "https://herald.example/rss.xml"


# --- canonical_url ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("HTTPS://Example.COM:443/Path/A?b=1#frag", None, "https://example.com/Path/A?b=1"),
        ("http://example.com:80/", None, "http://example.com/"),
        ("http://example.com:8080/x", None, "http://example.com:8080/x"),
        ("https://example.com", None, "https://example.com/"),
        ("https://example.com/a?", None, "https://example.com/a"),
        (
            "https://example.com/a?utm_source=rss&id=7&fbclid=x&UTM_Medium=y&page=2&gclid=z",
            None,
            "https://example.com/a?id=7&page=2",
        ),
        (
            "https://example.com/a?yclid=1&mc_cid=2&mc_eid=3&igshid=4&ref=5&ref_src=6&_ga=7",
            None,
            "https://example.com/a",
        ),
        # Kept parameters keep their order and their exact encoding.
        ("https://example.com/s?q=a%20b&z=1&a=2", None, "https://example.com/s?q=a%20b&z=1&a=2"),
        ("/news/1?utm_campaign=x", "https://Herald.example/rss.xml",
         "https://herald.example/news/1"),
        ("../b", "https://example.com/a/c/", "https://example.com/a/b"),
        ("//cdn.example/x", "https://example.com/", "https://cdn.example/x"),
        ("  https://example.com/x  ", None, "https://example.com/x"),
        ("https://[2001:DB8::1]:443/x", None, "https://[2001:db8::1]/x"),
    ],
)
def test_canonical_url(url: str, base: str | None, expected: str) -> None:
    assert canonical_url(url, base) == expected


def test_canonical_url_never_raises_on_broken_input() -> None:
    assert canonical_url("http://example.com:notaport/x") == "http://example.com:notaport/x"
    assert canonical_url("http://[::1") == "http://[::1"
    assert canonical_url("") == ""


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTP://A.example:80/p?utm_source=1&k=v#f")
    assert canonical_url(once) == once


# --- to_timestamp -----------------------------------------------------------------------------


def test_to_timestamp() -> None:
    when = datetime(2026, 11, 10, 14, 5, tzinfo=timezone(timedelta(hours=4)))
    assert to_timestamp(when, fetched_at=FETCHED_AT + 10**8) == int(when.timestamp())
    assert to_timestamp(None, fetched_at=FETCHED_AT) == FETCHED_AT


def test_to_timestamp_naive_is_utc() -> None:
    naive = datetime(2026, 1, 1, 0, 0)
    assert to_timestamp(naive, fetched_at=2_000_000_000) == int(
        naive.replace(tzinfo=UTC).timestamp()
    )


def test_to_timestamp_future_is_clamped_beyond_skew() -> None:
    fetched = datetime.fromtimestamp(FETCHED_AT, UTC)
    slightly = fetched + timedelta(seconds=300)
    assert to_timestamp(slightly, fetched_at=FETCHED_AT) == FETCHED_AT + 300
    far = fetched + timedelta(hours=5)
    assert to_timestamp(far, fetched_at=FETCHED_AT) == FETCHED_AT
    assert to_timestamp(slightly, fetched_at=FETCHED_AT, max_skew=60) == FETCHED_AT


# --- make_teaser ------------------------------------------------------------------------------


def test_short_text_is_its_own_teaser() -> None:
    assert make_teaser("  One   short\nline. ") == "One short line."


def test_teaser_prefers_whole_sentences() -> None:
    text = "First sentence is here. " * 5 + "A very long final sentence " * 20
    teaser = make_teaser(text, limit=150)
    assert teaser == ("First sentence is here. " * 5).strip()


def test_teaser_cuts_on_word_boundary_with_ellipsis() -> None:
    text = "word " * 50 + "sentence end."
    teaser = make_teaser(text, limit=42)
    assert teaser.endswith("…")
    assert len(teaser) <= 42
    assert teaser[:-1].split() == ["word"] * len(teaser[:-1].split())


def test_teaser_armenian_full_stop() -> None:
    text = "Առաջին նախադասություն է։ " * 3 + "երկար " * 100
    assert make_teaser(text, limit=100).endswith("։")


def test_teaser_of_one_giant_word() -> None:
    teaser = make_teaser("x" * 500, limit=50)
    assert len(teaser) == 50 and teaser.endswith("…")


# --- detect_language --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("Հայաստանը սառեցրել է մասնակցությունը ՀԱՊԿ-ին", None, "hy"),
        ("ОДКБ проведёт учения в Таджикистане", None, "ru"),
        ("The CSTO will hold drills", None, "en"),
        ("Հայաստանը և CSTO", "ru", "hy"),
        ("ОДКБ проведёт учения", "en", "ru"),
        ("Le sommet de l'OTSC", "fr-FR", "fr"),
        ("Це новини", "uk", "uk"),
        ("English text in a Russian feed", "ru", "en"),
        ("საქართველო", None, "ka"),
        ("12345 !!!", "hy", "hy"),
        ("", None, None),
    ],
)
def test_detect_language(text: str, default: str | None, expected: str | None) -> None:
    assert detect_language(text, default) == expected


# --- build_article ----------------------------------------------------------------------------


@pytest.fixture
def entry() -> RawEntry:
    return RawEntry(
        guid="story-1",
        link="/news/story-1.html?utm_source=rss",
        title="CSTO  council meets &amp; adjourns",
        author="  Anna   Petrosyan ",
        published=datetime(2026, 11, 10, 10, 5, tzinfo=UTC),
        summary_html="<p>A short teaser about the council.</p><p>Read more</p>",
        content_html="",
        language="en",
    )


BODY = (
    "CSTO council meets & adjourns\n"
    "By Anna Petrosyan\n\n"
    "The council met in Moscow. Armenia sent no delegation.\n\n"
    "Share on Facebook\n\n"
    "Got a tip? Write to us."
)


def test_build_article(entry: RawEntry) -> None:
    article = build_article(
        entry, feed_url=FEED_URL, feed_language="en", fetched_at=FETCHED_AT + 10**8,
        body_text=BODY, learned_boilerplate={line_key("Got a tip? Write to us.")},
    )
    assert article is not None
    assert article.title == "CSTO council meets & adjourns"
    assert article.url == "https://herald.example/news/story-1.html"
    assert article.author == "Anna Petrosyan"
    assert article.published_at == int(entry.published.timestamp())  # type: ignore[union-attr]
    assert article.body == "The council met in Moscow. Armenia sent no delegation."
    assert article.teaser == "A short teaser about the council."
    assert article.language == "en"
    assert article.guid == "story-1"
    assert article.guid_key == guid_key(FEED_URL, "story-1")
    assert article.url_key == url_key(article.url)
    assert article.content_key == content_key(article.title, article.body)
    assert article.topics == []


def test_build_article_teaser_marks_a_cut_summary(entry: RawEntry) -> None:
    cut = replace(entry, summary_html="<p>The council met and discussed [&#8230;]</p>")
    article = build_article(cut, feed_url=FEED_URL, feed_language=None,
                            fetched_at=FETCHED_AT, body_text="Body.")
    assert article is not None
    assert article.teaser == "The council met and discussed…"


def test_build_article_teaser_from_body_without_summary(entry: RawEntry) -> None:
    article = build_article(
        replace(entry, summary_html=""), feed_url=FEED_URL, feed_language=None,
        fetched_at=FETCHED_AT, body_text="Body sentence one. Body sentence two.",
    )
    assert article is not None
    assert article.teaser == "Body sentence one. Body sentence two."


def test_build_article_url_from_guid_when_no_link(entry: RawEntry) -> None:
    article = build_article(
        replace(entry, link=None, guid="https://herald.example/p/9#x"), feed_url=FEED_URL,
        feed_language=None, fetched_at=FETCHED_AT, body_text="Text.",
    )
    assert article is not None
    assert article.url == "https://herald.example/p/9"


@pytest.mark.parametrize(
    ("link", "guid"),
    [(None, "plain-guid"), (None, None), ("mailto:desk@herald.example", None),
     ("javascript:void(0)", "x")],
)
def test_build_article_without_usable_url(entry: RawEntry, link: str | None,
                                          guid: str | None) -> None:
    unusable = replace(entry, link=link, guid=guid)
    assert build_article(unusable, feed_url="not a url", feed_language=None,
                         fetched_at=FETCHED_AT, body_text="Text.") is None


def test_build_article_title_fallback_and_nothing_at_all(entry: RawEntry) -> None:
    untitled = replace(entry, title="", summary_html="")
    article = build_article(
        untitled, feed_url=FEED_URL, feed_language=None, fetched_at=FETCHED_AT,
        body_text="Armenia and Azerbaijan agreed a new section of their border. " * 4,
    )
    assert article is not None
    assert article.title.startswith("Armenia and Azerbaijan agreed")
    assert len(article.title) <= 100
    assert build_article(untitled, feed_url=FEED_URL, feed_language=None,
                         fetched_at=FETCHED_AT, body_text="") is None


def test_build_article_language_from_script(entry: RawEntry) -> None:
    armenian = replace(entry, title="Հայաստանը չի մասնակցի ՀԱՊԿ գագաթնաժողովին",
                       summary_html="", language="ru")
    article = build_article(armenian, feed_url=FEED_URL, feed_language="ru",
                            fetched_at=FETCHED_AT, body_text="ԱԳՆ-ն հաստատել է։")
    assert article is not None and article.language == "hy"


def test_build_article_markup_in_title(entry: RawEntry) -> None:
    article = build_article(replace(entry, title="<b>Bold</b> &amp; plain"),
                            feed_url=FEED_URL, feed_language=None, fetched_at=FETCHED_AT,
                            body_text="Text.")
    assert article is not None and article.title == "Bold & plain"


def test_build_article_missing_date_uses_fetch_time(entry: RawEntry) -> None:
    article = build_article(replace(entry, published=None), feed_url=FEED_URL,
                            feed_language=None, fetched_at=FETCHED_AT, body_text="Text.")
    assert article is not None and article.published_at == FETCHED_AT
