"""Telling a Telegram-wide outage from one chat's trouble, and pausing every push through it.

A circuit breaker over the outbox's sends, with no I/O of its own:

- closed: sends go out. A failure without an answer from Telegram (a timeout, a connection
  error, a 5xx) joins the current streak; any answer (a message accepted, or refused for a
  chat's own reasons) ends the streak. While fewer than THRESHOLD different chats are in
  the streak, a failure is taken for the chat's own: it counts against that delivery, which
  retries on the chat's schedule (`chat_retry_delay`).
- open: THRESHOLD different chats failed in a row, so Telegram itself is down. Nothing more
  is sent; failures (those in flight when it opened, and the streak's earlier ones, which
  are handed back for a refund) do not count against any delivery. Telegram is probed after
  1, 2, 4 ... s, at most PROBE_MAX apart, with jitter; the worker probes with getMe, which
  sends nothing to anyone, so probing can never duplicate a message.
- the first probe Telegram answers closes it; sends resume through the usual flood pacing.

Every change of state starts a new epoch. A send carries the epoch it began in, so a
straggler that began before the last change (a timeout arriving after the breaker opened,
or after it closed again) neither reopens nor closes it, and never counts against its
delivery.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

THRESHOLD = 3
PROBE_FIRST = 1.0
PROBE_MAX = 30.0
CHAT_RETRY_FIRST = 1.0
CHAT_RETRY_MAX = 600.0
# A streak longer than this is two or three chats failing for hours; the oldest entries
# are only refunds that would be owed, and losing them costs a slower retry, nothing more.
STREAK_LIMIT = 1000


def backoff(step: int, *, first: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with "equal jitter": between half and all of first * 2**(step-1),
    capped. Never zero (no hammering), never above the cap, and spread so that many waiting
    deliveries (or many bots) do not come back in the same instant."""
    ceiling = min(cap, first * 2.0 ** min(max(step - 1, 0), 40))
    return ceiling / 2 + rng.uniform(0.0, ceiling / 2)


def chat_retry_delay(attempt: int, rng: random.Random) -> float:
    """Seconds before retrying a chat's delivery after its `attempt`-th transient failure:
    about 1, 2, 4 s at first, then slower, at most ten minutes."""
    return backoff(attempt, first=CHAT_RETRY_FIRST, cap=CHAT_RETRY_MAX, rng=rng)


@dataclass(frozen=True)
class Verdict(Generic[T]):
    """What a failed send means for its delivery."""

    counts: bool  # the chat's own failure: an attempt of that delivery, retried per chat
    opened: bool = False  # this failure showed Telegram is down: an outage begins
    refund: tuple[T, ...] = ()  # the streak's earlier failures, counted before it was clear


class Breaker(Generic[T]):
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        threshold: int = THRESHOLD,
        probe_first: float = PROBE_FIRST,
        probe_max: float = PROBE_MAX,
    ) -> None:
        self.clock = clock
        self.rng = rng or random.Random()
        self.threshold = threshold
        self.probe_first = probe_first
        self.probe_max = probe_max
        self.epoch = 0
        self.since: float | None = None  # when the current outage began (clock time)
        self.reason = ""  # the error that opened it
        self.outages = 0
        self.probes = 0  # failed probes in the current outage
        self.probe_at = 0.0
        self._streak: list[tuple[int, T]] = []

    @property
    def closed(self) -> bool:
        return self.since is None

    def ticket(self) -> int | None:
        """Permission to send now: the epoch to report back with, or None while open."""
        return self.epoch if self.closed else None

    def answered(self, ticket: int) -> None:
        """Telegram answered a send begun with `ticket` (accepted it or refused it for the
        chat's own reasons): whatever failed before was not Telegram as a whole."""
        if ticket == self.epoch and self.closed:
            self._streak.clear()

    def failed(self, ticket: int, chat_id: int, token: T, reason: str) -> Verdict[T]:
        """A send begun with `ticket` got no answer or a server error."""
        if ticket != self.epoch or not self.closed:
            return Verdict(counts=False)
        self._streak.append((chat_id, token))
        del self._streak[:-STREAK_LIMIT]
        if len({chat for chat, _ in self._streak}) < self.threshold:
            return Verdict(counts=True)
        refund = tuple(token for _, token in self._streak[:-1])
        self._open(reason)
        return Verdict(counts=False, opened=True, refund=refund)

    def probe_due(self) -> bool:
        return not self.closed and self.clock() >= self.probe_at

    def probe_failed(self) -> None:
        self.probes += 1
        self._schedule_probe()

    def close(self) -> float:
        """Telegram answered a probe: the outage is over. Returns how long it lasted."""
        if self.since is None:
            return 0.0
        lasted = max(0.0, self.clock() - self.since)
        self.since = None
        self.epoch += 1
        self._streak.clear()
        return lasted

    def _open(self, reason: str) -> None:
        self.since = self.clock()
        self.reason = reason
        self.epoch += 1
        self.outages += 1
        self.probes = 0
        self._streak.clear()
        self._schedule_probe()

    def _schedule_probe(self) -> None:
        wait = backoff(self.probes + 1, first=self.probe_first, cap=self.probe_max, rng=self.rng)
        self.probe_at = self.clock() + wait
