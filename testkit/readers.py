"""Readers written straight into the database, as /start (and /subscribe) would leave them."""

from __future__ import annotations

from collections.abc import Iterable

from bot.services import Services
from storage import chats as chat_store


async def add_readers(
    services: Services, chat_ids: Iterable[int], *, following: str | None = None
) -> None:
    """Private chats in English, each following the topic named `following` if given."""
    topic_id = None
    if following is not None:
        topic = services.topics.find(following)
        assert topic is not None, following
        topic_id = topic.id
    for chat_id in chat_ids:
        await chat_store.register_chat(
            services.db,
            chat_id,
            chat_type="private",
            title="",
            thread_id=None,
            language="en",
            now=services.now(),
        )
        if topic_id is not None:
            await chat_store.subscribe(services.db, chat_id, topic_id, now=services.now())
