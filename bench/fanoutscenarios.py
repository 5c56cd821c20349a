"""The fan-out benchmark's scenarios A, B, paid and channels: each on a fresh database."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import peak_rss_mb, rss_mb
from bench.fanoutapi import PAID_LIMIT, TELEGRAM_LIMIT
from bench.fanoutreport import print_a, print_b, print_channels, print_paid, row
from bench.fanoutsetup import Bench, Outcome, channel_ids, check, drain_until_empty, prepare
from bot.flood import FloodControl
from storage import deliveries as outbox

CHANNELS = 200  # linked channels in the channel scenario


async def scenario_a(chats: int, budget: float, *, analyze: bool) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="fanout-a-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=30, limit=TELEGRAM_LIMIT, analyze=analyze
        )
        try:
            elapsed, drains, finished, start = await drain_until_empty(bench, budget=budget)
            out = await check(bench, "A", elapsed, drains, finished, start)
        finally:
            await bench.close()
    print_a(out)
    return out


async def scenario_b(chats: int, *, pacing_off: bool, analyze: bool) -> Outcome:
    base = rss_mb()
    with tempfile.TemporaryDirectory(prefix="fanout-b-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=1000, limit=None, analyze=analyze, paid=True
        )
        try:
            if pacing_off:
                bench.worker.flood = FloodControl(1_000_000.0)
            elapsed, drains, finished, start = await drain_until_empty(bench, budget=600)
            out = await check(bench, "B", elapsed, drains, finished, start)
        finally:
            await bench.close()
    label = (
        "pacing out of the way (FloodControl 1,000,000/s): what the pipeline sustains"
        if pacing_off
        else "send_rate=1000 (the highest allowed setting)"
    )
    print_b(out, label, peak_rss_mb(), base)
    return out


async def scenario_paid(chats: int, rate: float) -> Outcome:
    """Paid broadcasts: send_rate=`rate` (1000 by default) with NEWSBRIEF_PAID_BROADCAST;
    the stand-in refuses (429) a 31st free send in a sliding second and a 1,001st send of
    any kind."""
    with tempfile.TemporaryDirectory(prefix="fanout-paid-") as tmp:
        bench = await prepare(
            Path(tmp),
            chats=chats,
            send_rate=rate,
            limit=TELEGRAM_LIMIT,
            paid=True,
            paid_limit=PAID_LIMIT,
        )
        try:
            elapsed, drains, finished, start = await drain_until_empty(bench, budget=120)
            out = await check(bench, "paid", elapsed, drains, finished, start)
            paid = bench.telegram.paid_accepted
        finally:
            await bench.close()
    print_paid(out, rate, paid)
    return out


@dataclass
class ChannelOutcome:
    clean: bool
    name: str = "channels"


async def _run_channels(
    bench: Bench, wanted: set[int], *, full: bool, budget: float
) -> tuple[list[tuple[float, bool]], float]:
    """Drain (until every channel has its post, unless `full`): each message's time and
    whether it went to a channel, and the time the drain began."""
    order: list[tuple[float, bool]] = []
    all_posted = asyncio.Event()

    def seen(message: Any) -> None:
        order.append((time.monotonic(), message.chat_id in wanted))
        if sum(1 for _, is_channel in order if is_channel) >= len(wanted):
            all_posted.set()

    bench.telegram.listeners.append(seen)
    start = time.monotonic()
    drain = asyncio.create_task(drain_until_empty(bench, budget=budget))
    if full:
        await drain
    else:
        posted = asyncio.create_task(all_posted.wait())
        await asyncio.wait([posted, drain], return_when=asyncio.FIRST_COMPLETED)
        posted.cancel()
        await bench.worker.stop()
        drain.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await drain
    return order, start


async def scenario_channels(chats: int, channels: int, *, full: bool) -> ChannelOutcome:
    """One story to `channels` linked channels and `chats` private chats at the free 30/s
    (the stand-in refusing a 31st message in a sliding second): channels go first. Stops
    once every channel has its post, unless `full`, which drains the private chats too."""
    with tempfile.TemporaryDirectory(prefix="fanout-channels-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=30, limit=TELEGRAM_LIMIT, channels=channels
        )
        wanted = set(channel_ids(channels))
        budget = (chats + channels) / TELEGRAM_LIMIT * 1.5 + 60 if full else 120
        try:
            order, start = await _run_channels(bench, wanted, full=full, budget=budget)
            per_chat = bench.telegram.per_chat
            counts = await outbox.status_counts(bench.services.db)
        finally:
            await bench.close()
    clean = print_channels(order, start, wanted, per_chat, chats=chats)
    if full:
        private_dups = sum(1 for c in range(1, chats + 1) if per_chat[c] > 1)
        private_lost = sum(1 for c in range(1, chats + 1) if per_chat[c] == 0)
        row("private chats: duplicates / lost", f"{private_dups} / {private_lost}", "0 / 0")
        row("DB deliveries", str(counts))
        clean = clean and private_dups == 0 and private_lost == 0
    else:
        row("messages sent when stopped", f"{len(order):,}")
    return ChannelOutcome(clean)
