"""What a Telegram error on a push means for its delivery: one pure table, no I/O.

python-telegram-bot 22 raises RetryAfter and ChatMigrated from the answer's parameters
whatever the HTTP status; then 403 -> Forbidden, 400 -> BadRequest, and everything else
(5xx, timeouts, connection errors) -> NetworkError, of which BadRequest and TimedOut are
subclasses. So the order of the checks below matters.
"""

from __future__ import annotations

from enum import Enum

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)


class Outcome(Enum):
    FLOOD_WAIT = "flood_wait"  # 429: wait retry_after for that chat; not a failed attempt
    MIGRATED = "migrated"  # the group became a supergroup: move it and send there
    CHAT_GONE = "chat_gone"  # blocked, kicked, deleted: deactivate, cancel its deliveries
    BAD_MARKUP = "bad_markup"  # Telegram refused our HTML: send the same as plain text
    REFUSED = "refused"  # this message refused for good: a dead letter
    # No answer, or a server error: Telegram as a whole or this chat alone, which only
    # several chats failing together can tell (bot/breaker.py decides).
    UNREACHABLE = "unreachable"


GONE_MARKERS = (
    "chat not found",
    "user is deactivated",
    "bot was kicked",
    "not enough rights",
    "have no rights",
    "bot is not a member",
    "group chat was deactivated",
    "need administrator rights",
    "chat_write_forbidden",
    "thread not found",  # a forum topic deleted: nowhere left to post
)
MARKUP_MARKERS = (
    "can't parse entities",
    "can't find end",
    "unsupported start tag",
    "unexpected end tag",
    "entity",
)


def classify(error: TelegramError, *, html: bool) -> Outcome | None:
    """The outcome of a failed send; None for errors about the bot itself (a revoked token,
    another instance polling), which no delivery can act on."""
    if isinstance(error, RetryAfter):
        return Outcome.FLOOD_WAIT
    if isinstance(error, ChatMigrated):
        return Outcome.MIGRATED
    if isinstance(error, Forbidden):
        return Outcome.CHAT_GONE
    if isinstance(error, BadRequest):
        reason = str(error).lower()
        if any(marker in reason for marker in GONE_MARKERS):
            return Outcome.CHAT_GONE
        if html and any(marker in reason for marker in MARKUP_MARKERS):
            return Outcome.BAD_MARKUP
        return Outcome.REFUSED
    if isinstance(error, NetworkError):
        return Outcome.UNREACHABLE
    return None


def may_have_arrived(error: TelegramError) -> bool:
    """A read timeout may come after Telegram accepted the message; a pool timeout means the
    request never left (python-telegram-bot says so in the message)."""
    return isinstance(error, TimedOut) and "pool timeout" not in str(error).lower()


def describe(error: TelegramError) -> str:
    """The error as the outbox records it."""
    text = str(error) or type(error).__name__
    if may_have_arrived(error):
        return f"timed out (Telegram may have delivered it): {text}"
    return text


def is_not_modified(error: BadRequest) -> bool:
    """Telegram refuses an edit that changes nothing; for us that edit already happened."""
    return "not modified" in str(error).lower()
