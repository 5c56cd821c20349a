"""Feeds and pages in legacy and wide charsets, served without a charset in the header,
are stored readable and found by /search in their own script."""

from __future__ import annotations

import time
from email.utils import formatdate
from pathlib import Path

import pytest

from bot.render import plain_text
from news.charset import decode
from news.parse import parse_feed
from testkit.botkit import BotHarness
from testkit.feedserver import FeedServer

RUSSIAN = (
    "Министр иностранных дел Армении провёл переговоры в Москве. Стороны обсудили "
    "поставки зерна и транзит грузовиков через Верхний Ларс."
)
ARMENIAN = "Հայաստանի արտաքին գործերի նախարարը բանակցություններ է վարել Մոսկվայում։"


def _page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>Новости</title></head><body>"
        f"<nav>Главная | Политика</nav><article><h1>Переговоры</h1><p>{body}</p>"
        f"<p>{body}</p></article></body></html>"
    )


def _rss(items: list[tuple[str, str, str, str]], declaration: str) -> str:
    """items: (guid, title, description, link)."""
    stamp = formatdate(time.time() - 600, usegmt=True)
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>"
        f"<description>{text}</description><pubDate>{stamp}</pubDate></item>"
        for guid, title, text, link in items
    )
    return (
        f'{declaration}<rss version="2.0"><channel><title>Лента</title>'
        f"<link>http://news.example/</link><language>ru</language>{entries}</channel></rss>"
    )


@pytest.mark.parametrize(
    ("encoding", "head"),
    [
        ("cp1251", '<meta charset="windows-1251">'),
        ("cp1251", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
        ("cp1251", ""),
        ("koi8-r", '<meta charset="koi8-r">'),
        ("koi8-r", ""),
        ("utf-16", ""),
        ("utf-16-le", ""),
        ("utf-16-be", ""),
        ("utf-8", ""),
    ],
)
def test_pages_decode_by_bom_declaration_or_detection(encoding: str, head: str) -> None:
    decoded = decode(_page(RUSSIAN, head).encode(encoding), "text/html")
    assert RUSSIAN in decoded.text
    assert "\ufffd" not in decoded.text


def test_header_charset_wins_over_a_stale_declaration() -> None:
    body = _page(RUSSIAN, '<meta charset="iso-8859-1">').encode("koi8-r")
    decoded = decode(body, "text/html; charset=KOI8-R")
    assert (decoded.encoding, decoded.source) == ("koi8-r", "header")
    assert RUSSIAN in decoded.text


def test_valid_utf8_beats_a_legacy_label() -> None:
    body = _page(ARMENIAN, '<meta charset="windows-1251">').encode("utf-8")
    assert ARMENIAN in decode(body, "text/html").text
    assert ARMENIAN in decode(body, "text/html; charset=windows-1251").text


def test_a_wrong_header_label_does_not_produce_replacement_characters() -> None:
    body = _page(RUSSIAN).encode("cp1251")
    decoded = decode(body, "text/html; charset=utf-8")
    assert RUSSIAN in decoded.text and decoded.source == "detected"


@pytest.mark.parametrize(
    ("encoding", "declaration"),
    [
        ("cp1251", '<?xml version="1.0" encoding="windows-1251"?>'),
        ("cp1251", ""),
        ("koi8-r", '<?xml version="1.0" encoding="KOI8-R"?>'),
        ("koi8-r", '<?xml version="1.0"?>'),
        ("utf-16", '<?xml version="1.0" encoding="UTF-16"?>'),
    ],
)
def test_feeds_without_header_charset_parse_in_their_charset(
    encoding: str, declaration: str
) -> None:
    doc = _rss([("g1", "Переговоры в Москве", RUSSIAN, "http://news.example/1")], declaration)
    feed = parse_feed(doc.encode(encoding), url="http://news.example/rss", content_type="text/xml")
    assert feed.error is None
    assert feed.title == "Лента"
    assert feed.entries[0].title == "Переговоры в Москве"
    assert RUSSIAN in (feed.entries[0].summary_html or "")


async def test_legacy_charset_feeds_and_pages_are_found_by_search_in_cyrillic(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    # Each page's body holds a word its feed teaser lacks, so a hit proves the page itself
    # was decoded right, not only the feed.
    pages = {
        "/cp1251.html": ("cp1251", '<meta charset="windows-1251">', "виноградники"),
        "/koi8.html": ("koi8-r", "", "абрикосовые"),
        "/utf16.html": ("utf-16", "", "пограничники"),
    }
    for path, (encoding, head, word) in pages.items():
        body = _page(f"{RUSSIAN} Об этом рассказали {word} региона.", head)
        feed_server.add(path, body.encode(encoding), content_type="text/html")
    teasers = [
        (f"p{n}", f"Статья {n}", "Коротко о переговорах…", feed_server.url(path))
        for n, path in enumerate(pages)
    ]
    feeds = {
        "/declared-1251.xml": (
            "cp1251",
            '<?xml version="1.0" encoding="windows-1251"?>',
            [("a1", "Зерно и транзит", "Поставки зерна продолжатся весной.", "http://a/1")],
        ),
        "/bare-1251.xml": (
            "cp1251",
            "",
            [("b1", "Ереван и Тбилиси", "Делегации встретились в Тбилиси.", "http://b/1")],
        ),
        "/koi8.xml": (
            "koi8-r",
            "",
            [("c1", "Урожай абрикосов", "Фермеры ожидают рекордный урожай.", "http://c/1")],
        ),
        "/utf16.xml": ("utf-16", '<?xml version="1.0" encoding="UTF-16"?>', teasers),
    }
    for path, (encoding, declaration, items) in feeds.items():
        feed_server.add(path, _rss(items, declaration).encode(encoding), content_type="text/xml")
    bot = await BotHarness.start(
        tmp_path, feeds=[feed_server.url(p) for p in feeds], allow_private_network=True
    )
    try:
        await bot.ingest()
        for query, title in [
            ("зерна", "Зерно и транзит"),
            ("Тбилиси", "Ереван и Тбилиси"),
            ("урожай", "Урожай абрикосов"),
            ("виноградники", "Статья 0"),
            ("абрикосовые", "Статья 1"),
            ("пограничники", "Статья 2"),
        ]:
            [reply] = await bot.send(f"/search {query}")
            found = plain_text(reply.text)
            assert title in found, (query, found)
            assert "\ufffd" not in found
    finally:
        await bot.stop()
