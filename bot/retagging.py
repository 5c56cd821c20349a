"""Re-tagging the recent archive after an admin adds, changes or removes a topic."""

from __future__ import annotations

from bot.services import Services
from storage import articles as article_store

RETAG_WINDOW = 7 * 24 * 3600


async def retag_recent(svc: Services) -> int:
    """Match the recent archive against the topics now in force; returns stories tagged."""
    await svc.topics.reload(svc.db)
    recent = await article_store.articles_since(svc.db, since=svc.now() - RETAG_WINDOW)
    ids = svc.topics.ids_by_name
    tags = {
        a.id: [ids[name] for name in svc.topics.match(a.title, a.body or a.teaser)] for a in recent
    }
    await article_store.retag_articles(
        svc.db, tags, published={a.id: a.published_at for a in recent}
    )
    return sum(1 for topic_ids in tags.values() if topic_ids)
