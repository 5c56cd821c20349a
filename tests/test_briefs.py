"""Briefs, trending and story-aware pushes through the real bot: written articles served as
feeds over loopback, ingested by the real pipeline into SQLite, asked for through the
Application against the in-process Bot API."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

import bot.briefing
from bot.local_api import SentMessage
from bot.services import open_services
from news.cluster import StoryItem
from testkit.botkit import Clock
from testkit.feedserver import FeedServer
from testkit.newsroom import Newsroom, open_newsroom
from testkit.story_fixtures import (
    BORDER,
    EXERCISE,
    HERALD,
    KAVKAZ,
    METRO,
    NOW,
    RATE_CUT,
    SUMMIT,
    SYUNIK,
    UPPER_LARS,
    WIRE,
)

DAY = 24 * 3600
SOURCES = (WIRE, HERALD, KAVKAZ)
BOILERPLATE = ("Subscribe", "Photo", "By Anna", "Read more", "Follow us", "(Caucasus Wire) —")
_HREF = re.compile(r'href="([^"]+)"')


def rss(title: str, items: Iterable[StoryItem]) -> bytes:
    entries = "".join(
        "<item>"
        f"<guid>{html.escape(item.url)}</guid>"
        f"<title>{html.escape(item.title)}</title>"
        f"<link>{html.escape(item.url)}</link>"
        f"<pubDate>{format_datetime(datetime.fromtimestamp(item.published_at, UTC))}</pubDate>"
        "<content:encoded><![CDATA["
        + "".join(f"<p>{html.escape(p)}</p>" for p in item.text.split("\n\n"))
        + "]]></content:encoded></item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{html.escape(title)}</title><link>https://example.org/</link>"
        f"{entries}</channel></rss>"
    ).encode()


class Outlets:
    """The three outlets of SOURCES, each a feed of the newsroom; tests publish their
    reports and poll."""

    def __init__(self, room: Newsroom) -> None:
        self.room = room
        self.bot = room.bot
        self.clock = room.clock
        self.published: dict[str, list[StoryItem]] = {source: [] for source in SOURCES}

    async def publish(self, *items: StoryItem) -> None:
        self.serve(*items)
        await self.bot.ingest()

    def serve(self, *items: StoryItem) -> None:
        for item in items:
            self.published[item.source].insert(0, item)
        for source in SOURCES:
            self.room.server.add(feed_path(source), rss(source, self.published[source]))

    async def brief(self, command: str, *, user_id: int = 1) -> SentMessage:
        [reply] = await self.bot.send(command, user_id=user_id)
        return reply

    def pushes(self, chat_id: int) -> list[SentMessage]:
        return self.room.pushes(chat_id)


def feed_path(source: str) -> str:
    return "/" + source.lower().replace(" ", "-") + ".xml"


@pytest.fixture
async def room(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[Outlets]:
    empty = {feed_path(source): rss(source, []) for source in SOURCES}
    async with open_newsroom(tmp_path, feed_server, clock=Clock(NOW), feeds=empty) as newsroom:
        yield Outlets(newsroom)


def entries(message: SentMessage) -> list[str]:
    """The brief's numbered stories, as the reader sees them."""
    return [block for block in message.plain.split("\n\n") if re.match(r"\d+\. ", block)]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?։])\s+", text) if len(s.strip()) > 20]


async def test_a_brief_tells_each_event_once_with_its_sources(room: Outlets) -> None:
    await room.publish(*SUMMIT, *EXERCISE, *SYUNIK)
    brief = await room.brief("/topic CSTO")
    assert brief.plain.startswith("What is new on CSTO\nThe past 3 days")
    stories = entries(brief)
    # Three outlets on the summit and two on the exercise: two stories, not five.
    assert len(stories) == 2, stories
    summit = next(s for s in stories if "Minsk" in s.split("\n")[0])
    assert "3 sources" in summit
    assert "March" in summit  # the key fact of the event
    exercise = next(s for s in stories if s is not summit)
    assert "2 sources" in exercise
    # Never the same thing twice, never page clutter, datelines or bylines.
    said = sentences(brief.plain)
    assert len(said) == len(set(said))
    for clutter in BOILERPLATE:
        assert clutter not in brief.plain
    # Every quoted sentence links to the article it comes from.
    urls = {item.url for item in [*SUMMIT, *EXERCISE]}
    links = set(_HREF.findall(brief.text))
    assert links <= urls and len(links) >= 3
    # The Syunik landslide is not a CSTO story.
    assert "Syunik" not in brief.plain


async def test_an_empty_window_offers_older_stories_and_other_windows(room: Outlets) -> None:
    await room.publish(*SUMMIT)
    room.clock.now = NOW + 4 * DAY
    reply = await room.brief("/topic CSTO")
    assert reply.plain.startswith("Nothing on CSTO in the past 3 days. The latest older stories:")
    assert "Minsk summit of CSTO postponed until March" in reply.plain
    labels = [b["text"] for b in reply.buttons]
    assert labels[:3] == ["24 hours", "• 3 days", "7 days"]

    [week] = await room.bot.press(reply, "7 days")
    assert week.edited and week.message_id == reply.message_id
    assert week.plain.startswith("What is new on CSTO\nThe past 7 days")
    assert "3 sources" in week.plain
    assert [b["text"] for b in week.buttons][:3] == ["24 hours", "3 days", "• 7 days"]


async def test_the_window_is_read_from_the_last_word(room: Outlets) -> None:
    await room.publish(*SUMMIT)
    room.clock.now = NOW + 2 * DAY
    assert "The past 3 days" in (await room.brief("/topic CSTO 3d")).plain
    assert "Nothing on CSTO in the past 24 hours" in (await room.brief("/topic CSTO 24h")).plain
    for wrong in ("/topic CSTO 0h", "/topic CSTO 31d", "/topic CSTO 999999999999w"):
        assert (await room.brief(wrong)).plain == (
            "A window goes from 1h to 30d, for example: /topic CSTO 7d."
        )
    assert (await room.brief("/topic 7d")).plain.startswith("Which topic?")
    assert "There is no topic “CSTO 7x”" in (await room.brief("/topic CSTO 7x")).plain


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every window a brief is computed from (the real computation runs)."""
    sizes: list[int] = []
    real = bot.briefing.brief_of

    def counted(articles, **options):  # type: ignore[no-untyped-def]
        sizes.append(len(articles))
        return real(articles, **options)

    monkeypatch.setattr(bot.briefing, "brief_of", counted)
    return sizes


async def test_a_brief_is_made_once_until_the_topic_gets_a_new_article(
    room: Outlets, made: list[int]
) -> None:
    await room.publish(*SUMMIT[:2])
    first = await room.brief("/topic CSTO")
    assert (await room.brief("/topic CSTO", user_id=2)).plain == first.plain
    assert made == [2]
    # An article on another topic leaves the CSTO brief as it was.
    await room.publish(*METRO)
    await room.brief("/topic CSTO")
    assert made == [2]
    # A new CSTO article is in the next brief.
    await room.publish(*EXERCISE[:1])
    again = await room.brief("/topic CSTO")
    assert made == [2, 3]
    assert "Tajikistan" in again.plain


async def test_readers_asking_at_once_share_one_computation(
    room: Outlets, made: list[int]
) -> None:
    await room.publish(*SUMMIT, *EXERCISE)
    briefing = room.bot.services.briefing
    csto = room.bot.services.topics.find("CSTO")
    assert csto is not None
    briefs = await asyncio.gather(
        *(briefing.topic_brief(csto.id, hours=72, now=NOW) for _ in range(5))
    )
    assert made == [5]
    assert all(brief is briefs[0] for brief in briefs) and len(briefs[0]) == 2


async def test_trending_lists_the_rising_name_and_opens_its_brief(room: Outlets) -> None:
    # Last week: ordinary news. Today: three outlets on the closed Upper Lars road.
    last_week = [
        replace(item, published_at=item.published_at - (2 + n) * DAY, url=f"{item.url}-old")
        for n, item in enumerate([*METRO, *RATE_CUT, *BORDER, *SYUNIK, *SUMMIT])
    ]
    await room.publish(*last_week, *UPPER_LARS)
    [trending] = await room.bot.send("/trending")
    assert trending.plain.startswith("Trending in the last 24 hours")
    listed = trending.plain.split("\n")
    assert any(line.startswith(("1. Upper Lars", "2. Upper Lars")) for line in listed), listed
    assert "Upper Lars — 3 stories" in trending.plain

    [brief] = await room.bot.press(trending, "Upper Lars")
    assert not brief.edited
    assert brief.plain.startswith("News on “Upper Lars”\nThe past 3 days")
    [story] = entries(brief)
    assert "3 sources" in story and "1,200" in story


async def test_trending_with_no_news_says_so(room: Outlets) -> None:
    [reply] = await room.bot.send("/trending")
    assert reply.plain == "Nothing stands out today: no word or name is rising in the news."


async def test_an_article_joining_a_pushed_story_is_not_pushed_again(room: Outlets) -> None:
    await room.bot.send("/subscribe CSTO", user_id=5)
    await room.publish(SUMMIT[0])
    await room.bot.drain()
    [first] = room.pushes(5)
    assert "CSTO postpones Minsk summit to March" in first.plain

    # Another outlet on the same summit: already told. A different event: news.
    await room.publish(SUMMIT[1])
    await room.bot.drain()
    assert len(room.pushes(5)) == 1
    await room.publish(EXERCISE[0])
    await room.bot.drain()
    assert [p.plain.split("\n")[1] for p in room.pushes(5)] == [
        "CSTO postpones Minsk summit to March",
        "CSTO rapid reaction force wraps up drills in Tajikistan",
    ]

    # A new follower gets the newest of each story, each story once.
    await room.bot.send("/subscribe CSTO", user_id=6)
    await room.bot.drain()
    titles = sorted(p.plain.split("\n")[1] for p in room.pushes(6))
    assert titles == [
        "CSTO leaders' summit in Minsk moved to spring",
        "CSTO rapid reaction force wraps up drills in Tajikistan",
    ]


async def test_two_outlets_in_one_poll_make_one_push(room: Outlets) -> None:
    await room.bot.send("/subscribe CSTO", user_id=7)
    await room.publish(*SUMMIT)  # three feeds, one polling pass
    await room.bot.drain()
    [push] = room.pushes(7)
    assert "Minsk" in push.plain


async def test_articles_stored_by_another_process_count_too(room: Outlets) -> None:
    await room.bot.send("/subscribe CSTO", user_id=9)
    # `newsbrief fetch` in another process stores one outlet's report of the summit...
    room.serve(SUMMIT[0])
    fetch = await open_services(room.bot.services.settings, clock=room.clock)
    try:
        await fetch.ingestor.poll_all(only_due=False)
    finally:
        await fetch.close()
    # ...and the running bot, polling another outlet's report, knows the story.
    await room.publish(SUMMIT[1])
    await room.bot.drain()
    [push] = room.pushes(9)
    assert SUMMIT[0].title in push.plain


async def test_a_push_carries_a_clean_summary(room: Outlets) -> None:
    await room.bot.send("/subscribe CSTO", user_id=8)
    await room.publish(SUMMIT[0])
    await room.bot.drain()
    [push] = room.pushes(8)
    header, title, blank, summary = push.plain.split("\n", 3)
    assert (header, title, blank) == ("CSTO · Caucasus Wire", SUMMIT[0].title, "")
    assert summary.startswith("The Collective Security Treaty Organization has postponed")
    assert 1 <= len(sentences(summary)) <= 3
    for clutter in BOILERPLATE:
        assert clutter not in summary


async def test_hostile_articles_still_make_valid_messages(room: Outlets) -> None:
    # Markup-like text, a run-on sentence far over any limit, and a title of 600 characters:
    # every reply and push is checked for Telegram validity by the harness.
    run_on = "The CSTO council " + "met again and again " * 400 + "in Minsk."
    hostile = [
        replace(
            SUMMIT[0],
            id=1001,
            title='CSTO <b>summit & "talks" ' + "x" * 600,
            text=f"{run_on}\n\nCSTO <script>alert(1)</script> & <i>unclosed talks in Minsk.",
            url="https://caucasuswire.example/hostile?a=1&b=<2>",
        ),
        replace(
            EXERCISE[0],
            id=1002,
            title="CSTO drills </a><a href='x'>",
            text="CSTO drills ended & the <b>forces</b> left Tajikistan on Thursday evening.",
            url="https://caucasuswire.example/hostile-2",
        ),
    ]
    await room.bot.send("/subscribe CSTO", user_id=11)
    await room.publish(*hostile)
    await room.bot.drain()
    pushes = "\n".join(push.plain for push in room.pushes(11))
    # Markup in an article's text is shown as the text it is, never applied; the long
    # title is cut.
    assert "<script>alert(1)</script> & <i>unclosed" in pushes and "x" * 200 not in pushes
    brief = await room.brief("/topic CSTO")
    assert "x" * 200 not in brief.plain
    # The run-on paragraph is not a sentence anyone can read: it is never quoted.
    assert "again and again and again" not in brief.plain
    await room.bot.send("/trending")


async def test_latest_shows_each_story_with_its_key_sentence(room: Outlets) -> None:
    await room.publish(SUMMIT[0], UPPER_LARS[0])
    [latest] = await room.bot.send("/latest")
    summit = next(block for block in latest.plain.split("\n\n") if SUMMIT[0].title in block)
    _title, meta, summary = summit.split("\n")
    assert meta.startswith("Caucasus Wire · ")
    assert summary.startswith("The Collective Security Treaty Organization has postponed")
    assert "YEREVAN" not in summary and len(sentences(summary)) == 1
