"""What the outbox worker does with a chat's due items, and when: pure decisions, no I/O.

bot/delivery.py asks these questions and does the sending; every answer here depends only
on its arguments (and, for `PushWindow`, the pushes recorded in it), so each is covered by
a table test in tests/test_delivery_policy.py.
"""

from __future__ import annotations

import math
import random
from collections import deque
from datetime import datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from bot.breaker import chat_retry_delay
from storage.records import ChatRecord

# More pushes than this to one chat within an hour are folded into one digest.
FOLD_AFTER = 10
FOLD_WINDOW = 3600
# Up to this many new stories at once go out one by one; more become a digest.
SINGLE_PUSH_MAX = 3
# Stories that waited this long (quiet hours, the flood fold) are released as one digest.
HELD_AFTER = 600


def local_time(now: int, timezone: str) -> datetime:
    return datetime.fromtimestamp(now, tz=ZoneInfo(timezone))


def in_quiet_hours(chat: ChatRecord, now: int, default_timezone: str) -> bool:
    if not chat.quiet_start or not chat.quiet_end:
        return False
    current = local_time(now, chat.zone(default_timezone)).time()
    start, end = time.fromisoformat(chat.quiet_start), time.fromisoformat(chat.quiet_end)
    if start < end:
        return start <= current < end
    return current >= start or current < end  # across midnight


def digest_moment(chat: ChatRecord, now: int, default_timezone: str) -> int | None:
    """The latest scheduled digest time at or before now, as a UTC timestamp."""
    if not chat.digest_time:
        return None
    local_now = local_time(now, chat.zone(default_timezone))
    at = time.fromisoformat(chat.digest_time)
    moment = local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if moment > local_now:
        moment -= timedelta(days=1)
    return int(moment.timestamp())


def digest_due(chat: ChatRecord, now: int, default_timezone: str) -> bool:
    """The chat's digest time has come since its last digest."""
    moment = digest_moment(chat, now, default_timezone)
    return moment is not None and (chat.last_digest_at or 0) < moment


def format_duration(seconds: float) -> str:
    """For the log: 2 h 05 min, 7 min 30 s, 12 s."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


class Route(Enum):
    """Where a chat's due stories go in this drain (its fixed messages always go first)."""

    CHANNEL = "channel"  # a linked channel: each story as a post of its own, paced like a group
    NOTHING = "nothing"  # no stories are due
    DIGEST_TIME = "digest_time"  # the digest job sends these at the chat's time
    QUIET = "quiet"  # quiet hours: they wait, and come as one digest afterwards
    PUSH = "push"  # pushed now, at the pace `pace` decides


def route(chat: ChatRecord, stories: int, now: int, default_timezone: str) -> Route:
    if chat.linked:
        return Route.CHANNEL
    if not stories:
        return Route.NOTHING
    if chat.gets_digest:
        return Route.DIGEST_TIME
    if in_quiet_hours(chat, now, default_timezone):
        return Route.QUIET
    return Route.PUSH


def stories_wait(chat: ChatRecord, now: int, default_timezone: str) -> bool:
    """Whatever stories the chat has, `route` holds them now (digest or quiet hours): the
    drain need not read them, only the chat's fixed messages."""
    return route(chat, 1, now, default_timezone) in (Route.DIGEST_TIME, Route.QUIET)


class Pace(Enum):
    """How stories that are pushed now go out."""

    FOLD = "fold"  # the hour's pushes are spent: hold them until it has room, then a digest
    ONE_BY_ONE = "one_by_one"  # a few fresh stories: one push each, with its preview
    DIGEST = "digest"  # many at once, or held a while: one digest now


def was_held(now: int, oldest_queued: int, resumed_at: int) -> bool:
    """The stories waited long enough (quiet hours, the fold) to come as one digest. Time
    spent waiting through an outage (which ended at `resumed_at`) does not count."""
    return now - max(oldest_queued, resumed_at) > HELD_AFTER


def pace(stories: int, recent: int, *, held: bool) -> Pace:
    """`recent`: pushes the chat got within the last FOLD_WINDOW."""
    if recent >= FOLD_AFTER:
        return Pace.FOLD
    if stories <= SINGLE_PUSH_MAX and not held and recent + stories <= FOLD_AFTER:
        return Pace.ONE_BY_ONE
    return Pace.DIGEST


class PushWindow:
    """The times of each chat's pushes within the last FOLD_WINDOW, for the flood fold."""

    def __init__(self) -> None:
        self._times: dict[int, deque[int]] = {}

    def record(self, chat_id: int, at: int) -> None:
        self._times.setdefault(chat_id, deque()).append(at)

    def recent(self, chat_id: int, now: int) -> int:
        """Pushes to the chat within the window before `now` (older ones are forgotten)."""
        times = self._times.get(chat_id)
        if not times:
            return 0
        while times and times[0] <= now - FOLD_WINDOW:
            times.popleft()
        return len(times)

    def release_at(self, chat_id: int, now: int) -> int:
        """When a folded chat's hour has room again: its oldest push leaves the window."""
        times = self._times.get(chat_id)
        return (times[0] + FOLD_WINDOW) if times else now + FOLD_WINDOW


def retry_at(
    *, now: int, queued_at: int | None, horizon: int, attempts: int, rng: random.Random
) -> int | None:
    """When to try a chat's delivery again after its failure number `attempts + 1` (fast,
    then slower, never past the horizon counted from its queueing); None once the horizon
    has passed: then it is given up."""
    give_up_at = (queued_at if queued_at is not None else now) + horizon
    if now >= give_up_at:
        return None
    delay = max(1, math.ceil(chat_retry_delay(attempts + 1, rng)))
    return min(now + delay, give_up_at)


def flood_retry_at(now: int, wait: float) -> int:
    """After a 429 asking to wait `wait` seconds: a second more, to be past it for sure."""
    return now + int(wait) + 1
