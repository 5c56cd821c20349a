"""The outage scenario: scenario A with Telegram down for 5 minutes in the middle."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import LogLines
from bench.fanoutapi import TELEGRAM_LIMIT
from bench.fanoutreport import TARGET_SHARE, heading, print_common, row, shortest_span, verdict
from bench.fanoutsetup import IDLE_PAUSE, Bench, Outcome, SkewClock, check, pending, prepare
from bot.local_api import TIMEOUT

DOWNTIME = 300  # seconds of the bot's clock
DOWN_STEP = 5


@dataclass
class OutageOutcome:
    base: Outcome
    failed_sends: int
    probes: int
    outages: int
    paused_at_accept: int
    first_after: float  # s from recovery to the first accept
    last_after: float  # s from recovery to the last accept
    accepted_after: int
    refused_after: int
    rate_after: float
    span_after: float  # shortest span of LIMIT+1 attempts after recovery
    max_attempts: int
    log_lines: list[str]


async def _drain_while_closed(bench: Bench) -> int:
    """Before: real time, until the stand-in went down and the breaker noticed."""
    drains = 0
    while bench.services.breaker.closed and await pending(bench):
        report = await bench.worker.drain()
        drains += 1
        if report.sent == 0:
            await asyncio.sleep(IDLE_PAUSE)
    return drains


async def _down(bench: Bench, clock: SkewClock) -> int:
    """Down: 5 minutes of the bot's clock, 502s then timeouts, a tick every 5 s."""
    drains = 0
    for step in range(DOWNTIME // DOWN_STEP):
        if step * DOWN_STEP >= DOWNTIME / 2:
            bench.telegram.outage = TIMEOUT
        clock.offset += DOWN_STEP
        await bench.worker.drain()
        drains += 1
    return drains


async def _drain_after(bench: Bench, started: float, budget: float) -> int:
    """Back: real time again, until the outbox is empty."""
    drains = 0
    while await pending(bench) and time.perf_counter() - started < budget:
        report = await bench.worker.drain()
        drains += 1
        if report.sent == 0:
            await asyncio.sleep(IDLE_PAUSE)
    return drains


@dataclass
class _Phases:
    paused_at: int  # accepts before the outage
    timeouts: int
    recovered: float  # time.monotonic() when the stand-in came back
    max_attempts: int


async def _run_outage(bench: Bench, clock: SkewClock, budget: float) -> tuple[Outcome, _Phases]:
    tg = bench.telegram
    start_mono = time.monotonic()
    start = time.perf_counter()
    drains = await _drain_while_closed(bench)
    paused_at = len(tg.accepted_at)
    drains += await _down(bench, clock)
    timeouts = sum(1 for c in tg.calls if c.method == "sendMessage" and c.status == 0)
    tg.outage = None
    recovered = time.monotonic()
    drains += await _drain_after(bench, start, budget)
    elapsed = time.perf_counter() - start
    out = await check(bench, "outage", elapsed, drains, await pending(bench) == 0, start_mono)
    max_attempts = int(
        await bench.services.db.fetch_value("SELECT MAX(attempts) FROM deliveries", default=0)
    )
    return out, _Phases(paused_at, timeouts, recovered, max_attempts)


async def scenario_outage(chats: int, budget: float) -> OutageOutcome:
    clock = SkewClock()
    collect = LogLines(logging.INFO)
    logging.getLogger("bot.delivery").addHandler(collect)
    with tempfile.TemporaryDirectory(prefix="fanout-outage-") as tmp:
        bench = await prepare(
            Path(tmp), chats=chats, send_rate=30, limit=TELEGRAM_LIMIT, clock=clock
        )
        tg, breaker = bench.telegram, bench.services.breaker
        tg.down_after = chats // 2
        try:
            out, phases = await _run_outage(bench, clock, budget)
        finally:
            await bench.close()
            logging.getLogger("bot.delivery").removeHandler(collect)
    failed = phases.timeouts + sum(n for code, n in tg.statuses.items() if code not in (200, 429))
    out.other_status = {}  # the outage's 502s are expected; reported as failed sends
    recovered = phases.recovered
    after = [t for t in out.accepted_at if t >= recovered]
    refused_after = [t for t in out.refused_at if t >= recovered]
    rate = (len(after) - 1) / (after[-1] - after[0]) if len(after) > 1 else 0.0
    return OutageOutcome(
        base=out,
        failed_sends=failed,
        probes=breaker.probes + 1,  # the failed ones and the one Telegram answered
        outages=breaker.outages,
        paused_at_accept=phases.paused_at,
        first_after=(after[0] - recovered) if after else float("nan"),
        last_after=(after[-1] - recovered) if after else float("nan"),
        accepted_after=len(after),
        refused_after=len(refused_after),
        rate_after=rate,
        span_after=shortest_span(sorted(after + refused_after)),
        max_attempts=phases.max_attempts,
        log_lines=collect.lines,
    )


def print_outage(o: OutageOutcome) -> None:
    out = o.base
    heading(
        f"Outage: scenario A ({out.chats:,} chats, send_rate=30, stand-in allows "
        f"{TELEGRAM_LIMIT}/sliding s) with Telegram down for {DOWNTIME} s of the bot's clock "
        f"after {out.chats // 2:,} accepts (502, then timeouts)"
    )
    row("setup (chats, subscriptions, story)", f"{out.setup_seconds:.2f} s")
    row("accepted before the outage", f"{o.paused_at_accept:,}")
    row("sends that failed (502/timeout)", f"{o.failed_sends:,}", "<= a few")
    row("getMe probes during the outage", f"{o.probes:,}")
    row("outages the breaker counted", f"{o.outages}", "1", verdict(o.outages == 1))
    row(
        "recovery -> first accept",
        f"{o.first_after:.1f} s",
        "<= 30 s",
        verdict(o.first_after <= 30),
    )
    row("recovery -> outbox drained", f"{o.last_after:.1f} s")
    ideal = o.accepted_after / TELEGRAM_LIMIT
    row("  of which sending", f"{o.last_after - o.first_after:.1f} s", f"ideal {ideal:.1f} s")
    row("accepted after recovery", f"{o.accepted_after:,}")
    share = o.rate_after / TELEGRAM_LIMIT
    row(
        "rate after recovery",
        f"{o.rate_after:.2f}/s ({share:.1%})",
        f">= {TARGET_SHARE:.0%}",
        verdict(share >= TARGET_SHARE),
    )
    row(
        f"shortest span of {TELEGRAM_LIMIT + 1} attempts after",
        f"{o.span_after:.3f} s",
        "> 1.000 s",
        verdict(o.span_after > 1.0),
    )
    row("429 answers after recovery", f"{o.refused_after:,}", "0", verdict(o.refused_after == 0))
    row(
        "attempts counted (max per delivery)",
        f"{o.max_attempts}",
        "0",
        verdict(o.max_attempts == 0),
    )
    row("total elapsed (real)", f"{out.elapsed:.1f} s")
    print_common(out)
    began = sum(1 for line in o.log_lines if line.startswith("Telegram unreachable"))
    ended = sum(1 for line in o.log_lines if line.startswith("Telegram reachable again"))
    row(
        "log lines: outage began / ended",
        f"{began} / {ended}",
        "1 / 1",
        verdict((began, ended) == (1, 1)),
    )
