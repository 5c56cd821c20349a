"""Pacing for pushes, so Telegram never has to refuse them: a global rate across all chats,
one message per second to a private chat, twenty a minute to a group, and each chat's
retry_after honoured. Replies to commands do not pass through here."""

from __future__ import annotations

import asyncio
import math
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import timedelta

from telegram.error import RetryAfter

PRIVATE_INTERVAL = 1.0
GROUP_INTERVAL = 3.0  # 20 per minute
# After a 429 the whole pipeline slows a little for a while: Telegram's limits are not all
# published, and a refusal means we were near one.
SLOWDOWN_FACTOR = 1.25
SLOWDOWN_SECONDS = 30.0
WINDOW_MARGIN = 0.01
FREE_RATE = 30  # messages a second Telegram carries for free; more needs paid broadcasts


def retry_after_seconds(error: RetryAfter) -> float:
    """python-telegram-bot 22 gives an int (a timedelta with PTB_TIMEDELTA=1); read it once."""
    with warnings.catch_warnings():
        # Reading it warns that the type changes in a later major version; both are handled.
        warnings.simplefilter("ignore", DeprecationWarning)
        value: int | timedelta = error.retry_after
    if isinstance(value, timedelta):
        return max(0.0, value.total_seconds())
    return max(0.0, float(value))


class FloodControl:
    def __init__(
        self,
        rate: float,
        *,
        paid: bool = False,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rate = rate
        # Paid broadcasts: the first FREE_RATE sends of every sliding second go free, the
        # rest (up to `rate`) carry allow_paid_broadcast.
        self.paid = paid and rate > FREE_RATE
        self.clock = clock
        self.sleep = sleep
        self._chat_next: dict[int, float] = {}
        self._slow_until = 0.0
        self._last_send = float("-inf")
        # Send times of the last second's worth of messages: Telegram counts in a sliding
        # window, so evenly spaced sends that wake a little late must not crowd into one.
        self._window: deque[float] = deque(maxlen=max(1, math.ceil(rate)))
        self._free: deque[float] = deque()
        self._global = asyncio.Lock()

    def paid_refused(self) -> bool:
        """Telegram refused a paid send for the whole bot (no Stars, not allowed): back to
        the free rate for good. True the first time, so the caller logs it once."""
        if not self.paid:
            return False
        self.paid = False
        self.rate = min(self.rate, FREE_RATE)
        self._window = deque(self._window, maxlen=max(1, math.ceil(self.rate)))
        return True

    async def wait_turn(
        self, chat_id: int, *, group: bool, go_on: Callable[[], bool] | None = None
    ) -> bool | None:
        """Wait until this chat may get its next message and the global rate allows one.
        The chat's slot is reserved before sleeping; the global turn is decided on waking,
        under a lock, so a slowdown after a 429 takes effect at once. `go_on` is asked on
        waking (Telegram may have gone down meanwhile): False gives the global turn up, so
        paused sends take no share of the rate, and wait_turn returns None. Otherwise it
        returns whether this send is above the free rate, so must go as a paid broadcast."""
        now = self.clock()
        chat_slot = max(now, self._chat_next.get(chat_id, 0.0))
        self._chat_next[chat_id] = chat_slot + (GROUP_INTERVAL if group else PRIVATE_INTERVAL)
        if chat_slot > now:
            await self.sleep(chat_slot - now)
        async with self._global:
            if go_on is not None and not go_on():
                return None
            now = self.clock()
            interval = 1.0 / self.rate
            if now < self._slow_until:
                interval *= SLOWDOWN_FACTOR
            ready = self._last_send + interval
            if len(self._window) == self._window.maxlen:
                ready = max(ready, self._window[0] + 1.0 + WINDOW_MARGIN)
            if ready > now:
                await self.sleep(ready - now)
                now = self.clock()
                # Spaced from the slot, not from a late wake-up: lateness must not add up
                # (a millisecond a send is 3% of 30/s). The window still counts real times.
                self._last_send = ready
            else:
                self._last_send = now
            self._window.append(now)
            paid = self._is_paid(now)
        if len(self._chat_next) > 50_000:
            self._forget_idle(now)
        return paid

    def _is_paid(self, now: float) -> bool:
        if not self.paid:
            return False
        while self._free and self._free[0] <= now - 1.0 - WINDOW_MARGIN:
            self._free.popleft()
        if len(self._free) < FREE_RATE:
            self._free.append(now)
            return False
        return True

    def penalize(self, chat_id: int, retry_after: float) -> None:
        now = self.clock()
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), now + retry_after)
        self._slow_until = now + SLOWDOWN_SECONDS

    def chat_free_at(self, chat_id: int) -> float:
        return self._chat_next.get(chat_id, 0.0)

    def _forget_idle(self, now: float) -> None:
        self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
