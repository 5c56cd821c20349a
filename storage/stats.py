"""Figures for /stats: chats, subscriptions, articles, the outbox, and daily series."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.db import Database

DAY = 86400


@dataclass
class Overview:
    chats_active: int = 0
    chats_inactive: int = 0
    chats_by_type: dict[str, int] = field(default_factory=dict)
    subscriptions_by_topic: dict[str, int] = field(default_factory=dict)
    articles_today: int = 0
    articles_week: int = 0
    articles_total: int = 0
    deliveries: dict[str, int] = field(default_factory=dict)
    retrying: int = 0
    paid_sent: int = 0
    channels_active: int = 0
    # Linked channels the bot can no longer post to: (title or id, why).
    channels_inactive: list[tuple[str, str]] = field(default_factory=list)


async def overview(db: Database, *, now: int) -> Overview:
    result = Overview()
    for row in await db.fetch_all("SELECT active, type, COUNT(*) FROM chats GROUP BY 1, 2"):
        if row[0]:
            result.chats_active += row[2]
            result.chats_by_type[row[1]] = result.chats_by_type.get(row[1], 0) + row[2]
        else:
            result.chats_inactive += row[2]
    rows = await db.fetch_all(
        "SELECT t.name, COUNT(s.chat_id) FROM topics t "
        "LEFT JOIN subscriptions s ON s.topic_id = t.id GROUP BY t.id ORDER BY 2 DESC, t.name"
    )
    result.subscriptions_by_topic = {row[0]: row[1] for row in rows}
    day_start = now - now % DAY
    result.articles_today = int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM articles WHERE published_at >= ?", (day_start,), default=0
        )
    )
    result.articles_week = int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM articles WHERE published_at >= ?", (now - 7 * DAY,), default=0
        )
    )
    result.articles_total = int(await db.fetch_value("SELECT COUNT(*) FROM articles", default=0))
    rows = await db.fetch_all("SELECT status, COUNT(*) FROM deliveries GROUP BY status")
    result.deliveries = {row[0]: row[1] for row in rows}
    result.paid_sent = int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'sent' AND paid = 1", default=0
        )
    )
    for row in await db.fetch_all(
        "SELECT id, title, username, active, inactive_reason FROM chats "
        "WHERE linked_by IS NOT NULL ORDER BY id"
    ):
        if row[3]:
            result.channels_active += 1
        else:
            name = row[1] or (f"@{row[2]}" if row[2] else str(row[0]))
            result.channels_inactive.append((name, row[4] or ""))
    result.retrying = int(
        await db.fetch_value(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'pending' AND attempts > 0", default=0
        )
    )
    return result


async def daily_series(
    db: Database, *, now: int, days: int
) -> tuple[list[int], list[int], list[int]]:
    """Day starts (UTC), messages delivered per day, new chats per day, oldest first."""
    first_day = now - now % DAY - (days - 1) * DAY
    starts = [first_day + i * DAY for i in range(days)]
    sent = await _per_day(
        db,
        "SELECT (sent_at - sent_at % 86400), COUNT(*) FROM deliveries "
        "WHERE status = 'sent' AND sent_at >= ? GROUP BY 1",
        first_day,
    )
    joined = await _per_day(
        db,
        "SELECT (created_at - created_at % 86400), COUNT(*) FROM chats "
        "WHERE created_at >= ? GROUP BY 1",
        first_day,
    )
    return starts, [sent.get(d, 0) for d in starts], [joined.get(d, 0) for d in starts]


async def _per_day(db: Database, sql: str, first_day: int) -> dict[int, int]:
    """Day start -> count, from a query of (day start, count) rows since `first_day`."""
    return {row[0]: row[1] for row in await db.fetch_all(sql, (first_day,))}
