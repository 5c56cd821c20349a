"""Stories at ingest: which new articles report an event already stored, so that a chat
that got the story is not pushed the same event again from another feed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from news.cluster import StoryItem
from news.models import Article
from news.story_index import StoryIndex
from news.vectors import Vector
from storage import articles as article_store
from storage.db import Database
from storage.records import ArticleRecord

# An event is news again after this long.
STORY_WINDOW_HOURS = 48
# Articles are kept this long (twice the window), for feeds that bring older entries late.
KEEP_SECONDS = 2 * STORY_WINDOW_HOURS * 3600
# At most this many stored articles are read in one go; a few days of a regional newsroom.
SYNC_LIMIT = 5000
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
        language=(article.language or "")[:2].casefold(),
    )


@dataclass
class StoryLinks:
    """What store_articles needs: batch index -> stored article, or -> earlier batch index."""

    joins_stored: dict[int, int] = field(default_factory=dict)
    joins_batch: dict[int, int] = field(default_factory=dict)


class StoryLinker:
    """The recent articles, kept in a StoryIndex. Articles linked here are kept under
    their ids once stored (`stored`); those stored by another process (`newsbrief fetch`)
    are read from the database, by id, before each batch. Callers serialise link-then-store,
    so that two feeds telling one event in the same pass are not both linked before either
    is stored.

    Every article is linked, whatever its topics: a chat that follows a topic later, /latest
    and briefs all see its stories."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.index = StoryIndex(window_hours=STORY_WINDOW_HOURS)
        self._pending: list[int] = []
        # Every article up to this id has been read (or was not worth reading).
        self._synced_to = 0

    @staticmethod
    def head(article: Article) -> str:
        return (article.body or article.teaser)[:HEAD_CHARS]

    async def link(
        self,
        articles: Sequence[Article],
        *,
        source: str,
        now: int,
        terms: Sequence[tuple[Vector, Vector]] | None = None,
    ) -> StoryLinks:
        """Which of the articles (about to be stored) join a story: one stored in the
        window, or one told earlier in this batch. `terms` may bring their term counts,
        in that order (computed in a worker process)."""
        links = StoryLinks()
        self.abandon()
        if not articles:
            return links
        await self._sync(now)
        # Batch articles have no ids yet: they go by -(index + 1), which no stored id can be.
        new = [
            StoryItem(
                id=-(index + 1),
                title=article.title,
                text=self.head(article),
                published_at=article.published_at,
                source=source,
                url=article.url,
            )
            for index, article in enumerate(articles)
        ]
        given = {item.id: pair for item, pair in zip(new, terms, strict=True)} if terms else None
        found = self.index.link(new, terms=given, keep=True)
        self._pending = [item.id for item in new]
        for temporary, target in found.items():
            index = -temporary - 1
            if target > 0:
                links.joins_stored[index] = target
            else:
                links.joins_batch[index] = -target - 1
        return links

    def stored(self, inserted: Mapping[int, int]) -> None:
        """The batch was stored: keep its new articles under their ids, let the rest go."""
        for temporary in self._pending:
            article_id = inserted.get(-temporary - 1)
            if article_id is None:
                self.index.remove([temporary])
            else:
                self.index.rename(temporary, article_id)
        self._pending = []
        # Ids are given in order: when this batch's come right after the last one read,
        # nobody else stored anything in between, and the batch need not be read back.
        if inserted and min(inserted.values()) == self._synced_to + 1:
            self._synced_to = max(inserted.values())

    def abandon(self) -> None:
        """The batch was not stored: forget its articles."""
        self.index.remove(self._pending)
        self._pending = []

    async def _sync(self, now: int) -> None:
        """Read what was stored since the last sync. When another process stored articles
        between two of our batches, our own batch is read back with them (and skipped, as
        it is kept already): going by our own ids would skip theirs."""
        since = now - KEEP_SECONDS
        newest = await article_store.newest_id(self.db)
        self.index.forget_before(since)
        if newest <= self._synced_to:
            return  # nothing stored since the last read
        stored = await article_store.recent_heads(
            self.db,
            since=since,
            after_id=self._synced_to,
            limit=SYNC_LIMIT,
            head_chars=HEAD_CHARS,
        )
        self.index.add(story_item(article) for article in reversed(stored))
        # Below `newest`, what was not read is too old or past the limit: none
        # of it is worth reading later. What is stored after it is read next time.
        self._synced_to = max(self._synced_to, newest)
