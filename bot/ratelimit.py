"""A token bucket per user: a few requests a second, with a burst, the costly ones weighed
more, so one reader cannot keep the bot busy for everyone else."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from news.memo import Memo

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
        # The least recently seen user's bucket goes first when there are too many.
        self._buckets: Memo[_Bucket] = Memo(max_users)

    def take(self, user_id: int, cost: float) -> Verdict:
        """Spend `cost` tokens of the user's bucket, if it holds them."""
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets.put(user_id, _Bucket(tokens=self.burst, at=now))
        else:
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
