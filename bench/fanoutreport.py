"""The fan-out benchmark's report rows: scenarios A and B, and what every scenario checks."""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter

from bench.fanoutapi import PAID_LIMIT, RETRY_AFTER, TELEGRAM_LIMIT
from bench.fanoutsetup import Outcome

TARGET_SHARE = 0.97  # of the limit, scenario A
TARGET_RATE = 1000.0  # messages per second, scenario B


def verdict(ok: bool) -> str:
    return "ok" if ok else "FAIL"


def heading(title: str) -> None:
    print()
    print(title)
    print("  " + "-" * 86)


def row(label: str, value: str, target: str = "", result: str = "") -> None:
    if len(value) > 16 and not target:
        print(f"  {label:<38}{value}")
    else:
        print(f"  {label:<38}{value:>16}   {target:<14}{result}".rstrip())


def share_row(label: str, share: float) -> None:
    row(label, f"{share:.1%}", f">= {TARGET_SHARE:.0%}", verdict(share >= TARGET_SHARE))


def print_common(out: Outcome) -> None:
    row(
        "duplicates (chats with >1 message)",
        f"{out.duplicates:,}",
        "0",
        verdict(out.duplicates == 0),
    )
    row("lost (chats with none)", f"{out.lost:,}", "0", verdict(out.lost == 0))
    if out.strangers:
        row("messages to unknown chats", f"{out.strangers:,}", "0", "FAIL")
    if out.wrong_text:
        row("messages without the story title", f"{out.wrong_text:,}", "0", "FAIL")
    if out.other_status:
        row("other sendMessage answers", str(out.other_status), "none", "FAIL")
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(out.db_counts.items()))
    row("DB deliveries", counts, f"sent {out.chats:,}", verdict(out.db_ok))
    if not out.finished:
        row("finished within the budget", "no", "yes", "FAIL")


def gap_stats(out: Outcome) -> tuple[float, float, float, float]:
    """Gaps between consecutive sendMessage attempts (ms): median, p1, p99; and the shortest
    span of LIMIT+1 consecutive attempts (s), below 1.0 meaning a 429 was bound to happen."""
    attempts = sorted(out.accepted_at + out.refused_at)
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(attempts)]
    if len(gaps) < 2:
        return 0.0, 0.0, 0.0, 0.0
    qs = statistics.quantiles(gaps, n=100)
    return statistics.median(gaps), qs[0], qs[98], shortest_span(attempts)


def shortest_span(attempts: list[float]) -> float:
    """The shortest time (s) that LIMIT+1 consecutive attempts (in order) took: below 1.0
    means more than the limit went out in one sliding second."""
    return min(
        (attempts[i + TELEGRAM_LIMIT] - attempts[i] for i in range(len(attempts) - TELEGRAM_LIMIT)),
        default=0.0,
    )


def timeline(out: Outcome, buckets: int = 6) -> list[tuple[str, str]]:
    """Accepted messages/s and 429s per slice of the run, to see where the rate went."""
    if not out.accepted_at:
        return []
    end = out.accepted_at[-1] - out.started_at
    width = max(10.0, end / buckets)
    slices = max(1, math.ceil(end / width - 1e-9))

    def index(t: float) -> int:
        return min(slices - 1, max(0, int((t - out.started_at) // width)))

    sent = Counter(index(t) for t in out.accepted_at)
    refused = Counter(index(t) for t in out.refused_at)
    lengths = [width] * (slices - 1) + [max(end - width * (slices - 1), 1e-9)]
    rates = " ".join(f"{sent[i] / lengths[i]:.1f}" for i in range(slices))
    errors = " ".join(str(refused[i]) for i in range(slices))
    return [(f"msgs/s per {width:.0f} s slice", rates), (f"429s per {width:.0f} s slice", errors)]


def print_a(out: Outcome) -> None:
    share = out.rate / TELEGRAM_LIMIT
    ideal = out.chats / TELEGRAM_LIMIT
    heading(
        f"Scenario A: rate-limited ({out.chats:,} chats, send_rate=30, stand-in allows "
        f"{TELEGRAM_LIMIT}/sliding s, 429 retry_after={RETRY_AFTER})"
    )
    row("setup (chats, subscriptions, story)", f"{out.setup_seconds:.2f} s")
    row("elapsed (drain loop)", f"{out.elapsed:.1f} s", f"ideal {ideal:.1f} s")
    row("drains", f"{out.drains}")
    row("accepted messages", f"{out.accepted:,}")
    row("effective rate", f"{out.rate:.2f}/s")
    share_row("  share of the 30/s limit", share)
    row("429 answers received", f"{out.refused_429:,}")
    row("deliveries rescheduled (flood wait)", f"{out.rescheduled:,}")
    if out.refused_at:
        first = ", ".join(f"{t - out.started_at:.1f}" for t in out.refused_at[:8])
        more = " ..." if len(out.refused_at) > 8 else ""
        row("429s at (s into the run)", first + more)
    if out.accepted_at:
        row(
            "first/last accept (s into the run)",
            f"{out.accepted_at[0] - out.started_at:.2f} / "
            f"{out.accepted_at[-1] - out.started_at:.1f}",
        )
    for label, line in timeline(out):
        row(label, line)
    median, p1, p99, span = gap_stats(out)
    row("send gap median / p1 / p99", f"{median:.1f}/{p1:.1f}/{p99:.1f} ms", "33.3 ms")
    row(f"shortest span of {TELEGRAM_LIMIT + 1} attempts", f"{span:.3f} s", "> 1.000 s")
    print_common(out)


def print_b(out: Outcome, label: str, peak: float, base: float) -> None:
    heading(f"Scenario B: {label} ({out.chats:,} chats, stand-in accepts everything)")
    row("setup (chats, subscriptions, story)", f"{out.setup_seconds:.2f} s")
    row("elapsed (drain loop)", f"{out.elapsed:.2f} s")
    row("drains", f"{out.drains}")
    row("accepted messages", f"{out.accepted:,}")
    row(
        "messages/s sustained",
        f"{out.rate:,.0f}",
        f">= {TARGET_RATE:,.0f}/s",
        verdict(out.rate >= TARGET_RATE),
    )
    if out.accepted_at:
        span = out.accepted_at[-1] - out.accepted_at[0]
        if span > 0:
            row("  first->last accept rate", f"{(out.accepted - 1) / span:,.0f}/s")
        row("  time to first accept", f"{(out.accepted_at[0] - out.started_at) * 1000:.0f} ms")
    row(
        "stand-in (FakeTelegram.handle) time",
        f"{out.stand_in_seconds:.2f} s",
        f"{out.stand_in_seconds / out.elapsed:.0%} of run" if out.elapsed else "",
    )
    rest = out.elapsed - out.stand_in_seconds
    if rest > 0:
        row("  rate without stand-in time", f"{out.accepted / rest:,.0f}/s")
    row("429 answers received", f"{out.refused_429:,}")
    print_common(out)
    row("RSS at start / process peak", f"{base:.0f} / {peak:.0f} MB")


def print_paid(out: Outcome, rate: float, paid: int) -> None:
    share = out.rate / rate
    heading(
        f"Scenario paid: {out.chats:,} chats, send_rate={rate:g} with paid broadcasts; "
        f"stand-in allows {TELEGRAM_LIMIT} free and {PAID_LIMIT} in all per sliding s"
    )
    row("elapsed (drain loop)", f"{out.elapsed:.2f} s", f"ideal {out.chats / rate:.1f} s")
    row("accepted messages", f"{out.accepted:,}")
    row("  of them paid (allow_paid_broadcast)", f"{paid:,}")
    row("  free", f"{out.accepted - paid:,}")
    row("effective rate", f"{out.rate:.1f}/s")
    share_row(f"  share of {rate:,.0f}/s", share)
    if len(out.accepted_at) > 1:
        span = out.accepted_at[-1] - out.accepted_at[0]
        row("  first->last accept rate", f"{(out.accepted - 1) / span:,.1f}/s")
        row("  time to first accept", f"{(out.accepted_at[0] - out.started_at) * 1000:.0f} ms")
    row("429 answers received", f"{out.refused_429:,}")
    print_common(out)


def print_channels(
    order: list[tuple[float, bool]],
    start: float,
    wanted: set[int],
    per_chat: Counter[int],
    *,
    chats: int,
) -> bool:
    """The channel scenario's rows up to the last channel post; True when every channel had
    its post exactly once."""
    channels = len(wanted)
    posts = [i for i, (_, is_channel) in enumerate(order) if is_channel]
    last = posts[-1] if posts else -1
    last_at = order[last][0] - start if posts else float("nan")
    before = sum(1 for _, is_channel in order[: last + 1] if not is_channel)
    channel_dups = sum(1 for c in wanted if per_chat[c] > 1)
    channel_lost = sum(1 for c in wanted if per_chat[c] == 0)
    heading(
        f"Scenario channels: {channels} linked channels and {chats:,} private chats, "
        f"send_rate=30, stand-in allows {TELEGRAM_LIMIT}/sliding s"
    )
    row(
        "time to the last channel post",
        f"{last_at:.2f} s",
        f"ideal {channels / TELEGRAM_LIMIT:.1f} s",
    )
    row("private messages before it", f"{before:,}", "0", verdict(before == 0))
    row("channels posted twice", f"{channel_dups}", "0", verdict(channel_dups == 0))
    row("channels without the post", f"{channel_lost}", "0", verdict(channel_lost == 0))
    return channel_dups == 0 and channel_lost == 0
