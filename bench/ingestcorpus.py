"""The ingest benchmark's feeds: 5,000 seeded regional-news entries with full article HTML,
in 20 RSS 2.0 and 5 Atom documents of 200 items (some entries in Russian and Armenian)."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from bench.ingestwords import (
    CAPITALS,
    EN_HEADLINES,
    EN_SENTENCES,
    HY_HEADLINES,
    HY_SENTENCES,
    MONTHS,
    PLACES,
    RU_HEADLINES,
    RU_SENTENCES,
    RU_TOPICS,
    SOURCES,
    TOPICS,
    upper_first,
)

SEED = 20260115
RSS_FEEDS = 20
ATOM_FEEDS = 5
ITEMS_PER_FEED = 200  # bot.ingest reads at most 200 entries per fetch
TOTAL_ENTRIES = (RSS_FEEDS + ATOM_FEEDS) * ITEMS_PER_FEED
CONTENT_BYTES = (1300, 2700)  # UTF-8 HTML of one article, before its last paragraph
RUSSIAN_SHARE = 0.15
ARMENIAN_SHARE = 0.10
# The newest item is this long before the run, so no date is "in the future".
NEWEST_ITEM = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@dataclass
class Item:
    guid: str
    link: str
    title: str
    author: str
    published: datetime
    teaser: str
    content_html: str
    language: str


@dataclass
class FeedDoc:
    path: str
    kind: str  # "rss" or "atom"
    title: str
    body: bytes
    content_type: str
    items: int


def _paragraph(r: random.Random, language: str, sentences: int) -> str:
    if language == "ru":
        pool = RU_SENTENCES
    elif language == "hy":
        pool = HY_SENTENCES
    else:
        pool = EN_SENTENCES
    text = " ".join(r.choice(pool)(r) for _ in range(sentences))
    if language == "en" and r.random() < 0.3:
        place = r.choice(PLACES)
        slug = place.lower().replace(" ", "-")
        text += f' <a href="/tags/{slug}">More on {html.escape(place)}</a>.'
    return text


def _content(r: random.Random, language: str, site: str, serial: int) -> tuple[str, str]:
    """The article HTML (`CONTENT_BYTES` long) and its first paragraph, plain."""
    target = r.randint(*CONTENT_BYTES)
    lead = (
        f"{r.choice(CAPITALS).upper()}, {r.choice(MONTHS)} {r.randint(1, 28)} — "
        f"{_paragraph(r, language, r.randint(2, 3))}"
    )
    parts = [f"<p><strong>{lead}</strong></p>"]
    size = len(parts[0].encode())
    while size < target:
        roll = r.random()
        if roll < 0.08:
            piece = (
                f'<figure><img src="https://{site}.example/img/{serial}-{size}.jpg" '
                f'alt=""><figcaption>Photo: {html.escape(r.choice(PLACES))}, '
                f"{r.choice(MONTHS)} {r.randint(2019, 2025)}</figcaption></figure>"
            )
        elif roll < 0.14:
            piece = f"<blockquote><p>{_paragraph(r, language, 1)}</p></blockquote>"
        elif roll < 0.18 and language == "en":
            piece = f"<h3>{html.escape(upper_first(r.choice(TOPICS)))}</h3>"
        else:
            piece = f"<p>{_paragraph(r, language, r.randint(2, 4))}</p>"
        parts.append(piece)
        size += len(piece.encode())
    if r.random() < 0.5:
        # Site chrome that the cleaner removes by rule (and, repeated, learns per site).
        parts.append(f"<p>Follow {site} on Telegram for breaking news.</p>")
    if r.random() < 0.2:
        parts.append('<p>Read also: <a href="/news">more stories</a></p>')
    plain_lead = html_to_plain(lead)
    return "\n".join(parts), plain_lead


def html_to_plain(fragment: str) -> str:
    # Only for the generated teaser: the fragment holds <a> and <em> at most.
    out, inside = [], False
    for char in fragment:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
        elif not inside:
            out.append(char)
    return "".join(out)


def _title(r: random.Random, language: str) -> str:
    if language == "ru":
        return f"{r.choice(RU_HEADLINES)} {r.choice(RU_TOPICS)}"
    if language == "hy":
        return f"{r.choice(HY_HEADLINES)} {r.randint(2, 30)}-րդ փուլում"
    return r.choice(EN_HEADLINES)(r)


def generate_items(r: random.Random, site: str, feed_no: int) -> list[Item]:
    items = []
    newest = NEWEST_ITEM - timedelta(minutes=feed_no * 7)
    for serial in range(ITEMS_PER_FEED):
        roll = r.random()
        language = (
            "ru"
            if roll < RUSSIAN_SHARE
            else ("hy" if roll < RUSSIAN_SHARE + ARMENIAN_SHARE else "en")
        )
        content, lead = _content(r, language, site, serial)
        teaser = lead[: r.randint(140, 260)].rsplit(" ", 1)[0] + " […]"
        story = 4000 + feed_no * 1000 + serial
        items.append(
            Item(
                guid=f"https://{site}.example/news/{story}" if feed_no % 2 else f"{site}-{story}",
                link=f"https://{site}.example/news/{story}-{r.choice(PLACES).lower().replace(' ', '-')}"
                f"?utm_source=rss&utm_medium=feed",
                title=_title(r, language),
                author=r.choice(
                    [
                        "Anna Hakobyan",
                        "Davit Sargsyan",
                        "Lilit Martirosyan",
                        "Ruben Ghazaryan",
                        "Irina Petrova",
                        "Editorial staff",
                    ]
                ),
                published=newest - timedelta(minutes=serial * r.randint(5, 40)),
                teaser=teaser,
                content_html=content,
                language=language,
            )
        )
    return items


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rss_document(title: str, site: str, items: list[Item]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{html.escape(title)}</title>",
        f"<link>https://{site}.example/</link>",
        f"<description>News from {html.escape(title)}</description>",
        "<language>en</language>",
        f"<lastBuildDate>{format_datetime(items[0].published)}</lastBuildDate>",
        f'<atom:link href="https://{site}.example/rss.xml" rel="self" type="application/rss+xml"/>',
    ]
    for item in items:
        permalink = "true" if item.guid.startswith("https://") else "false"
        out += [
            "<item>",
            f"<title>{html.escape(item.title)}</title>",
            f"<link>{html.escape(item.link)}</link>",
            f'<guid isPermaLink="{permalink}">{html.escape(item.guid)}</guid>',
            f"<dc:creator>{html.escape(item.author)}</dc:creator>",
            f"<pubDate>{format_datetime(item.published)}</pubDate>",
            f"<category>{'Politics' if item.language == 'en' else 'Regional'}</category>",
            f"<description>{html.escape(item.teaser)}</description>",
            f"<content:encoded>{_cdata(item.content_html)}</content:encoded>",
            "</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def atom_document(title: str, site: str, items: list[Item]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"<title>{html.escape(title)}</title>",
        f'<link href="https://{site}.example/"/>',
        f'<link rel="self" href="https://{site}.example/atom.xml"/>',
        f"<id>tag:{site}.example,2026:feed</id>",
        f"<updated>{items[0].published.isoformat()}</updated>",
    ]
    for item in items:
        lang = f' xml:lang="{item.language}"' if item.language != "en" else ""
        out += [
            f"<entry{lang}>",
            f"<title>{html.escape(item.title)}</title>",
            f'<link rel="alternate" type="text/html" href="{html.escape(item.link)}"/>',
            f"<id>tag:{site}.example,2026:{html.escape(item.guid)}</id>",
            f"<author><name>{html.escape(item.author)}</name></author>",
            f"<published>{item.published.isoformat()}</published>",
            f"<updated>{item.published.isoformat()}</updated>",
            f'<summary type="text">{html.escape(item.teaser)}</summary>',
            f'<content type="html">{html.escape(item.content_html)}</content>',
            "</entry>",
        ]
    out += ["</feed>", ""]
    return "\n".join(out).encode("utf-8")


def generate_feeds(seed: int = SEED) -> list[FeedDoc]:
    r = random.Random(seed)
    docs = []
    for number, (title, site) in enumerate(SOURCES[: RSS_FEEDS + ATOM_FEEDS]):
        items = generate_items(r, site, number)
        if number < RSS_FEEDS:
            docs.append(
                FeedDoc(
                    f"/{site}/rss.xml",
                    "rss",
                    title,
                    rss_document(title, site, items),
                    "application/rss+xml; charset=utf-8",
                    len(items),
                )
            )
        else:
            docs.append(
                FeedDoc(
                    f"/{site}/atom.xml",
                    "atom",
                    title,
                    atom_document(title, site, items),
                    "application/atom+xml; charset=utf-8",
                    len(items),
                )
            )
    return docs
