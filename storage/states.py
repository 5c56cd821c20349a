"""Every status and kind string stored in the database, in one place.

The values are the text stored in SQLite and PostgreSQL columns, so they never change once
released (rename the Python name, never the value). `StrEnum` members compare equal to the
plain strings read back from rows, so callers compare a row's field with a member directly.
SQL in storage/ writes the same literals inside statements where a bound parameter would
hide an index's meaning; the values below are the list those literals must come from."""

from __future__ import annotations

from enum import StrEnum


class DeliveryStatus(StrEnum):
    """`deliveries.status`: one outbox row's life."""

    PENDING = "pending"  # waiting for its send time (next_attempt_at)
    SENT = "sent"  # Telegram accepted it; never sent again
    DEAD = "dead"  # given up: blocked, deleted chat, too many failures or past the horizon
    CANCELLED = "cancelled"  # withdrawn before sending (cancelled broadcast, unlinked channel)


class DeliveryKind(StrEnum):
    """`deliveries.kind`: what a row carries."""

    ARTICLE = "article"  # an article for a subscriber, channel or alert (article_id set)
    MESSAGE = "message"  # a fixed text, such as a broadcast (payload set)


class DeliveryMode(StrEnum):
    """`chats.delivery_mode`: how a chat gets its articles."""

    INSTANT = "instant"  # pushed as they arrive (outside quiet hours)
    DIGEST = "digest"  # gathered into one message a day at `chats.digest_time`


class FeedStatus(StrEnum):
    """`feeds.last_status`: how the feed's last fetch went."""

    OK = "ok"  # fetched and parsed
    NOT_MODIFIED = "not_modified"  # 304: nothing changed since the last fetch
    ERROR = "error"  # no usable answer (last_error says why)


class BroadcastStatus(StrEnum):
    """`broadcasts.status`: an admin's broadcast from preview to the last message."""

    DRAFT = "draft"  # previewed, waiting for the admin's confirmation
    SENDING = "sending"  # confirmed: its messages are in the outbox
    DONE = "done"  # every message sent or given up
    CANCELLED = "cancelled"  # the admin cancelled the draft
