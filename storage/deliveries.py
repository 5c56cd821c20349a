"""The outbox: one row per (chat, article) to deliver, created in the same transaction that
stores the article, marked sent only after Telegram accepted the message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.connection import Connection
from storage.db import Database
from storage.records import ArticleRecord, concat_names


@dataclass(frozen=True)
class PendingDelivery:
    id: int
    chat_id: int
    kind: str
    attempts: int
    created_at: int
    article: ArticleRecord | None
    payload: str | None
    topic_names: tuple[str, ...]
    # The chat's own alerts the article matched ("Upper Lars"), shown in the push.
    alert_phrases: tuple[str, ...] = ()


async def enqueue_new_articles(
    conn: Connection, *, first_id: int, last_id: int, now: int
) -> None:
    """Inside the storing transaction: one delivery per active chat subscribed to any of the
    new articles' topics or with an alert they matched (one whatever the mix), unless the
    chat already has an article of the same story, and one per chat of several new articles
    of one story (a statement does not see its own rows).
    Articles joining a story begun in this batch go second, so they see their story's
    first deliveries."""
    for story_range in (
        "(a.story_id IS NULL OR a.story_id < :first)",
        "a.story_id >= :first",
    ):
        await conn.execute(
            f"""
            INSERT OR IGNORE INTO deliveries (chat_id, article_id, kind, status, created_at,
                next_attempt_at)
            SELECT m.chat_id, MIN(m.article_id), 'article', 'pending', :now, :now
            FROM (
                SELECT s.chat_id, t.article_id FROM article_topics t
                JOIN subscriptions s ON s.topic_id = t.topic_id
                WHERE t.article_id BETWEEN :first AND :last
                UNION
                SELECT al.chat_id, x.article_id FROM article_alerts x
                JOIN alerts al ON al.id = x.alert_id
                WHERE x.article_id BETWEEN :first AND :last
            ) m
            JOIN articles a ON a.id = m.article_id
            JOIN chats c ON c.id = m.chat_id
            WHERE c.active = 1 AND {story_range}
                AND {_WANTS_LANGUAGE.format(chat="c", article="a")}
                AND NOT {_HAS_STORY.format(chat="m.chat_id", story="a.story_id")}
            GROUP BY m.chat_id, COALESCE(a.story_id, a.id)
            """,
            {"now": now, "first": first_id, "last": last_id},
        )


# Whether a chat receives articles in this one's language: every language unless it chose
# some; an article whose language is unknown always goes.
_WANTS_LANGUAGE = """({chat}.article_languages IS NULL OR {article}.language IS NULL
    OR instr(' ' || {chat}.article_languages || ' ',
             ' ' || substr({article}.language, 1, 2) || ' ') > 0)"""


# Whether a chat has (or had) an article of a story in its outbox: the story's first
# article, or one that joined it. Each part is a lookup in the (chat, article) index (the
# CROSS JOIN keeps SQLite from walking all of the chat's deliveries instead). Only a
# delivery on its way or sent counts: one cancelled (the chat was deactivated) or dead
# (Telegram kept refusing it) leaves the chat free to get the story from another article.
_HAS_STORY = """(EXISTS (
        SELECT 1 FROM deliveries d
        WHERE d.chat_id = {chat} AND d.article_id = {story} AND d.status IN ('pending', 'sent'))
    OR EXISTS (
        SELECT 1 FROM articles o CROSS JOIN deliveries d
        WHERE o.story_id = {story} AND d.chat_id = {chat} AND d.article_id = o.id
            AND d.status IN ('pending', 'sent')))"""


async def enqueue_backlog(
    db: Database, chat_id: int, topic_id: int, *, limit: int, since: int, now: int
) -> int:
    """On a new subscription: the newest article of each of the topic's few newest stories,
    never the backlog behind them (not even on re-subscribing), and never a story this chat
    already got."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"""
            INSERT OR IGNORE INTO deliveries (chat_id, article_id, kind, status, created_at,
                next_attempt_at)
            SELECT :chat, newest.article_id, 'article', 'pending', :now, :now
            FROM (
                SELECT article_id, story, published_at FROM (
                    SELECT t.article_id, t.published_at, COALESCE(a.story_id, a.id) AS story,
                        ROW_NUMBER() OVER (PARTITION BY COALESCE(a.story_id, a.id)
                            ORDER BY t.published_at DESC, t.article_id) AS place
                    FROM article_topics t JOIN articles a ON a.id = t.article_id
                    JOIN chats c ON c.id = :chat
                    WHERE t.topic_id = :topic AND t.published_at >= :since
                        AND {_WANTS_LANGUAGE.format(chat="c", article="a")}
                ) ranked
                WHERE place = 1 ORDER BY published_at DESC, article_id LIMIT :limit
            ) newest
            WHERE NOT {_HAS_STORY.format(chat=":chat", story="newest.story")}
            """,
            {"chat": chat_id, "now": now, "topic": topic_id, "since": since, "limit": limit},
        )
        return cursor.rowcount


async def cancel_unwanted(db: Database, chat_id: int) -> int:
    """After a chat unsubscribes, removes an alert or narrows its article languages: its
    pushes still waiting (held for quiet hours, a digest or pacing, or a new follower's
    few newest stories) that none of its topics or alerts want any more, or in a language it
    no longer reads, are cancelled, so "Unsubscribed" is not followed by pushes on that
    topic. Broadcasts are untouched."""
    return await db.execute(
        f"""
        UPDATE deliveries SET status = 'cancelled', last_error = 'no longer wanted'
        WHERE chat_id = ? AND status = 'pending' AND kind = 'article'
            AND article_id IS NOT NULL
            AND ((NOT EXISTS (
                    SELECT 1 FROM article_topics t
                    JOIN subscriptions s ON s.topic_id = t.topic_id AND s.chat_id = ?
                    WHERE t.article_id = deliveries.article_id)
                AND NOT EXISTS (
                    SELECT 1 FROM article_alerts x
                    JOIN alerts al ON al.id = x.alert_id AND al.chat_id = ?
                    WHERE x.article_id = deliveries.article_id))
                OR NOT EXISTS (
                    SELECT 1 FROM articles a JOIN chats c ON c.id = ?
                    WHERE a.id = deliveries.article_id
                        AND {_WANTS_LANGUAGE.format(chat="c", article="a")}))
        """,
        (chat_id, chat_id, chat_id, chat_id),
    )


async def chats_with_due(db: Database, *, now: int, limit: int = 100_000) -> list[int]:
    rows = await db.fetch_all(
        """
        SELECT chat_id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?
        GROUP BY chat_id ORDER BY MIN(created_at), chat_id LIMIT ?
        """,
        (now, limit),
    )
    return [row[0] for row in rows]


async def due_for_chat(
    db: Database, chat_id: int, *, now: int, messages_only: bool = False
) -> list[PendingDelivery]:
    """Due deliveries of one chat, oldest story first, with the chat's topics each matched.
    The chat's own index, always: without statistics SQLite would pick the status index and
    scan every pending row of a fan-out for each chat. `messages_only`: just the fixed
    messages, for a chat whose stories wait (digest, quiet hours): no article is read."""
    rows = await db.fetch_all(
        """
        SELECT d.id AS delivery_id, d.chat_id, d.kind, d.attempts, d.payload,
            d.created_at AS queued_at, a.*,
            (SELECT group_concat(tp.name, char(31)) FROM article_topics x
               JOIN topics tp ON tp.id = x.topic_id
               JOIN subscriptions s ON s.topic_id = x.topic_id AND s.chat_id = d.chat_id
             WHERE x.article_id = d.article_id) AS topic_names,
            (SELECT group_concat(al.phrase, char(31)) FROM article_alerts y
               JOIN alerts al ON al.id = y.alert_id
             WHERE y.article_id = d.article_id AND al.chat_id = d.chat_id) AS alert_phrases
        FROM deliveries d INDEXED BY deliveries_chat_status
        LEFT JOIN articles a ON a.id = d.article_id
        WHERE d.chat_id = ? AND d.status = 'pending' AND d.next_attempt_at <= ?
            AND (? = 0 OR d.kind = 'message')
        ORDER BY COALESCE(a.published_at, d.created_at), d.id
        """,
        (chat_id, now, int(messages_only)),
    )
    found = []
    for row in rows:
        article = ArticleRecord.from_row(row) if row["id"] is not None else None
        found.append(
            PendingDelivery(
                id=row["delivery_id"],
                chat_id=row["chat_id"],
                kind=row["kind"],
                attempts=row["attempts"],
                created_at=row["queued_at"],
                article=article,
                payload=row["payload"],
                topic_names=concat_names(row["topic_names"]),
                alert_phrases=concat_names(row["alert_phrases"]),
            )
        )
    return found


async def mark_sent(
    db: Database, delivery_ids: Sequence[int], *, now: int, paid: bool = False
) -> None:
    """`paid`: sent with allow_paid_broadcast (Telegram charges Stars for it)."""
    await _set_status(
        db, delivery_ids, "status = 'sent', sent_at = ?, paid = ?", (now, int(paid))
    )


async def retry_later(
    db: Database, delivery_ids: Sequence[int], *, at: int, error: str, count_attempt: bool
) -> None:
    """Put back for later: a flood wait does not count as a failed attempt, an error does."""
    attempts = "attempts + 1" if count_attempt else "attempts"
    await _set_status(
        db,
        delivery_ids,
        f"next_attempt_at = ?, last_error = ?, attempts = {attempts}",
        (at, error[:300]),
    )


async def refund_attempt(db: Database, delivery_ids: Sequence[int], *, at: int) -> None:
    """Take back one counted attempt: the failure turned out to be Telegram's outage, which
    never counts against a delivery. Due again at `at`. One given up for it (it was past
    the horizon, as everything is after a long outage) is pending again: only a chat's own
    failures make a dead letter."""
    await _set_status(
        db,
        delivery_ids,
        "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, next_attempt_at = ?, "
        "status = CASE WHEN status = 'dead' THEN 'pending' ELSE status END",
        (at,),
    )


async def mark_dead(db: Database, delivery_ids: Sequence[int], *, error: str) -> None:
    await _set_status(
        db, delivery_ids, "status = 'dead', attempts = attempts + 1, last_error = ?", (error[:300],)
    )


async def _set_status(
    db: Database, delivery_ids: Sequence[int], assignments: str, values: tuple[object, ...]
) -> None:
    if not delivery_ids:
        return
    marks = ",".join("?" * len(delivery_ids))
    await db.execute(
        f"UPDATE deliveries SET {assignments} WHERE id IN ({marks})", (*values, *delivery_ids)
    )


async def deactivate_chat(db: Database, chat_id: int, *, reason: str, now: int) -> None:
    """The chat blocked us or is gone: stop delivering and cancel what was waiting."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE id = ?",
            (reason[:200], now, chat_id),
        )
        await conn.execute(
            "UPDATE deliveries SET status = 'cancelled', last_error = ? "
            "WHERE chat_id = ? AND status = 'pending'",
            (reason[:300], chat_id),
        )


async def migrate_chat(db: Database, old_id: int, new_id: int, *, now: int) -> None:
    """A group became a supergroup: its settings, subscriptions and outbox follow it."""
    async with db.transaction() as conn:
        async with conn.execute("SELECT 1 FROM chats WHERE id = ?", (new_id,)) as cursor:
            exists = await cursor.fetchone() is not None
        if exists:
            # The new chat already talked to us: keep its record, bring over the rest.
            await conn.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, topic_id, created_at) "
                "SELECT ?, topic_id, created_at FROM subscriptions WHERE chat_id = ?",
                (new_id, old_id),
            )
            # Alerts move (their article matches with them); the old group's article
            # languages too, unless the new chat chose its own. Deleting the old row
            # below would otherwise take the alerts with it.
            await _update_or_ignore(
                db, conn, "alerts", "phrase_key", new_id=new_id, old_id=old_id
            )
            await conn.execute(
                "UPDATE chats SET article_languages = COALESCE(article_languages, "
                "(SELECT article_languages FROM chats WHERE id = ?)) WHERE id = ?",
                (old_id, new_id),
            )
            await _update_or_ignore(
                db, conn, "deliveries", "article_id", new_id=new_id, old_id=old_id
            )
            await conn.execute("DELETE FROM chats WHERE id = ?", (old_id,))
        else:
            # ON UPDATE CASCADE moves subscriptions and deliveries with the id.
            await conn.execute(
                "UPDATE chats SET id = ?, type = 'supergroup', updated_at = ? WHERE id = ?",
                (new_id, now, old_id),
            )


async def _update_or_ignore(
    db: Database, conn: Any, table: str, key: str, *, new_id: int, old_id: int
) -> None:
    """Move a chat's rows to its new id, leaving those the new chat already has under
    (chat_id, key): SQLite's UPDATE OR IGNORE, which PostgreSQL spells out."""
    if db.is_postgres:
        await conn.execute(
            f"UPDATE {table} SET chat_id = ? WHERE chat_id = ? AND NOT ({key} IS NOT NULL AND "
            f"EXISTS (SELECT 1 FROM {table} e WHERE e.chat_id = ? AND e.{key} = {table}.{key}))",
            (new_id, old_id, new_id),
        )
    else:
        await conn.execute(
            f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
        )


async def status_counts(db: Database) -> dict[str, int]:
    rows = await db.fetch_all("SELECT status, COUNT(*) FROM deliveries GROUP BY status")
    return {row[0]: row[1] for row in rows}


async def pending_count(db: Database) -> int:
    return int(
        await db.fetch_value("SELECT COUNT(*) FROM deliveries WHERE status = 'pending'", default=0)
    )


async def prune(db: Database, *, before: int) -> int:
    """Forget finished deliveries older than `before` (the unique index no longer needs them
    once their articles are past the backlog window)."""
    return await db.execute(
        "DELETE FROM deliveries WHERE status IN ('sent', 'cancelled', 'dead') AND created_at < ?",
        (before,),
    )
