"""Fan-out: one new story to thousands of subscribers through the real outbox worker.

Run from the repository root:

    .venv/bin/python -m bench.fanout              # B (10,000 chats), then A (10,000: ~6-7 min)
    .venv/bin/python -m bench.fanout --quick      # B, then A with 1,500 chats (~50 s)
    .venv/bin/python -m bench.fanout --scenario a --chats 3000
    .venv/bin/python -m bench.fanout --scenario b --profile
    .venv/bin/python -m bench.fanout --scenario outage --quick   # ~1.5 min
    .venv/bin/python -m bench.fanout --scenario outage           # 10,000 chats: ~6-7 min
    .venv/bin/python -m bench.fanout --database postgresql://postgres@127.0.0.1/test
                                  # the same on PostgreSQL, each scenario in a scratch schema

Everything is the production path: `open_services` on a SQLite file in a temporary
directory, the Application from `bot.app.build_application`, its `DeliveryWorker` with the
real `FloodControl` and the real `asyncio.sleep`, the real clock. Setup registers N private
chats subscribed to "CSTO" and stores ONE new CSTO article with `store_articles`, which
queues N deliveries in the same transaction. Then `worker.drain()` runs in a loop (a pause
of 0.2 s when a drain sent nothing) until the outbox is empty or the time budget is spent.

* A, rate-limited: send_rate=30 and a Bot API stand-in that accepts at most 30 sendMessage
  in any sliding second and answers the 31st with a real 429 (retry_after 1), which
  python-telegram-bot raises as RetryAfter. Figures: accepted/elapsed as a share of 30/s
  (target >= 97 %), 429s, duplicates, lost, delivery statuses.
* B, limit lifted: the stand-in accepts everything; send_rate=1000 with paid broadcasts (the
  highest setting; without NEWSBRIEF_PAID_BROADCAST the rate is held to 30/s);
  10,000 chats. Figures: messages/s (target >= 1,000/s on 2 cores), duplicates, lost, peak
  RSS. A second row runs the same pipeline with pacing out of the way (FloodControl at
  1,000,000/s) to show what the pipeline itself sustains: with send_rate=1000 the pacing
  spaces sends exactly 1 ms apart, so the first row can approach 1,000/s but never pass it. `--profile` adds a cProfile of
  one B drain (top 30 cumulative, event-loop thread) and the SQLite round trips per message.

* Outage, scenario A with Telegram down for 5 minutes in the middle: once half the chats
  were accepted, the stand-in answers every request (sendMessage and the breaker's getMe
  probes) with 502 Bad Gateway, then, for the second half of the downtime, with timeouts.
  The downtime passes on the bot's clock (the services clock: outbox times, the breaker's
  probes) in 5-second jumps, a drain (the job queue's tick) after each, so it costs no real
  time; sending before and after runs in real time against the real 30/s pacing. Figures:
  sends that failed (the breaker should stop after the first few), probes, time from
  recovery to the first accept (the probe backoff, at most 30 s) and to the last, the rate
  after recovery (share of 30/s, never 31 in a sliding second), 429s, lost, duplicates,
  attempts counted against deliveries (should be 0), dead letters (should be 0).

B runs first so its peak RSS is the process's. Exit status 1 when any chat got the story
twice or never.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import sqlite3
import sys

import telegram

from bench import fanoutsetup
from bench.fanoutapi import PAID_LIMIT, TELEGRAM_LIMIT
from bench.fanoutoutage import DOWNTIME, print_outage, scenario_outage
from bench.fanoutprofile import profile_b
from bench.fanoutscenarios import (
    CHANNELS,
    ChannelOutcome,
    scenario_a,
    scenario_b,
    scenario_channels,
    scenario_paid,
)
from bench.fanoutsetup import Outcome
from bot.delivery import CONCURRENT_CHATS

QUICK_CHATS = 1500


async def run(args: argparse.Namespace) -> int:
    a_chats = QUICK_CHATS if args.quick else args.chats
    budget = args.budget if args.budget is not None else a_chats / TELEGRAM_LIMIT * 1.5 + 60
    print(
        f"fanout bench: Python {platform.python_version()}, python-telegram-bot "
        f"{telegram.__version__}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
        f"CONCURRENT_CHATS={CONCURRENT_CHATS}"
    )
    if args.analyze:
        print("what-if: ANALYZE run after setup (not what production does)")
    outcomes: list[Outcome | ChannelOutcome] = []
    if args.scenario in ("paid", "all"):
        outcomes.append(await scenario_paid(args.b_chats, args.paid_rate))
    if args.scenario in ("channels", "all"):
        outcomes.append(await scenario_channels(args.b_chats, CHANNELS, full=args.channels_full))
    if args.scenario in ("b", "both", "all"):
        outcomes.append(await scenario_b(args.b_chats, pacing_off=False, analyze=args.analyze))
        outcomes.append(await scenario_b(args.b_chats, pacing_off=True, analyze=args.analyze))
        if args.profile:
            await profile_b(args.b_chats, analyze=args.analyze)
    if args.scenario in ("a", "both", "all"):
        outcomes.append(await scenario_a(a_chats, budget, analyze=args.analyze))
    if args.scenario == "outage":
        outage = await scenario_outage(a_chats, budget + DOWNTIME)
        print_outage(outage)
        outcomes.append(outage.base)
    print()
    bad = [o for o in outcomes if not o.clean]
    if bad:
        print("FAIL: duplicates or lost messages in " + ", ".join(o.name for o in bad))
        return 1
    print("no duplicates, none lost")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--scenario",
        choices=("a", "b", "both", "outage", "paid", "channels", "all"),
        default="both",
    )
    parser.add_argument(
        "--paid-rate",
        type=float,
        default=float(PAID_LIMIT),
        help="scenario paid: NEWSBRIEF_SEND_RATE (default 1000; lower shows the pacing where "
        "a busy machine cannot run the pipeline at 1,000/s)",
    )
    parser.add_argument(
        "--channels-full",
        action="store_true",
        help="scenario channels: drain the private chats too (about 6 min at 30/s)",
    )
    parser.add_argument(
        "--chats",
        type=int,
        default=10_000,
        help="chats in scenario A (default 10000: 333 s at 30/s, more with 429s)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"scenario A with {QUICK_CHATS:,} chats (about 50 s)"
    )
    parser.add_argument(
        "--b-chats", type=int, default=10_000, help="chats in scenario B (default 10000)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds scenario A may drain (default 1.5x the ideal + 60)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="scenario B: cProfile of a drain and SQLite round trips per message",
    )
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="what-if: run SQLite ANALYZE after setup (see the due_for_chat query plan)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="run on this PostgreSQL server (each scenario in a scratch schema, dropped "
        "after) instead of SQLite files",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.database is not None:
        fanoutsetup.DATABASE_URL = args.database
    if args.chats < 1 or args.b_chats < 1:
        parser.error("chat counts must be positive")
    if not 30 < args.paid_rate <= PAID_LIMIT:
        parser.error(f"--paid-rate must be above 30 and at most {PAID_LIMIT}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
