from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from news.clean import html_to_text
from news.models import ParsedFeed
from news.parse import parse_feed

FEED_URL = "https://news.example/feeds/main.xml"

RSS20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Regional News</title>
    <link>https://news.example/</link>
    <language>en-GB</language>
    <item>
      <title>CSTO council meets &amp; adjourns</title>
      <link>/stories/1?utm_source=rss</link>
      <guid isPermaLink="false">story-1</guid>
      <dc:creator>Anna Petrosyan</dc:creator>
      <pubDate>Tue, 10 Nov 2026 14:05:00 +0400</pubDate>
      <description>&lt;p&gt;A short teaser.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full text <b>here</b>.</p>]]></content:encoded>
    </item>
    <item>
      <title>No date</title>
      <link>https://news.example/stories/2</link>
      <description>Second</description>
    </item>
  </channel>
</rss>
"""

RSS10 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example/">
    <title>RDF News</title>
    <link>https://news.example/</link>
    <description>d</description>
    <dc:language>ru</dc:language>
  </channel>
  <item rdf:about="https://news.example/rdf/1">
    <title>Новости ОДКБ</title>
    <link>https://news.example/rdf/1</link>
    <description>Текст</description>
    <dc:date>2026-11-10T10:00:00+03:00</dc:date>
  </item>
</rdf:RDF>
"""

RSS091 = """<?xml version="1.0"?>
<rss version="0.91">
  <channel>
    <title>Old School</title>
    <link>https://old.example/</link>
    <description>d</description>
    <language>en</language>
    <item>
      <title>Legacy item</title>
      <link>https://old.example/1</link>
      <description>Legacy text</description>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="hy">
  <title>Atom News</title>
  <link rel="alternate" href="https://atom.example/"/>
  <id>tag:atom.example,2026:feed</id>
  <updated>2026-11-10T12:00:00Z</updated>
  <entry>
    <title>Հայաստանը և ՀԱՊԿ</title>
    <id>tag:atom.example,2026:1</id>
    <link rel="alternate" href="/2026/one"/>
    <published>2026-11-10T12:30:00+04:00</published>
    <updated>2026-11-10T13:00:00+04:00</updated>
    <author><name>Davit Hakobyan</name></author>
    <summary>Short summary</summary>
    <content type="html">&lt;p&gt;Body paragraph&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only updated</title>
    <id>tag:atom.example,2026:2</id>
    <link href="https://atom.example/2026/two"/>
    <updated>2026-11-09T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Content only&lt;/p&gt;</content>
  </entry>
</feed>
"""


def _json_feed(**overrides: object) -> bytes:
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON News",
        "home_page_url": "https://json.example/",
        "language": "ru-RU",
        "items": [
            {
                "id": "j1",
                "url": "https://json.example/1",
                "title": "ОДКБ",
                "content_html": "<p>HTML body</p>",
                "summary": "Plain <summary> & more",
                "date_published": "2026-11-10T14:05:00+04:00",
                "authors": [{"name": "Ирина Соколова"}],
            },
            {
                "id": 42,
                "external_url": "https://elsewhere.example/2",
                "title": "Text item",
                "content_text": "First <para>\n\nSecond & last",
                "date_modified": "2026-11-10T10:00:00Z",
                "language": "hy",
            },
        ],
    }
    feed.update(overrides)
    return json.dumps(feed, ensure_ascii=False).encode("utf-8")


def _parse(body: bytes | str, content_type: str | None = None) -> ParsedFeed:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return parse_feed(data, url=FEED_URL, content_type=content_type)


def assert_fields(parsed: object, **expected: object) -> None:
    """Each named attribute of `parsed` (a feed or an entry) is as `expected` says; a
    mismatch shows every field at once."""
    assert {name: getattr(parsed, name) for name in expected} == expected


def test_rss20_entries_and_feed_fields() -> None:
    feed = _parse(RSS20, "application/rss+xml")
    assert feed.error is None
    assert (feed.title, feed.site_url, feed.language) == (
        "Regional News", "https://news.example/", "en"
    )
    first, second = feed.entries
    assert_fields(
        first,
        title="CSTO council meets & adjourns",
        guid="story-1",
        # Relative links are resolved against the feed's own URL.
        link="https://news.example/stories/1?utm_source=rss",
        author="Anna Petrosyan",
        published=datetime(2026, 11, 10, 10, 5, tzinfo=UTC),
        language="en",
    )
    assert first.published is not None and first.published.utcoffset() is not None
    assert "A short teaser." in first.summary_html
    assert "Full text <b>here</b>." in first.content_html
    assert_fields(second, published=None, guid=None, content_html="")


def test_rss10_and_rss091() -> None:
    rdf = _parse(RSS10)
    assert rdf.error is None
    assert rdf.language == "ru"
    assert rdf.entries[0].title == "Новости ОДКБ"
    assert rdf.entries[0].published == datetime(2026, 11, 10, 7, 0, tzinfo=UTC)
    old = _parse(RSS091)
    assert old.error is None
    assert [e.link for e in old.entries] == ["https://old.example/1"]


def test_atom_entries() -> None:
    feed = _parse(ATOM, "application/atom+xml")
    assert feed.error is None
    assert feed.title == "Atom News"
    assert feed.language == "hy"
    first, second = feed.entries
    assert_fields(
        first,
        guid="tag:atom.example,2026:1",
        link="https://news.example/2026/one",
        published=datetime(2026, 11, 10, 8, 30, tzinfo=UTC),
        author="Davit Hakobyan",
        summary_html="Short summary",
        content_html="<p>Body paragraph</p>",
    )
    # updated stands in for a missing published; lone content is not copied as summary.
    assert_fields(
        second,
        published=datetime(2026, 11, 9, 8, 0, tzinfo=UTC),
        summary_html="",
        content_html="<p>Content only</p>",
    )


@pytest.mark.parametrize(
    "content_type", ["application/feed+json", "application/json", None, "text/plain"]
)
def test_json_feed_detected_by_type_or_content(content_type: str | None) -> None:
    feed = _parse(_json_feed(), content_type)
    assert feed.error is None
    assert (feed.title, feed.site_url, feed.language) == (
        "JSON News", "https://json.example/", "ru"
    )
    first, second = feed.entries
    assert_fields(
        first,
        guid="j1",
        link="https://json.example/1",
        content_html="<p>HTML body</p>",
        summary_html="Plain &lt;summary&gt; &amp; more",
        published=datetime(2026, 11, 10, 10, 5, tzinfo=UTC),
        author="Ирина Соколова",
        language="ru",
    )
    assert_fields(
        second,
        guid="42",
        link="https://elsewhere.example/2",
        content_html="<p>First &lt;para&gt;</p><p>Second &amp; last</p>",
        published=datetime(2026, 11, 10, 10, 0, tzinfo=UTC),
        language="hy",
    )


def test_json_feed_10_author_and_naive_date() -> None:
    body = _json_feed(
        version="https://jsonfeed.org/version/1",
        items=[{"id": "a", "url": "https://json.example/a", "title": "t",
                "author": {"name": "Old Style"}, "date_published": "2026-11-10T10:00:00"}],
    )
    entry = _parse(body).entries[0]
    assert entry.author == "Old Style"
    assert entry.published == datetime(2026, 11, 10, 10, 0, tzinfo=UTC)


def test_json_feed_with_bad_items_keeps_the_good_ones() -> None:
    body = _json_feed(items=["junk", {"id": "ok", "url": "https://json.example/ok"}])
    feed = _parse(body, "application/feed+json")
    assert [e.guid for e in feed.entries] == ["ok"]
    assert feed.error is not None and "\n" not in feed.error


UTF8_TEXT = "Café Ереван Երևան"


@pytest.mark.parametrize(
    "content_type",
    [None, "application/rss+xml; charset=iso-8859-1", "text/xml; charset=windows-1251"],
)
def test_declared_latin1_but_actually_utf8_is_readable(content_type: str | None) -> None:
    doc = RSS091.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>')
    doc = doc.replace("Legacy item", UTF8_TEXT)
    feed = _parse(doc.encode("utf-8"), content_type)
    assert feed.entries[0].title == UTF8_TEXT
    assert feed.error is None


def test_declared_utf8_but_actually_latin1_is_readable() -> None:
    doc = RSS091.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-8"?>')
    doc = doc.replace("Legacy item", "Crème brûlée à Noël")
    feed = _parse(doc.encode("iso-8859-1"), "application/rss+xml; charset=utf-8")
    assert feed.entries[0].title == "Crème brûlée à Noël"
    assert feed.error is None


def test_truncated_xml_keeps_parsed_entries_and_reports_one_line() -> None:
    cut = RSS20[: RSS20.index("<title>No date")]
    feed = _parse(cut)
    assert feed.entries[0].title == "CSTO council meets & adjourns"
    assert feed.error is not None
    assert "\n" not in feed.error and len(feed.error) <= 160


def test_html_page_is_not_a_feed() -> None:
    page = "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
    feed = _parse(page, "text/html; charset=utf-8")
    assert feed.entries == []
    assert feed.error is not None and feed.error.startswith("not a feed")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", None),
        (b"   \n", "application/rss+xml"),
        (b"\x00\x01\xff\xfe\x80garbage\x00" * 50, None),
        (bytes(range(256)) * 4, "application/octet-stream"),
        (b"plain text, not xml", "text/plain"),
        (b"{not json", "application/feed+json"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 5}', None),
        (b'{"hello": "world"}', "application/feed+json"),
        (b"[1, 2, 3]", "application/feed+json"),
        (b"<rss><channel><item><title>x", None),
        (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>", None),
        (b"\xef\xbb\xbf", None),
    ],
)
def test_junk_never_raises_and_reports_an_error(body: bytes, content_type: str | None) -> None:
    feed = _parse(body, content_type)
    assert isinstance(feed, ParsedFeed)
    assert feed.error
    assert "\n" not in feed.error


def test_valid_empty_feed_has_no_error() -> None:
    doc = "<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>"
    feed = _parse(doc)
    assert feed.entries == []
    assert feed.error is None
    assert feed.title == "Quiet"


def test_scripts_in_feed_html_never_reach_the_text() -> None:
    # Markup is not trusted at any stage: the text we keep is extracted from it, scripts and
    # all tags dropped (feedparser's own sanitizer is skipped as redundant work).
    doc = RSS20.replace("Full text <b>here</b>.", "Full text<script>alert(1)</script>.")
    entry = _parse(doc).entries[0]
    text = html_to_text(entry.content_html)
    assert "alert(1)" not in text and "<" not in text and "Full text" in text


def test_json_content_type_with_xml_body_is_read_as_xml() -> None:
    feed = _parse(RSS091, "application/json")
    assert feed.error is None
    assert feed.entries[0].title == "Legacy item"


def test_json_that_is_not_a_json_feed() -> None:
    feed = _parse(b'{"version": "2.0", "items": []}', "application/json")
    assert feed.entries == []
    assert feed.error is not None and feed.error.startswith("not a feed")
