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
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

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
# Windows kept in the cache: those the brief buttons offer. A brief of any other window
# (`/topic X 5h`) is made for the asker alone, so a stream of odd windows cannot push the
# common briefs out of the cache.
CACHED_WINDOW_HOURS = frozenset({24, 72, 7 * 24})
# A trending term's button works this long after the list showing it was made.
TERM_BUTTON_SECONDS = 24 * 3600
_T = TypeVar("_T")


@dataclass(frozen=True)
class Reader:
    """Who a brief is made for: the language they read it in (its sentences are quoted
    from reports in it when the story has one) and the article languages they chose
    (empty: all)."""

    language: str = ""
    languages: tuple[str, ...] = ()

    def keep(self, articles: Sequence[ArticleRecord]) -> list[ArticleRecord]:
        if not self.languages:
            return list(articles)
        return [
            a for a in articles if not a.language or a.language[:2].casefold() in self.languages
        ]


class Briefing:
    def __init__(self, db: Database, *, cache_size: int = 128) -> None:
        self.db = db
        self._cache: Memo[list[Any]] = Memo(cache_size)
        # Computations under way, by key: readers asking at once (after a push) share one.
        self._running: dict[Hashable, asyncio.Future[list[Any]]] = {}
        # Terms trending lists have shown (casefolded), with when: only these have briefs.
        self._offered_terms: dict[str, int] = {}

    async def topic_brief(
        self, topic_id: int, *, hours: int, now: int, reader: Reader = Reader()
    ) -> list[BriefEntry]:
        """The brief of a topic's last `hours`; empty when nothing was published in it."""
        since = window_start(now, hours)
        version = await article_store.topic_window_version(self.db, topic_id, since=since)

        async def compute() -> list[BriefEntry]:
            articles = await article_store.topic_window(
                self.db, topic_id, since=since, limit=BRIEF_ARTICLES
            )
            return await asyncio.to_thread(brief_of, reader.keep(articles), now=now, reader=reader)

        keep = hours in CACHED_WINDOW_HOURS
        return await self._cached(("topic", topic_id, since, version, reader), compute, keep=keep)

    async def term_brief(
        self, term: str, *, hours: int, now: int, reader: Reader = Reader()
    ) -> list[BriefEntry]:
        """The brief of the articles of the last `hours` that mention all words of `term`;
        made again every BUCKET_SECONDS, like trending, whose buttons ask for it."""
        since = window_start(now, hours)

        async def compute() -> list[BriefEntry]:
            articles = await article_store.matching_window(
                self.db, term, since=since, limit=BRIEF_ARTICLES
            )
            return await asyncio.to_thread(brief_of, reader.keep(articles), now=now, reader=reader)

        return await self._cached(("term", term.casefold(), since, reader), compute)

    async def trending(self, *, now: int) -> list[TrendingTerm]:
        """The terms whose share of the last day's articles rose most against the week
        before it; made again every BUCKET_SECONDS (one article more or less in a day
        does not change what is rising)."""
        start = window_start(now, TRENDING_RECENT_HOURS)

        async def compute() -> list[TrendingTerm]:
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
            terms = await asyncio.to_thread(rising_terms, recent, baseline)
            self._offer(terms, now=now)
            return terms

        return await self._cached(("trending", start), compute)

    async def is_offered_term(self, term: str, *, now: int) -> bool:
        """True when a trending list of the last day showed `term` (as a button does): a
        term brief is made only for those, never for whatever a forged button asks."""
        await self.trending(now=now)  # after a restart, today's list is known again
        shown = self._offered_terms.get(term.casefold())
        return shown is not None and shown >= now - TERM_BUTTON_SECONDS

    def _offer(self, terms: Sequence[TrendingTerm], *, now: int) -> None:
        # A button shows the term as the reader's script writes it: every form is offered.
        for term in terms:
            for form in (term.term, *(written for _, written in term.forms)):
                self._offered_terms[form.casefold()] = now
        stale = [t for t, at in self._offered_terms.items() if at < now - TERM_BUTTON_SECONDS]
        for key in stale:
            del self._offered_terms[key]

    async def _cached(
        self, key: Hashable, compute: Callable[[], Awaitable[list[_T]]], *, keep: bool = True
    ) -> list[_T]:
        found = self._cache.get(key)
        if found is not None:
            return found
        running = self._running.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            value = await compute()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # marked as retrieved: with nobody waiting it is no error
            raise
        finally:
            del self._running[key]
        future.set_result(value)
        if keep:
            self._cache.put(key, value)
        return value


def window_start(now: int, hours: int) -> int:
    """The start of the window of the last `hours`, on a BUCKET_SECONDS boundary."""
    return now - now % BUCKET_SECONDS - hours * 3600


def brief_of(
    articles: Sequence[ArticleRecord], *, now: int, reader: Reader = Reader()
) -> list[BriefEntry]:
    stories = cluster_stories(
        [story_item(article) for article in articles], window_hours=STORY_WINDOW_HOURS
    )
    return build_brief(stories, now=now, language=reader.language)


def rising_terms(
    recent: Sequence[tuple[str, str, str]], baseline: Sequence[tuple[str, str, str]]
) -> list[TrendingTerm]:
    """Trending terms of (title, top of text, source) triples: counted in titles and lead
    sentences."""
    return trending_terms(
        [_headline_text(title, head) for title, head, _ in recent],
        [_headline_text(title, head) for title, head, _ in baseline],
        top=TRENDING_TERMS,
        recent_sources=[source for _, _, source in recent],
    )


def _headline_text(title: str, head: str) -> str:
    return f"{title}\n{lead_sentence(head)}"

