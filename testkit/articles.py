"""Articles as the parsing stage hands them to storage, made up for storage-level tests."""

from __future__ import annotations

from news.models import Article
from storage import articles as article_store
from storage.db import Database

NOW = 1_790_000_000


def make_article(
    title: str,
    *,
    url: str,
    guid: str | None = None,
    body: str = "",
    published_at: int = NOW,
    topics: list[str] | None = None,
    language: str = "en",
    content_key: str | None = None,
) -> Article:
    """An article whose duplicate keys follow its guid, url and text (or `content_key`)."""
    return Article(
        guid=guid,
        url=url,
        title=title,
        author=None,
        published_at=published_at,
        teaser=body[:100],
        body=body,
        language=language,
        guid_key=f"v1:g:{guid}" if guid else None,
        url_key=f"v1:u:{url}",
        content_key=content_key or f"v1:c:{title}:{body}",
        topics=topics or [],
    )


async def store(
    db: Database,
    *articles: Article,
    feed_id: int | None = None,
    source: str = "A",
    fetched_at: int = NOW,
    topic_ids: dict[str, int] | None = None,
    joins_stored: dict[int, int] | None = None,
    joins_batch: dict[int, int] | None = None,
) -> article_store.StoreResult:
    """Store `articles` as one polling pass of feed `feed_id` (named `source`) would."""
    return await article_store.store_articles(
        db,
        feed_id=feed_id,
        source=source,
        fetched_at=fetched_at,
        articles=list(articles),
        topic_ids=topic_ids or {},
        joins_stored=joins_stored,
        joins_batch=joins_batch,
    )
