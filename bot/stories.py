"""Stories at ingest: which new articles report an event already stored, so that a chat
that got the story is not pushed the same event again from another feed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from news.cluster import StoryItem, link_stories
from news.models import Article
from storage import articles as article_store
from storage.db import Database
from storage.records import ArticleRecord

# An event is news again after this long (the push window of news.cluster).
STORY_WINDOW_HOURS = 48
# The newest tagged articles compared with; a few days of a regional newsroom's output.
STORY_POOL = 2000
# Only the top of a stored article is read: the event is told there (news.cluster reads
# its first 150 words).
HEAD_CHARS = 3000


def story_item(article: ArticleRecord) -> StoryItem:
    return StoryItem(
        id=article.id,
        title=article.title,
        text=article.body or article.teaser,
        published_at=article.published_at,
        source=article.source,
        url=article.url,
    )


@dataclass
class StoryLinks:
    """What store_articles needs: batch index -> stored article, or -> earlier batch index."""

    joins_stored: dict[int, int] = field(default_factory=dict)
    joins_batch: dict[int, int] = field(default_factory=dict)


async def link_new_articles(
    db: Database, articles: Sequence[Article], *, source: str, now: int
) -> StoryLinks:
    """Which of these articles (about to be stored) join a story: one stored in the last
    STORY_WINDOW_HOURS, or one told earlier in this batch. Only tagged articles are linked,
    since only they are ever pushed."""
    links = StoryLinks()
    tagged = [index for index, article in enumerate(articles) if article.topics]
    if not tagged:
        return links
    earliest = min(min(articles[index].published_at for index in tagged), now)
    known = await article_store.recent_tagged(
        db,
        since=earliest - STORY_WINDOW_HOURS * 3600,
        limit=STORY_POOL,
        head_chars=HEAD_CHARS,
    )
    # Batch articles have no ids yet: they go by -(index + 1), which no stored id can be.
    new = [
        StoryItem(
            id=-(index + 1),
            title=articles[index].title,
            text=(articles[index].body or articles[index].teaser)[:HEAD_CHARS],
            published_at=articles[index].published_at,
            source=source,
            url=articles[index].url,
        )
        for index in tagged
    ]
    found = link_stories(new, [story_item(r) for r in known], window_hours=STORY_WINDOW_HOURS)
    for temporary, target in found.items():
        index = -temporary - 1
        if target > 0:
            links.joins_stored[index] = target
        else:
            links.joins_batch[index] = -target - 1
    return links
