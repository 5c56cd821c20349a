"""A token bucket per user: a few requests a second, with a burst, the costly ones weighed
more, so one reader cannot keep the bot busy for everyone else."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

# Sustained requests a second, and how many may come at once after a pause.
RATE = 3.0
BURST = 60.0
# The buckets of this many users are kept; a user not seen for long starts full again.
MAX_USERS = 20_000


class Verdict(Enum):
    ALLOWED = "allowed"
    # Refused, and the first refusal since the last allowed request: say so, once.
    REFUSED_FIRST = "refused_first"
    # Refused again: stay silent, so a flood of requests is not answered by a flood.
    REFUSED = "refused"


@dataclass
class _Bucket:
    tokens: float
    at: float
    told: bool = False


class RateLimiter:
    def __init__(
        self,
        *,
        rate: float = RATE,
        burst: float = BURST,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = MAX_USERS,
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.max_users = max_users
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()

    def take(self, user_id: int, cost: float) -> Verdict:
        """Spend `cost` tokens of the user's bucket, if it holds them."""
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = _Bucket(tokens=self.burst, at=now)
            self._buckets[user_id] = bucket
            if len(self._buckets) > self.max_users:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(user_id)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            bucket.told = False
            return Verdict.ALLOWED
        if bucket.told:
            return Verdict.REFUSED
        bucket.told = True
        return Verdict.REFUSED_FIRST
