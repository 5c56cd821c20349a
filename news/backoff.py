"""When to poll a feed next: back off on failures, honour the server's Retry-After."""

from __future__ import annotations

import random

# 2**64 already exceeds any sane cap; bounding the exponent avoids float overflow for a
# feed that has been failing for a very long time.
_MAX_EXPONENT = 64


def next_fetch_delay(
    *,
    consecutive_errors: int,
    poll_interval: float,
    retry_after: float | None = None,
    cap: float = 86400,
) -> float:
    """Seconds to wait before the next fetch of a feed.

    Doubles per consecutive error so a broken feed costs little, but never polls more
    often than `poll_interval` nor sooner than the server asked (Retry-After). The cap
    keeps a long outage from pushing the next attempt out indefinitely.
    """
    errors = max(0, min(consecutive_errors, _MAX_EXPONENT))
    delay = poll_interval if errors == 0 else min(poll_interval * 2.0**errors, cap)
    delay = max(delay, poll_interval)
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(retry_after, cap))
    return delay


def jittered(seconds: float, *, fraction: float = 0.1, rng: random.Random | None = None) -> float:
    """Spread `seconds` by +-`fraction` so feeds added together don't all poll together."""
    source = rng if rng is not None else random
    return max(0.0, seconds * (1.0 + source.uniform(-fraction, fraction)))
