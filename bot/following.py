"""Following a topic: a new subscription brings the few newest stories, not the backlog;
leaving one withdraws the pushes still waiting that nothing else the chat follows wants."""

from __future__ import annotations

from bot.services import Services
from storage import chats as chat_store
from storage import deliveries as outbox

BACKLOG_STORIES = 3
BACKLOG_WINDOW = 7 * 24 * 3600


async def follow(svc: Services, chat_id: int, topic_id: int) -> bool:
    """Subscribe; True when the chat did not follow the topic before."""
    added = await chat_store.subscribe(svc.db, chat_id, topic_id, now=svc.now())
    if added:
        await outbox.enqueue_backlog(
            svc.db,
            chat_id,
            topic_id,
            limit=BACKLOG_STORIES,
            since=svc.now() - BACKLOG_WINDOW,
            now=svc.now(),
        )
    return added


async def unfollow(svc: Services, chat_id: int, topic_id: int) -> bool:
    """Unsubscribe; True when the chat followed the topic."""
    removed = await chat_store.unsubscribe(svc.db, chat_id, topic_id)
    if removed:
        await outbox.cancel_unwanted(svc.db, chat_id)
    return removed


async def followed_ids(svc: Services, chat_id: int) -> set[int]:
    """The ids of the topics a chat follows."""
    return {t.id for t in await chat_store.subscribed_topics(svc.db, chat_id)}
