"""Ingest throughput: the real polling pass against feedparser alone.

Run from the repository root:

    .venv/bin/python -m bench.ingest               # the figures
    .venv/bin/python -m bench.ingest --profile     # plus cProfile of one pipeline pass

Run time is about 3 x (pipeline + feedparser) plus a breakdown pass over a fifth of the
feeds: some 30 s when the pipeline meets its target, longer while it does not.

It generates 5,000 entries with full article HTML (no page fetches), serves them on
loopback with `testkit/feedserver.py` and times:

* pipeline: `services.ingestor.poll_all(only_due=False)` on a fresh SQLite file per repeat
  (fetch, parse, clean, normalize, dedupe keys, topics, store);
* feedparser: `feedparser.parse(body)` on the same bytes, the floor the pipeline is held to;
* breakdown: the same stages called one by one (fetch, parse_feed, html_to_text, keys,
  build_article, topic matching, storage) on every 5th feed (4 RSS + 1 Atom, 1,000
  entries), to see where the time goes; costs per entry are scaled to the 5,000.

Exit status 1 only when the pipeline did not store exactly one article per entry.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import html
import io
import os
import platform
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import feedparser

from bench import pgscratch
from bot.ingest import BOILERPLATE_MAX_LINE, BOILERPLATE_MIN_ARTICLES, FEED_CONCURRENCY
from bot.services import Services, open_services
from bot.settings import Settings
from news.article import build_article
from news.clean import html_to_text, line_key
from news.dedupe import guid_key, url_key
from news.extract import needs_page
from news.models import Article
from news.normalize import canonical_url
from news.parse import parse_feed
from storage import articles as article_store
from storage import chats as chat_store
from storage import feeds as feed_store
from testkit.feedserver import FeedServer

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

TARGET_RATE = 1000.0  # entries per second, on 2 cores
TARGET_RATIO = 2.0  # pipeline time at most this many times feedparser.parse alone


# --- synthetic regional news -----------------------------------------------------------------

SOURCES = [
    ("Yerevan Herald", "yerevanherald"),
    ("Caucasus Wire", "caucasuswire"),
    ("Kavkaz Today", "kavkaztoday"),
    ("Ararat Daily", "araratdaily"),
    ("Syunik Post", "syunikpost"),
    ("Lori Observer", "loriobserver"),
    ("Gyumri Times", "gyumritimes"),
    ("South Caucasus Monitor", "scmonitor"),
    ("Sevan Bulletin", "sevanbulletin"),
    ("Tavush Report", "tavushreport"),
    ("Regional Security Review", "secreview"),
    ("Eurasia Ledger", "eurasialedger"),
    ("Border Line News", "borderline"),
    ("Caspian Courier", "caspiancourier"),
    ("Black Sea Brief", "blacksea"),
    ("Zangezur Mail", "zangezurmail"),
    ("Vanadzor Voice", "vanadzor"),
    ("Dilijan Dispatch", "dilijan"),
    ("Ashtarak Chronicle", "ashtarak"),
    ("Meghri Gazette", "meghri"),
    ("Transit Economy", "transiteco"),
    ("Kura Press", "kurapress"),
    ("Aragats Radio", "aragats"),
    ("Highland Wire", "highland"),
    ("Lake Sevan Online", "sevanonline"),
]

ACTORS = [
    "Armenia",
    "Azerbaijan",
    "Russia",
    "the EU",
    "the CSTO",
    "Georgia",
    "Iran",
    "Turkey",
    "the European Union",
    "Kazakhstan",
    "Belarus",
    "the United States",
    "France",
    "India",
]
CAPITALS = ["Yerevan", "Baku", "Moscow", "Brussels", "Tbilisi", "Tehran", "Ankara", "Astana"]
PLACES = [
    "Syunik",
    "Tavush",
    "Gyumri",
    "Vanadzor",
    "Meghri",
    "Upper Lars",
    "Ijevan",
    "Goris",
    "Kapan",
    "Sevan",
    "Jermuk",
    "Dilijan",
    "Armavir",
    "Ararat valley",
    "Bagratashen",
]
OFFICIALS = [
    "Deputy Foreign Minister Anna Petrosyan",
    "Economy Minister Gevorg Papoyan",
    "central bank governor Martin Galstyan",
    "Security Council secretary Armen Grigoryan",
    "Kremlin spokesman Dmitry Peskov",
    "EU envoy Toivo Klaar",
    "a government spokeswoman",
    "Foreign Minister Ararat Mirzoyan",
    "a CSTO spokesman",
    "Defence Minister Suren Papikyan",
    "an EU monitoring mission officer",
    "a senior diplomat",
    "the deputy prime minister",
]
TOPICS = [
    "border delimitation",
    "a peace treaty draft",
    "the gas supply contract",
    "railway reopening",
    "electricity exports",
    "customs procedures",
    "visa liberalisation",
    "the national budget",
    "inflation expectations",
    "grain imports",
    "wine exports",
    "the Upper Lars checkpoint",
    "transit corridors",
    "the Metsamor nuclear plant",
    "military drills",
    "the observer mission",
    "remittance flows",
    "mining licences",
    "a road construction loan",
    "energy tariffs",
    "water sharing on the Araks",
]
VERBS = [
    "discussed",
    "signed a memorandum on",
    "postponed talks on",
    "reached agreement on",
    "traded accusations over",
    "announced a review of",
    "set up a working group on",
    "published figures on",
    "called for progress on",
    "raised concerns about",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
UNITS = [
    "million dollars",
    "billion drams",
    "percent",
    "tonnes",
    "trucks a day",
    "million cubic metres",
    "megawatt hours",
    "passengers a week",
]
CHANGES = ["rose", "fell", "edged up", "dropped sharply", "stayed flat", "nearly doubled"]
HEADLINE_VERBS = [
    "weighs",
    "rejects",
    "backs",
    "delays",
    "eyes",
    "questions",
    "signs off on",
    "resumes talks on",
    "warns over",
    "reviews",
]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


EN_SENTENCES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"{r.choice(ACTORS)} and {r.choice(ACTORS)} {r.choice(VERBS)} "
        f"{r.choice(TOPICS)} on {r.choice(DAYS)}, {r.choice(OFFICIALS)} told reporters "
        f"in {r.choice(CAPITALS)}."
    ),
    lambda r: (
        f"According to the statistics committee, {r.choice(TOPICS)} figures "
        f"{r.choice(CHANGES)} to {r.randint(2, 980)}.{r.randint(0, 9)} "
        f"{r.choice(UNITS)} in {r.choice(MONTHS)}, compared with "
        f"{r.randint(2, 980)} a year earlier."
    ),
    lambda r: (
        f"The talks in {r.choice(CAPITALS)} are the {r.randint(3, 40)}th round since "
        f"{r.randint(2019, 2025)}, and officials expect the next one in "
        f"{r.choice(MONTHS)}."
    ),
    lambda r: (
        f"Residents of {r.choice(PLACES)} said the changes had already affected "
        f"{r.choice(TOPICS)}, with local traders reporting {r.randint(5, 60)} percent "
        f"fewer customers."
    ),
    lambda r: (
        f"Analysts note that the economy of {r.choice(ACTORS)} depends heavily on "
        f"{r.choice(TOPICS)}, and that the central bank may revise its growth forecast "
        f"to {r.randint(1, 9)}.{r.randint(0, 9)} percent."
    ),
    lambda r: (
        f"{_upper_first(r.choice(OFFICIALS))} said the CSTO had not responded to "
        f"requests concerning {r.choice(PLACES)} for {r.randint(2, 30)} months."
    ),
    lambda r: (
        f"The EU mission, which has patrolled near {r.choice(PLACES)} since "
        f"{r.randint(2021, 2024)}, recorded {r.randint(3, 400)} patrols last quarter."
    ),
    lambda r: (
        f"Russian and Armenian delegations met for {r.randint(2, 9)} hours, and a "
        f"joint statement on {r.choice(TOPICS)} is expected by {r.choice(DAYS)}."
    ),
    lambda r: (
        f"Opposition lawmakers in {r.choice(CAPITALS)} demanded that the government "
        f"publish the text on {r.choice(TOPICS)} before {r.choice(MONTHS)} "
        f"{r.randint(1, 28)}."
    ),
    lambda r: (
        f"Azerbaijan's foreign ministry said {r.choice(TOPICS)} would be discussed "
        f'"in good faith", while {r.choice(OFFICIALS)} called the proposal '
        f"<em>premature</em>."
    ),
    lambda r: (
        f"Trade between {r.choice(ACTORS)} and {r.choice(ACTORS)} reached "
        f"{r.randint(100, 9000)} {r.choice(UNITS)} over {r.randint(2, 11)} months, "
        f"customs data show."
    ),
    lambda r: (
        f"In {r.choice(PLACES)}, {r.randint(12, 4000)} people signed a petition about "
        f"{r.choice(TOPICS)}, organisers said on {r.choice(DAYS)}."
    ),
]

RU_ACTORS = ["Армения", "Азербайджан", "Россия", "ОДКБ", "Евросоюз", "Грузия", "Иран"]
RU_TOPICS = [
    "делимитации границы",
    "поставках газа",
    "экономике региона",
    "бюджете",
    "инфляции",
    "транзитных коридорах",
    "товарообороте",
    "экспорте коньяка",
    "работе пункта пропуска Верхний Ларс",
    "учениях ОДКБ",
]
RU_SENTENCES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"{r.choice(RU_ACTORS)} и {r.choice(RU_ACTORS)} обсудили вопрос о "
        f"{r.choice(RU_TOPICS)}, сообщили в Ереване в {r.choice(['понедельник', 'среду', 'пятницу'])}."
    ),
    lambda r: (
        f"По данным статистического комитета, показатель вырос на "
        f"{r.randint(1, 40)},{r.randint(0, 9)} процента за {r.randint(2, 11)} месяцев."
    ),
    lambda r: (
        f"Представитель Кремля заявил, что Москва готова продолжить переговоры о "
        f"{r.choice(RU_TOPICS)} «в ближайшие недели»."
    ),
    lambda r: (
        f"Жители города {r.choice(['Гюмри', 'Ванадзор', 'Капан', 'Горис', 'Мегри'])} "
        f"говорят, что цены за {r.randint(2, 12)} месяцев выросли на "
        f"{r.randint(3, 30)} процентов."
    ),
    lambda r: (
        f"Центробанк Армении сохранил ставку на уровне {r.randint(6, 12)},"
        f"{r.randint(0, 75)} процента, отметив замедление инфляции."
    ),
]
HY_SENTENCES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"Հայաստանը և Ադրբեջանը {r.randint(3, 30)}-րդ անգամ քննարկել են սահմանների "
        f"սահմանազատման հարցը, հայտնել են Երևանում։"
    ),
    lambda r: (
        f"Կենտրոնական բանկը վերանայել է տնտեսության աճի կանխատեսումը՝ "
        f"{r.randint(3, 9)},{r.randint(0, 9)} տոկոս։"
    ),
    lambda r: (
        f"ՀԱՊԿ-ի ներկայացուցիչը {r.randint(2, 20)} ամիս շարունակ չի արձագանքել Հայաստանի դիմումին։"
    ),
    lambda r: (
        f"Եվրամիությունը {r.randint(2, 90)} միլիոն եվրո կհատկացնի "
        f"{r.choice(['Սյունիքի', 'Տավուշի', 'Լոռու', 'Շիրակի'])} ճանապարհների համար։"
    ),
    lambda r: (
        f"Ռուսաստանի հետ առևտուրը {r.randint(2, 11)} ամսում աճել է "
        f"{r.randint(3, 40)} տոկոսով, նշում են փորձագետները։"
    ),
]
EN_HEADLINES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"{_upper_first(r.choice(ACTORS).removeprefix('the '))} "
        f"{r.choice(HEADLINE_VERBS)} {r.choice(TOPICS)}"
    ),
    lambda r: (
        f"{r.choice(PLACES)}: {r.choice(TOPICS)} {r.choice(['in focus', 'stalls', 'moves ahead'])}"
    ),
    lambda r: (
        f"{r.choice(['Economy', 'Inflation', 'Exports', 'Budget'])} "
        f"{r.choice(CHANGES)} as {r.choice(ACTORS)} {r.choice(HEADLINE_VERBS)} "
        f"{r.choice(TOPICS)}"
    ),
]
RU_HEADLINES = [
    "Ереван и Баку обсудили",
    "ОДКБ ответила Армении о",
    "Москва заявила о",
    "Евросоюз выделит средства на",
    "Экономика Армении: данные о",
]
HY_HEADLINES = [
    "Հայաստանը քննարկում է",
    "ՀԱՊԿ-ը լռում է",
    "Եվրամիությունը աջակցում է",
    "Տնտեսության աճը և",
]


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
            piece = f"<h3>{html.escape(_upper_first(r.choice(TOPICS)))}</h3>"
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


# --- measurements ----------------------------------------------------------------------------


@dataclass
class PipelinePass:
    seconds: float
    cpu: float  # process CPU time, all threads (event loop, SQLite, feed server)
    stored: int
    errors: list[str]


# --database URL: each pass runs in a scratch schema on that PostgreSQL server.
DATABASE_URL: str | None = None


@contextmanager
def _database(path: Path) -> Iterator[Path | str]:
    """Where one pass stores its articles: a fresh SQLite file, or with --database a fresh
    schema on the PostgreSQL server, dropped after the pass."""
    if DATABASE_URL is None:
        yield path
        return
    with pgscratch.scratch(DATABASE_URL) as scoped:
        yield scoped


def _settings(database: Path | str, urls: list[str]) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, database=database, feeds=urls, allow_private_network=True
    )


async def pipeline_pass(database: Path | str, urls: list[str], *, followed: bool) -> PipelinePass:
    services = await open_services(_settings(database, urls))
    try:
        # A running bot keeps its worker processes; starting them is not per-poll work.
        await services.ingestor.warm_up()
        if followed:
            await _follow_every_topic(services)
        started, cpu_started = time.perf_counter(), time.process_time()
        outcomes = await services.ingestor.poll_all(only_due=False)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        stored = await article_store.count_articles(services.db)
    finally:
        await services.close()
    errors = [
        f"{o.url}: status={o.status} new={o.new} duplicates={o.duplicates} error={o.error}"
        for o in outcomes
        if o.status != "new" or o.new != ITEMS_PER_FEED
    ]
    if len(outcomes) != len(urls):
        errors.append(f"{len(outcomes)} outcomes for {len(urls)} feeds")
    return PipelinePass(seconds, cpu, stored, errors)


async def _follow_every_topic(services: Services) -> None:
    """One chat following every topic: new articles are then linked to stories and queued
    for it, as on a bot with readers."""
    now = services.now()
    await chat_store.register_chat(
        services.db, 1, chat_type="private", title="", thread_id=None, language="en", now=now
    )
    for topic in services.topics.topics:
        await chat_store.subscribe(services.db, 1, topic.id, now=now)


def feedparser_pass(docs: list[FeedDoc]) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    entries = sum(len(feedparser.parse(doc.body).entries) for doc in docs)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    if entries != TOTAL_ENTRIES:
        raise SystemExit(f"feedparser read {entries} entries, expected {TOTAL_ENTRIES}")
    return seconds, cpu


@dataclass
class Stages:
    entries: int = 0
    seconds: Counter[str] = field(default_factory=Counter)

    def per_entry(self, name: str) -> float:
        return self.seconds[name] / self.entries if self.entries else 0.0

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started


STAGE_ORDER = [
    ("fetch", "HTTP over loopback (news.fetch.Fetcher, 8 at a time)"),
    ("parse", "news.parse.parse_feed (feedparser + RawEntry)"),
    ("html_to_text", "news.clean.html_to_text (summary + content)"),
    ("keys", "guid/url keys, needs_page, line keys (bot.ingest)"),
    ("build", "news.article.build_article (clean, teaser, lang, keys)"),
    ("topics", "TopicCatalog.match"),
    ("storage", "known_keys + learned_boilerplate + store_articles + record_success"),
]


async def breakdown_pass(database: Path | str, urls: list[str]) -> Stages:
    """The pass of `Ingestor._poll` stage by stage, sequentially (fetches excepted)."""
    stages = Stages()
    services = await open_services(_settings(database, urls))
    try:
        feeds = await feed_store.list_feeds(services.db)
        with stages.timed("fetch"):
            results = await _fetch_all(services, [feed.url for feed in feeds])
        for feed, result in zip(feeds, results, strict=True):
            if not result.ok:
                raise SystemExit(f"breakdown: fetch of {feed.url} failed: {result.error}")
            await _breakdown_feed(services, stages, feed, result)
    finally:
        await services.close()
    return stages


async def _fetch_all(services: Services, urls: list[str]) -> list[Any]:
    limit = asyncio.Semaphore(FEED_CONCURRENCY)

    async def one(url: str) -> Any:
        async with limit:
            return await services.fetcher.fetch(url)

    return await asyncio.gather(*(one(url) for url in urls))


async def _breakdown_feed(services: Services, stages: Stages, feed: Any, result: Any) -> None:
    now = int(time.time())
    with stages.timed("parse"):
        parsed = parse_feed(
            result.body, url=result.final_url or feed.url, content_type=result.content_type
        )
    entries = parsed.entries
    with stages.timed("keys"):
        guid_keys = [k for e in entries if (k := guid_key(feed.url, e.guid)) is not None]
        url_keys = [url_key(canonical_url(e.link, feed.url)) for e in entries if e.link]
    with stages.timed("storage"):
        await article_store.known_keys(services.db, guid_keys=guid_keys, url_keys=url_keys)
    bodies = []
    for entry in entries:
        with stages.timed("html_to_text"):
            summary = html_to_text(entry.summary_html) if entry.summary_html else ""
            content = html_to_text(entry.content_html) if entry.content_html else ""
        with stages.timed("keys"):
            if needs_page(summary, content):
                raise SystemExit(f"breakdown: {entry.link} would need its page fetched")
        bodies.append(content or summary)
    with stages.timed("keys"):
        line_keys = [
            {
                line_key(line)
                for line in body.splitlines()
                if line.strip() and len(line) <= BOILERPLATE_MAX_LINE
            }
            for body in bodies
        ]
    with stages.timed("storage"):
        learned = await feed_store.learned_boilerplate(
            services.db, feed.id, min_articles=BOILERPLATE_MIN_ARTICLES
        )
    with stages.timed("keys"):
        batch = Counter(key for keys in line_keys for key in keys)
        learned |= {k for k, n in batch.items() if n >= BOILERPLATE_MIN_ARTICLES}
    articles: list[Article] = []
    for entry, body in zip(entries, bodies, strict=True):
        with stages.timed("build"):
            article = build_article(
                entry,
                feed_url=feed.url,
                feed_language=parsed.language,
                fetched_at=now,
                body_text=body,
                learned_boilerplate=learned,
            )
        if article is None:
            continue
        with stages.timed("topics"):
            article.topics = services.topics.match(article.title, article.body or article.teaser)
        articles.append(article)
    with stages.timed("storage"):
        stored = await article_store.store_articles(
            services.db,
            feed_id=feed.id,
            source=parsed.title,
            fetched_at=now,
            articles=articles,
            topic_ids=services.topics.ids_by_name,
            line_keys=line_keys,
        )
        await feed_store.record_success(
            services.db,
            feed.id,
            now=now,
            status="ok",
            next_fetch_at=now + 300,
            etag=result.etag,
            last_modified=result.last_modified,
            title=parsed.title or None,
            site_url=parsed.site_url,
            error=parsed.error,
        )
    stages.entries += len(stored.new_ids)
    if len(stored.new_ids) != ITEMS_PER_FEED:
        raise SystemExit(f"breakdown: {feed.url} stored {len(stored.new_ids)} articles")


# --- report ----------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Kilobytes on Linux, bytes on macOS.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(
    docs: list[FeedDoc],
    pipeline: list[float],
    parse: list[float],
    cpu: tuple[list[float], list[float]],
    stages: list[Stages],
    setup: list[float],
) -> None:
    total_bytes = sum(len(d.body) for d in docs)
    kinds = Counter(d.kind for d in docs)
    p_best, p_med = min(pipeline), statistics.median(pipeline)
    f_best, f_med = min(parse), statistics.median(parse)
    rate_best, rate_med = TOTAL_ENTRIES / p_best, TOTAL_ENTRIES / p_med
    ratio_best, ratio_med = p_best / f_best, p_med / f_med
    cpus = os.cpu_count() or 0
    print(
        f"ingest benchmark: {TOTAL_ENTRIES} entries in {len(docs)} feeds "
        f"({kinds['rss']} RSS 2.0, {kinds['atom']} Atom, {ITEMS_PER_FEED} items each), "
        f"{total_bytes / 1e6:.1f} MB of XML"
    )
    print(
        f"python {platform.python_version()}, feedparser {feedparser.__version__}, "
        f"{cpus} CPU(s), {len(pipeline)} repeats; times are best / median"
    )
    print()
    print(f"{'measurement':<34}{'best':>10}{'median':>10}   {'target':<22}result")
    print("-" * 84)
    print(f"{'pipeline poll_all (s)':<34}{p_best:>10.2f}{p_med:>10.2f}")
    print(
        f"{'pipeline entries/s':<34}{rate_best:>10.0f}{rate_med:>10.0f}   "
        f"{f'>= {TARGET_RATE:.0f}/s on 2 cores':<22}{_verdict(rate_med >= TARGET_RATE)}"
    )
    print(f"{'feedparser.parse alone (s)':<34}{f_best:>10.2f}{f_med:>10.2f}")
    print(
        f"{'feedparser entries/s':<34}{TOTAL_ENTRIES / f_best:>10.0f}{TOTAL_ENTRIES / f_med:>10.0f}"
    )
    print(
        f"{'pipeline / feedparser':<34}{ratio_best:>9.2f}x{ratio_med:>9.2f}x   "
        f"{f'<= {TARGET_RATIO:.1f}x':<22}{_verdict(ratio_med <= TARGET_RATIO)}"
    )
    p_cpu, f_cpu = cpu
    print(
        f"{'pipeline CPU s (all threads)':<34}{min(p_cpu):>10.2f}{statistics.median(p_cpu):>10.2f}"
    )
    print(f"{'feedparser CPU s':<34}{min(f_cpu):>10.2f}{statistics.median(f_cpu):>10.2f}")
    print(
        f"{'CPU ratio pipeline / feedparser':<34}{min(p_cpu) / min(f_cpu):>9.2f}x"
        f"{statistics.median(p_cpu) / statistics.median(f_cpu):>9.2f}x   "
        "(steadier than wall time on a busy machine)"
    )
    print(
        f"{'pipeline ms per feed (200 entries)':<34}{p_best / len(docs) * 1e3:>10.0f}"
        f"{p_med / len(docs) * 1e3:>10.0f}"
    )
    print(
        f"{'setup + teardown, untimed (s)':<34}{min(setup):>10.2f}{statistics.median(setup):>10.2f}"
    )
    if stages:
        print()
        sample = stages[0].entries
        print(
            f"breakdown: the same stages called one by one, one feed at a time, on {sample} "
            f"entries (median of {len(stages)}); s = µs/entry x {TOTAL_ENTRIES}, share of "
            f"the pipeline median"
        )
        print(f"{'stage':<14}{'s':>7}{'share':>8}{'µs/entry':>10}   what")
        print("-" * 84)
        total = 0.0
        for name, what in STAGE_ORDER:
            seconds = statistics.median(s.per_entry(name) for s in stages) * TOTAL_ENTRIES
            total += seconds
            print(
                f"{name:<14}{seconds:>7.2f}{seconds / p_med:>8.0%}"
                f"{seconds / TOTAL_ENTRIES * 1e6:>10.0f}   {what}"
            )
        rest = p_med - total
        print(f"{'sum':<14}{total:>7.2f}{total / p_med:>8.0%}{total / TOTAL_ENTRIES * 1e6:>10.0f}")
        print(
            f"{'unaccounted':<14}{rest:>7.2f}{rest / p_med:>8.0%}"
            f"{rest / TOTAL_ENTRIES * 1e6:>10.0f}   "
            "pipeline minus sum: event loop, thread hand-offs (< 0 when the "
            "pipeline overlaps waits with other feeds' work)"
        )
    print()
    print(f"peak RSS: {_peak_rss_mb():.0f} MB")


def _profile(database: Path, urls: list[str]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    result = asyncio.run(pipeline_pass(database, urls, followed=False))
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print()
    print(
        f"cProfile of one pipeline pass ({result.seconds:.2f} s under the profiler), "
        "top 25 by cumulative time"
    )
    print(out.getvalue())


def _widen_backlog(server: FeedServer) -> None:
    # socketserver listens with a backlog of 5; the ingestor opens 8 connections at once, and
    # the SYNs that overflow are retried a second later: a 1 s stall that is not the code's.
    http_server = getattr(server, "_server", None)
    if http_server is not None:
        http_server.socket.listen(128)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument(
        "--breakdown", type=int, default=1, metavar="N", help="stage-by-stage passes (0: none)"
    )
    parser.add_argument(
        "--breakdown-every",
        type=int,
        default=5,
        metavar="K",
        help="break down every K-th feed (1: all; each pass then costs about "
        "as much as a pipeline pass)",
    )
    parser.add_argument(
        "--followed",
        action="store_true",
        help="a chat follows every topic: stories are linked and pushes queued, as on a "
        "bot with readers (without it no topic is followed)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one pipeline pass (cProfile, top 25 cumulative)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="store on this PostgreSQL server (each pass in a scratch schema, dropped "
        "after it) instead of a fresh SQLite file",
    )
    args = parser.parse_args(argv)
    global DATABASE_URL
    DATABASE_URL = args.database
    if args.repeat < 1 or args.breakdown_every < 1:
        parser.error("--repeat and --breakdown-every must be at least 1")

    docs = generate_feeds()
    pipeline: list[float] = []
    parse: list[float] = []
    pipeline_cpu: list[float] = []
    parse_cpu: list[float] = []
    stages: list[Stages] = []
    setup: list[float] = []
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp, FeedServer() as server:
        _widen_backlog(server)
        for doc in docs:
            server.add(doc.path, doc.body, content_type=doc.content_type)
        urls = [server.url(doc.path) for doc in docs]
        for run in range(args.repeat):
            started = time.perf_counter()
            with _database(Path(tmp) / f"bench-{run}.db") as database:
                result = asyncio.run(pipeline_pass(database, urls, followed=args.followed))
            setup.append(time.perf_counter() - started - result.seconds)
            if result.stored != TOTAL_ENTRIES or result.errors:
                print(
                    f"FAIL: pipeline run {run + 1} stored {result.stored} articles, "
                    f"expected {TOTAL_ENTRIES}",
                    file=sys.stderr,
                )
                for line in result.errors[:20]:
                    print(f"  {line}", file=sys.stderr)
                return 1
            pipeline.append(result.seconds)
            pipeline_cpu.append(result.cpu)
            parse_seconds, parse_seconds_cpu = feedparser_pass(docs)
            parse.append(parse_seconds)
            parse_cpu.append(parse_seconds_cpu)
            if run < args.breakdown:
                sample = urls[:: args.breakdown_every]
                with _database(Path(tmp) / f"parts-{run}.db") as database:
                    stages.append(asyncio.run(breakdown_pass(database, sample)))
        report(docs, pipeline, parse, (pipeline_cpu, parse_cpu), stages, setup)
        if args.profile:
            _profile(Path(tmp) / "profile.db", urls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
