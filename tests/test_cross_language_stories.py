"""One event, one story, across outlets and languages, through the real bot: five feeds on
loopback (an English regional outlet, an English wire sharing one of its sentences, a
Russian outlet, an Armenian outlet on a related but different event, and an unrelated one),
ingested by the real pipeline, asked for through the Application."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from bot.local_api import SentMessage
from news.cluster import StoryItem, cluster_stories
from news.story_index import link_stories
from storage import articles as article_store
from testkit.botkit import BotHarness, Clock
from testkit.feedserver import FeedServer
from testkit.story_fixtures import story_item

# Each test runs on SQLite and on PostgreSQL (tests/conftest.py `backend`).
pytestmark = pytest.mark.usefixtures("backend")

NOW = 1_795_200_000
SHARED = (
    "The draft set out how members of the bloc would assist one another militarily after "
    "an attack on one of them."
)


def _item(item_id: int, hours_ago: float, source: str, title: str, text: str) -> StoryItem:
    host = "".join(ch for ch in source.lower() if ch.isascii() and ch.isalnum()) or "news"
    url = f"https://{host}.example/{item_id}"
    return story_item(item_id, hours_ago, source, title, text, url=url, now=NOW)


REGIONAL = _item(
    1,
    6,
    "Yerevan Regional",
    "Armenia Requests Removal of Assistance Document from CSTO Agenda",
    "Armenia has asked the CSTO to remove a document on military assistance to Armenia from "
    "the agenda of the bloc's meeting in Minsk on November 20, Foreign Minister Ararat "
    "Mirzoyan said.\n\n" + SHARED + "\n\n"
    "Mirzoyan said Yerevan no longer saw the point of the document.",
)
# The regional outlet's feed carries a teaser; the report is on its page, amid site clutter.
PAGE_PATH = "/yerevan-regional/armenia-csto-assistance-document.html"
TEASER = "Armenia asks the CSTO to drop a document on assistance…"
PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    f"<title>{REGIONAL.title} | Yerevan Regional</title></head><body>"
    "<div class='cookie'>We use cookies to improve your experience. Accept all</div>"
    "<header><nav><a href='/'>Home</a> <a href='/politics'>Politics</a> "
    "<a href='/society'>Society</a> <a href='/sport'>Sport</a></nav>"
    "<form><input placeholder='Search'></form></header>"
    f"<main><article><h1>{REGIONAL.title}</h1>"
    "<p class='byline'>By Lilit Sargsyan | 20 November 2026, 09:12</p>"
    + "".join(f"<p>{html.escape(p)}</p>" for p in REGIONAL.text.split("\n\n"))
    + "<div class='share'>Share on Facebook | Share on X | Print</div></article>"
    "<aside><h3>Related</h3><ul><li><a href='/a'>CSTO explained</a></li>"
    "<li><a href='/b'>Ten years of the Eurasian Union</a></li></ul></aside></main>"
    "<footer>© 2026 Yerevan Regional. All rights reserved. Subscribe to our newsletter."
    "</footer></body></html>"
)
WIRE = _item(
    2,
    5,
    "Eurasia Wire",
    "Yerevan pulls request for bloc aid package ahead of Minsk talks",
    "MINSK, Nov 20 (Eurasia Wire) - Armenian Foreign Minister Ararat Mirzoyan told the "
    "Collective Security Treaty Organization to drop the assistance paper from the agenda "
    "in Minsk.\n\n" + SHARED + "\n\n"
    "Diplomats in Minsk said the secretariat had received Mirzoyan's letter.",
)
RUSSIAN = _item(
    3,
    4,
    "Новости Кавказа",
    "Армения попросила ОДКБ убрать с повестки документ о помощи",
    "Глава МИД Армении Арарат Мирзоян попросил ОДКБ исключить из повестки встречи в Минске "
    "20 ноября документ о военной помощи Армении.\n\n"
    "В секретариате организации подтвердили получение письма Мирзояна.",
)
ARMENIAN = _item(
    4,
    3,
    "Լուրեր Օնլայն",
    "Փաշինյանը չի մասնակցի Մինսկի գագաթնաժողովին",
    "Վարչապետ Նիկոլ Փաշինյանը չի մասնակցի ՀԱՊԿ-ի գագաթնաժողովին, որը նոյեմբերի 27-ին "
    "կկայանա Մինսկում, հայտնել է նրա մամուլի քարտուղարը։\n\n"
    "Փաշինյանը նախկինում էլ բաց է թողել կազմակերպության միջոցառումները։",
)
OTHER = _item(
    5,
    2,
    "Syunik Today",
    "Landslide blocks M2 highway near Kajaran",
    "A landslide blocked the M2 highway near Kajaran on Friday, rescuers said. Nobody was "
    "hurt and traffic was diverted through Goris.",
)
FEEDS = [(REGIONAL, "en"), (WIRE, "en"), (RUSSIAN, "ru"), (ARMENIAN, "hy"), (OTHER, "en")]


def rss(item: StoryItem, language: str, server: FeedServer, *, published: bool = True) -> bytes:
    """The outlet's feed: its one report, or (not yet published) none."""
    entry = ""
    if published:
        when = format_datetime(datetime.fromtimestamp(item.published_at, UTC))
        link = url_of(item, server)
        if item is REGIONAL:
            body = f"<description>{html.escape(TEASER)}</description>"
        else:
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in item.text.split("\n\n"))
            body = f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>"
        entry = (
            f"<item><guid>{link}</guid><title>{html.escape(item.title)}</title>"
            f"<link>{link}</link><pubDate>{when}</pubDate>{body}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{html.escape(item.source)}</title><link>https://example.org/</link>"
        f"<language>{language}</language>{entry}</channel></rss>"
    ).encode()


def url_of(item: StoryItem, server: FeedServer) -> str:
    return server.url(PAGE_PATH) if item is REGIONAL else item.url


@dataclass
class Room:
    bot: BotHarness
    server: FeedServer

    def publish_only(self, *items: StoryItem) -> None:
        for number, (item, language) in enumerate(FEEDS):
            self.server.add(
                f"/feed{number}.xml", rss(item, language, self.server, published=item in items)
            )

    def pushes(self, chat_id: int) -> list[SentMessage]:
        return [
            m
            for m in self.bot.telegram.sent
            if m.chat_id == chat_id and not m.edited and "<a href" in m.text
        ]


@pytest.fixture
async def room(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[Room]:
    for number, (item, language) in enumerate(FEEDS):
        feed_server.add(f"/feed{number}.xml", rss(item, language, feed_server))
    feed_server.add(PAGE_PATH, PAGE.encode(), content_type="text/html; charset=utf-8")
    harness = await BotHarness.start(
        tmp_path,
        feeds=[feed_server.url(f"/feed{number}.xml") for number in range(len(FEEDS))],
        clock=Clock(NOW),
        allow_private_network=True,
    )
    yield Room(harness, feed_server)
    await harness.stop()


async def test_one_event_in_two_languages_is_one_story_and_one_push(room: Room) -> None:
    await room.bot.send("/subscribe CSTO", user_id=5)
    await room.bot.ingest()
    await room.bot.drain()
    pushed = [p.plain for p in room.pushes(5)]
    # The assistance document (three reports, two languages): one push. The summit: one.
    assert len(pushed) == 2, pushed
    assert sum("Minsk talks" in p or "Assistance Document" in p or "ОДКБ" in p for p in pushed) == 1

    # The regional report was read from its page, without the page's clutter.
    stored = await article_store.latest(room.bot.services.db, limit=10)
    [regional] = [a for a in stored if a.title == REGIONAL.title]
    assert "document on military assistance" in regional.body
    for clutter in ("cookies", "Share on", "All rights reserved", "Politics", "Related"):
        assert clutter not in regional.body

    [brief] = await room.bot.send("/topic CSTO", user_id=6)
    stories = [b for b in brief.plain.split("\n\n") if b[:1].isdigit()]
    assert len(stories) == 2, brief.plain
    document = next(s for s in stories if "Փաշինյան" not in s.split("\n")[0])
    assert "3 sources · EN RU" in document
    summit = next(s for s in stories if s is not document)
    assert "Լուրեր Օնլայն" in summit and "sources" not in summit


def test_the_matchers_agree_on_the_scenario() -> None:
    items = [item for item, _ in FEEDS]
    stories = {frozenset(i.id for i in s.items) for s in cluster_stories(items)}
    assert stories == {frozenset({1, 2, 3}), frozenset({4}), frozenset({5})}
    assert set(link_stories(items, []).items()) <= {(2, 1), (3, 1), (3, 2)}
    assert set(link_stories(items, [])) == {2, 3}


BAD_INPUT = [
    _item(11, 5, "A", "Mir", ""),
    _item(12, 5, "B", "Bank", ""),
    _item(13, 5, "C", "Мир и банк", "Мир. Банк. Мир банк мир."),
    _item(14, 5, "D", "Mir Bank opens a branch in Gyumri", "Mir Bank opened a branch."),
    _item(15, 5, "E", "World Bank loan for roads", "The World Bank lent money for roads."),
    _item(16, 5, "F", "", ""),
    _item(17, 5, "G", "Ереван Yerevan Երևան", "Ереван Yerevan Երևան " * 5),
    _item(18, 5, "H", "Yerevan city council", "word " * 12_000),
    _item(19, 5, "I", "Yerevan marathon", "Runners filled Yerevan. " * 2_000),
]


def test_bad_input_never_glues_unrelated_articles() -> None:
    stories = cluster_stories(BAD_INPUT)
    assert all(len(story.items) == 1 for story in stories), [
        [i.id for i in s.items] for s in stories if len(s.items) > 1
    ]
    assert link_stories(BAD_INPUT, []) == {}


def numbered(message: SentMessage) -> list[str]:
    return [b for b in message.plain.split("\n\n") if b[:1].isdigit()]


async def test_latest_lists_each_story_once_with_its_reach(room: Room) -> None:
    await room.bot.ingest()
    [latest] = await room.bot.send("/latest", user_id=3)
    stories = numbered(latest)
    assert len(stories) == 3, latest.plain
    document = [s for s in stories if "more sources" in s]
    assert len(document) == 1 and "+2 more sources · EN RU" in document[0]
    assert sum(RUSSIAN.title in s or WIRE.title in s or REGIONAL.title in s for s in stories) == 1


async def test_a_later_report_in_another_language_is_not_pushed_again(room: Room) -> None:
    room.publish_only(REGIONAL)
    await room.bot.send("/subscribe CSTO", user_id=5)
    await room.bot.ingest()
    await room.bot.drain()
    assert [REGIONAL.title in p.plain for p in room.pushes(5)] == [True]
    # The Russian outlet and the wire tell the same event later: no second push.
    room.publish_only(REGIONAL, RUSSIAN, WIRE)
    await room.bot.ingest()
    await room.bot.drain()
    assert len(room.pushes(5)) == 1


async def test_a_reader_chooses_the_languages_of_articles(room: Room) -> None:
    [reply] = await room.bot.send("/languages ru", user_id=7)
    assert reply.plain == "You will receive and see articles in: Русский."
    [reply] = await room.bot.send("/languages hy", user_id=8)
    await room.bot.send("/subscribe CSTO", user_id=8)
    [wrong] = await room.bot.send("/languages fr", user_id=9)
    assert "Choose among en, ru and hy" in wrong.plain
    await room.bot.ingest()
    await room.bot.drain()
    # Pushes: only the Armenian report (the summit) reaches the Armenian reader.
    [push] = room.pushes(8)
    assert ARMENIAN.title in push.plain
    # A new follower's backlog keeps to the chosen languages too.
    await room.bot.send("/languages hy", user_id=10)
    await room.bot.send("/subscribe CSTO", user_id=10)
    await room.bot.drain()
    assert [ARMENIAN.title in p.plain for p in room.pushes(10)] == [True]
    # /latest and briefs: only Russian articles for the Russian reader.
    [latest] = await room.bot.send("/latest", user_id=7)
    assert [s.split("\n")[0] for s in numbered(latest)] == ["1. " + RUSSIAN.title]
    [brief] = await room.bot.send("/topic CSTO", user_id=7)
    assert RUSSIAN.title in brief.plain and ARMENIAN.title not in brief.plain
    assert REGIONAL.title not in brief.plain

    # Buttons: /settings shows the choice; toggling adds English back.
    [settings] = await room.bot.send("/settings", user_id=7)
    assert "Article languages: Русский" in settings.plain
    [chooser] = await room.bot.press(settings, "Article languages")
    [toggled] = await room.bot.press(chooser, "○ English")
    assert "English, Русский" in toggled.plain
    [everything] = await room.bot.press(toggled, "All languages")
    assert "all languages" in everything.plain
    [latest] = await room.bot.send("/latest", user_id=7)
    assert len(numbered(latest)) == 3


async def test_a_brief_quotes_the_readers_language(room: Room) -> None:
    await room.bot.ingest()
    await room.bot.send("/language ru", user_id=4)
    [brief] = await room.bot.send("/topic CSTO", user_id=4)
    document = next(s for s in numbered(brief) if "EN RU" in s)
    # Quoted from the Russian report; the English reports are linked, not quoted.
    assert "Мирзоян попросил ОДКБ" in document
    assert SHARED not in document
    assert "EN: Yerevan Regional, Eurasia Wire" in document
    assert url_of(REGIONAL, room.server) in brief.text and WIRE.url in brief.text


async def test_trending_offers_the_events_names_in_every_script(room: Room) -> None:
    await room.bot.ingest()
    # No week of history: today's names carried by two or more sources.
    [trending] = await room.bot.send("/trending", user_id=3)
    assert "Mirzoyan" in trending.plain
    for common in ("Armenian", "Collective", "border", "CSTO"):
        assert f" {common} —" not in trending.plain
    [brief] = await room.bot.press(trending, "Mirzoyan")
    # The brief of the name finds it in every script and inflection (Мирзояна).
    assert "3 sources · EN RU" in brief.plain
    # A Russian reader sees the name as Russian articles write it.
    await room.bot.send("/language ru", user_id=4)
    [russian] = await room.bot.send("/trending", user_id=4)
    assert "Мирзоян" in russian.plain
    # Its button carries the Russian form: a term the list showed, so its brief opens, and
    # finds the reports in every script.
    [russian_brief] = await room.bot.press(russian, "Мирзоян")
    assert "3 источника · EN RU" in russian_brief.plain


async def test_choosing_languages_drops_waiting_articles_in_the_others(room: Room) -> None:
    """An English report waits in the outbox (a digest chat waits all day) when the reader
    keeps only Russian: the English one never comes, and the Russian report of the same
    event, published later, does, once."""
    await room.bot.send("/subscribe CSTO", user_id=12)
    room.publish_only(REGIONAL)
    await room.bot.ingest()
    await room.bot.send("/languages ru", user_id=12)
    await room.bot.drain()
    assert room.pushes(12) == []
    room.publish_only(REGIONAL, RUSSIAN)
    await room.bot.ingest()
    await room.bot.drain()
    await room.bot.ingest()
    await room.bot.drain()
    assert [RUSSIAN.title in p.plain for p in room.pushes(12)] == [True]
