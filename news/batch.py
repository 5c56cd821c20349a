"""The CPU-heavy stages for a whole feed at once, as plain functions of plain data, so the
caller can run them inline or in a worker process (they pickle cleanly and share nothing)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from news.article import build_article
from news.htmltext import html_to_text
from news.limits import cap_html
from news.models import Article, ParsedFeed, RawEntry
from news.parse import parse_feed
from news.searchtext import index_text
from news.topics import Topic, TopicMatcher

FINGERPRINT_PREFIX = "e1:"
# (name, keywords, the keywords that also match their inflected forms) per topic.
TopicSpec = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


@dataclass(frozen=True)
class EntryTexts:
    entry: RawEntry
    summary: str
    content: str
    # Changes whenever the feed changes what it says about the entry; equal means skip it.
    fingerprint: str


def fingerprint(entry: RawEntry) -> str:
    digest = hashlib.sha256(
        "\x1f".join((entry.title, entry.summary_html, entry.content_html)).encode("utf-8")
    ).hexdigest()
    return FINGERPRINT_PREFIX + digest[:32]


def parse_and_convert(
    body: bytes, *, url: str, content_type: str | None, max_entries: int
) -> tuple[ParsedFeed, list[EntryTexts]]:
    parsed = parse_feed(body, url=url, content_type=content_type)
    texts = [
        EntryTexts(
            entry=entry,
            summary=html_to_text(cap_html(entry.summary_html)) if entry.summary_html else "",
            content=html_to_text(cap_html(entry.content_html)) if entry.content_html else "",
            fingerprint=fingerprint(entry),
        )
        for entry in parsed.entries[:max_entries]
    ]
    return parsed, texts


@lru_cache(maxsize=4)
def _matcher(topics: TopicSpec) -> TopicMatcher:
    return TopicMatcher(Topic(name, keywords, stemmed) for name, keywords, stemmed in topics)


def build_batch(
    items: Sequence[tuple[RawEntry, str, str]],
    *,
    feed_url: str,
    feed_language: str | None,
    fetched_at: int,
    learned_boilerplate: frozenset[str],
    topics: TopicSpec,
) -> list[Article | None]:
    """Articles for (entry, body text, fingerprint) items, tagged with their topics."""
    matcher = _matcher(topics)
    built: list[Article | None] = []
    for entry, body, entry_fingerprint in items:
        article = build_article(
            entry,
            feed_url=feed_url,
            feed_language=feed_language,
            fetched_at=fetched_at,
            body_text=body,
            learned_boilerplate=learned_boilerplate,
        )
        if article is not None:
            article.topics = matcher.match(article.title, article.body or article.teaser)
            article.fingerprint = entry_fingerprint
            article.index = index_text(article.title, article.body)
        built.append(article)
    return built
