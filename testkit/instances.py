"""A database made ready for `newsbrief run` processes: readers written straight into it
before any bot starts (tests/test_instances.py and bench/instances.py)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.services import open_services
from bot.settings import Settings


async def prepare(url: str, feed_url: str, chats: Iterable[int]) -> None:
    """Readers subscribed to CSTO, written straight into the database before a bot starts."""
    settings = Settings(_env_file=None, database=url, feeds=[feed_url])  # type: ignore[call-arg]
    services = await open_services(settings)
    try:
        csto = services.topics.find("CSTO")
        assert csto is not None
        now = services.now()
        async with services.db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO chats (id, type, title, language, created_at, updated_at) "
                "VALUES (?, 'private', '', 'en', ?, ?)",
                [(chat, now, now) for chat in chats],
            )
            await conn.executemany(
                "INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)",
                [(chat, csto.id, now) for chat in chats],
            )
    finally:
        await services.close()
