"""Briefs and trending terms for readers, computed from storage and cached.

A brief groups a window of articles into stories (news.cluster) and quotes each top story
in a sentence or two (news.brief). That takes tens of milliseconds for a busy topic (and
trending a few hundred over a week of a busy archive), so the work runs in a thread, where
the event loop keeps answering others, and a brief is kept until the articles it was made
from change: the cache key carries a version of the window (count, newest id, latest edit)
read with one indexed query. Windows start on a five-minute boundary, so within five
minutes the same window is the same key; after that the brief is made again and its
ranking by age moves on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable, Sequence
from typing import TypeVar

from bot.stories import story_item
from news.brief import BriefEntry, build_brief
from news.cluster import cluster_stories
from news.memo import Memo
from news.summary import lead_sentence
from news.trending import TrendingTerm, trending_terms
from storage import articles as article_store
from storage.db import Database
from storage.records import ArticleRecord

BUCKET_SECONDS = 300
# A brief reads at most this many of the window's newest articles.
BRIEF_ARTICLES = 500
# Stories group articles published this close together.
STORY_WINDOW_HOURS = 48
TRENDING_RECENT_HOURS = 24
TRENDING_BASELINE_DAYS = 7
TRENDING_TERMS = 8
# Enough of an article's top for its lead sentence.
HEAD_CHARS = 800
TRENDING_RECENT_LIMIT = 3000
TRENDING_BASELINE_LIMIT = 10000
# Articles dated a little ahead of our clock are still recent.
FUTURE_SLACK = 3600
_T = TypeVar("_T")


class Briefing:
    def __init__(self, db: Database, *, cache_size: int = 128) -> None:
        self.db = db
        self._cache: Memo[object] = Memo(cache_size)

    async def topic_brief(self, topic_id: int, *, hours: int, now: int) -> list[BriefEntry]:
        """The brief of a topic's last `hours`; empty when nothing was published in it."""
        since = window_start(now, hours)
        version = await article_store.topic_window_version(self.db, topic_id, since=since)
        key = ("topic", topic_id, since, version)
        cached = self._cache.get(key)
        if isinstance(cached, list):
            return cached
        articles = await article_store.topic_window(
            self.db, topic_id, since=since, limit=BRIEF_ARTICLES
        )
        return self._keep(key, await asyncio.to_thread(brief_of, articles, now=now))

    async def term_brief(self, term: str, *, hours: int, now: int) -> list[BriefEntry]:
        """The brief of the articles of the last `hours` that mention all words of `term`."""
        since = window_start(now, hours)
        version = await article_store.store_version(self.db)
        key = ("term", term.casefold(), since, version)
        cached = self._cache.get(key)
        if isinstance(cached, list):
            return cached
        articles = await article_store.matching_window(
            self.db, term, since=since, limit=BRIEF_ARTICLES
        )
        return self._keep(key, await asyncio.to_thread(brief_of, articles, now=now))

    async def trending(self, *, now: int) -> list[TrendingTerm]:
        """The terms whose share of the last day's articles rose most against the week
        before it; made again every BUCKET_SECONDS (one article more or less in a day
        does not change what is rising)."""
        start = window_start(now, TRENDING_RECENT_HOURS)
        key = ("trending", start)
        cached = self._cache.get(key)
        if isinstance(cached, list):
            return cached
        recent = await article_store.headlines(
            self.db,
            since=start,
            until=now + FUTURE_SLACK,
            limit=TRENDING_RECENT_LIMIT,
            head_chars=HEAD_CHARS,
        )
        baseline = await article_store.headlines(
            self.db,
            since=start - TRENDING_BASELINE_DAYS * 24 * 3600,
            until=start,
            limit=TRENDING_BASELINE_LIMIT,
            head_chars=HEAD_CHARS,
        )
        return self._keep(key, await asyncio.to_thread(rising_terms, recent, baseline))

    def _keep(self, key: Hashable, value: list[_T]) -> list[_T]:
        self._cache.put(key, value)
        return value


def window_start(now: int, hours: int) -> int:
    """The start of the window of the last `hours`, on a BUCKET_SECONDS boundary."""
    return now - now % BUCKET_SECONDS - hours * 3600


def brief_of(articles: Sequence[ArticleRecord], *, now: int) -> list[BriefEntry]:
    stories = cluster_stories(
        [story_item(article) for article in articles], window_hours=STORY_WINDOW_HOURS
    )
    return build_brief(stories, now=now)


def rising_terms(
    recent: Sequence[tuple[str, str]], baseline: Sequence[tuple[str, str]]
) -> list[TrendingTerm]:
    """Trending terms of (title, top of text) pairs: counted in titles and lead sentences."""
    return trending_terms(
        [_headline_text(*pair) for pair in recent],
        [_headline_text(*pair) for pair in baseline],
        top=TRENDING_TERMS,
    )


def _headline_text(title: str, head: str) -> str:
    return f"{title}\n{lead_sentence(head)}"
