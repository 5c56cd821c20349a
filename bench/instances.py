"""Several `newsbrief run` processes on one PostgreSQL database: delivery throughput with 1,
2 and 3 instances, and how long the survivors take to go on after the sender is SIGKILLed.

Run from the repository root (a PostgreSQL server is needed; each run uses a scratch schema
there and drops it):

    .venv/bin/python -m bench.instances                       # 2,000 chats, local server
    .venv/bin/python -m bench.instances --chats 500 --database postgresql://u@host/db

Everything is the production path: real processes (`python -m bot.cli run`, long polling)
against the Bot API served on loopback (testkit/fake_bot_server.py, which accepts
everything), a loopback feed with one new CSTO story, N private chats subscribed to CSTO.

* Throughput, limit lifted (as fanout.py's scenario B): NEWSBRIEF_SEND_RATE=1000 with
  paid broadcasts, with 1, 2 and 3 instances. Figure: accepted sendMessage per second from
  the first to the last. The outbox has one sender at a time (the leader lease), so more
  instances are failover, not more speed: the figure should stay flat.
* Paced: 3 instances at NEWSBRIEF_SEND_RATE=30: the accepted rate as a share of 30/s (the
  limit is the bot's, not each instance's: target >= 97 %) and the most sends in any
  sliding second (never above 30).
* Takeover: 3 instances, the leader SIGKILLed mid fan-out; seconds from the kill until
  another instance holds the leader lease and until the next message is accepted (target
  <= 15 s), and the same for the updates (long-polling) lease; then every chat checked:
  lost (target 0) and duplicates (at most the one message in flight).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from testkit import pgscratch
from testkit.fake_bot_server import FakeBotServer
from testkit.feedserver import FeedServer
from testkit.instances import prepare

TOKEN = "123456:BENCH-token"
# The repository root: the bot processes import this tree's code.
ROOT = Path(__file__).resolve().parents[1]
HEADLINE = "CSTO summit postponed to spring"
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Bench Wire</title>
<link>http://127.0.0.1/</link><item><guid>bench-1</guid><title>{HEADLINE}</title>
<link>http://127.0.0.1/bench-1</link><description>&lt;p&gt;The CSTO summit planned for
December has been postponed to the spring, the secretariat said on Monday.&lt;/p&gt;
</description></item></channel></rss>""".encode()


def start(
    workdir: Path, api: FakeBotServer, url: str, feed: str, rate: int
) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBRIEF_")}
    env.update(
        PYTHONPATH=str(ROOT),
        NEWSBRIEF_BOT_TOKEN=TOKEN,
        NEWSBRIEF_TELEGRAM_API_URL=api.base_url,
        NEWSBRIEF_DATABASE=url,
        NEWSBRIEF_FEEDS=feed,
        NEWSBRIEF_ALLOW_PRIVATE_NETWORK="true",
        NEWSBRIEF_SEND_RATE=str(rate),
        NEWSBRIEF_PAID_BROADCAST="true" if rate > 30 else "false",
        NEWSBRIEF_LOG_LEVEL="WARNING",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def holder(url: str, lease: str) -> str | None:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT holder FROM leases WHERE name = %s AND expires_at > %s", (lease, time.time())
        ).fetchone()
    return None if row is None else str(row[0])


def wait(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def delivered(api: FakeBotServer) -> collections.Counter[int]:
    return collections.Counter(m.chat_id for m in api.telegram.sent if HEADLINE in m.plain)


class Run:
    """One scenario: a scratch schema, a feed, the fake Bot API, k instances."""

    def __init__(self, server_url: str | None, chats: int, rate: int) -> None:
        """`server_url` None: one SQLite file instead (the baseline)."""
        self.server_url = server_url
        self.chats = chats
        self.rate = rate
        self.processes: list[subprocess.Popen[str]] = []

    def __enter__(self) -> Run:
        self.tmp = tempfile.TemporaryDirectory(prefix="newsbrief-instances-")
        if self.server_url is None:
            self.url, self.schema = str(Path(self.tmp.name) / "sqlite.db"), ""
        else:
            self.url, self.schema = pgscratch.create(self.server_url)
        self.feeds = FeedServer()
        self.feeds.start()
        self.feeds.add("/rss.xml", FEED)
        self.api = FakeBotServer(TOKEN)
        # A long poll cut short by a stopping instance is not worth a traceback here.
        self.api._server.handle_error = lambda *_: None  # type: ignore[method-assign]
        self.api.start()
        asyncio.run(prepare(self.url, self.feeds.url("/rss.xml"), range(1, self.chats + 1)))
        return self

    def launch(self, count: int) -> None:
        for _ in range(count):
            self.processes.append(
                start(
                    Path(self.tmp.name), self.api, self.url, self.feeds.url("/rss.xml"), self.rate
                )
            )

    def everyone(self) -> bool:
        return len(delivered(self.api)) >= self.chats

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            stop(process)
        self.api.stop()
        self.feeds.stop()
        if self.server_url is not None:
            pgscratch.drop(self.server_url, self.schema)
        self.tmp.cleanup()


def sliding_max(times: list[float]) -> int:
    best, first = 0, 0
    for last, t in enumerate(times):
        while t - times[first] >= 1.0:
            first += 1
        best = max(best, last - first + 1)
    return best


@dataclass
class Arrivals:
    """What the fake Bot API accepted in one fan-out."""

    finished: bool  # every chat had the story within the budget
    times: list[float]  # each accepted message, in order
    got: collections.Counter[int]  # messages with the story per chat

    @property
    def span(self) -> float:
        return (self.times[-1] - self.times[0]) if len(self.times) > 1 else 0.0

    @property
    def rate(self) -> float:
        return (len(self.times) - 1) / self.span if self.span else 0.0


def fan_out(
    server_url: str | None, chats: int, rate: int, instances: int, budget: float
) -> Arrivals:
    with Run(server_url, chats, rate) as run:
        run.launch(instances)
        finished = wait(run.everyone, budget)
        return Arrivals(finished, sorted(run.api.accepted_at), delivered(run.api))


def throughput(server_url: str | None, chats: int, instances: int, budget: float) -> str:
    arrivals = fan_out(server_url, chats, 1000, instances, budget)
    times, got, span = arrivals.times, arrivals.got, arrivals.span
    lost = chats - len(got)
    duplicates = sum(n - 1 for n in got.values() if n > 1)
    where = "SQLite, " if server_url is None else ""
    return (
        f"{where}{instances} instance{'s' if instances > 1 else ''}: {len(times):,} accepted in "
        f"{span:.1f} s = {arrivals.rate:,.0f} msg/s; lost {lost}, duplicates {duplicates}"
        + ("" if arrivals.finished else f" (budget of {budget:.0f} s spent)")
    )


def paced(server_url: str | None, chats: int, budget: float) -> str:
    instances = 1 if server_url is None else 3
    arrivals = fan_out(server_url, chats, 30, instances, budget)
    times, rate = arrivals.times, arrivals.rate
    spans = [b - a for a, b in zip(times, times[30:], strict=False)]
    # Fewer than 31 arrivals have no span of 31 to measure.
    shortest = f"{min(spans):.3f} s" if spans else "n/a (fewer than 31 arrivals)"
    where = "SQLite, 1 instance" if server_url is None else "3 instances"
    return (
        f"{where} at 30/s: {rate:.2f} msg/s = {rate / 30:.1%} of the limit (target >= 97 %);"
        f" most arrivals in any sliding second {sliding_max(times)}, shortest span of 31 "
        f"consecutive arrivals {shortest} (the sender spaces them 1.01 s; arrival "
        f"jitter on loopback); lost {chats - len(arrivals.got)}"
        + ("" if arrivals.finished else " (budget spent)")
    )


def _released(run: Run, lease: str, pid: int) -> bool:
    """Another process than `pid` holds `lease` (or nobody does yet: not released)."""
    return (holder(run.url, lease) or f":{pid}:").find(f":{pid}:") < 0


def _kill_sender(run: Run) -> str:
    """SIGKILL the first instance (the leader) mid fan-out; time the takeover."""
    first = run.processes[0]
    sent_before = len(run.api.accepted_at)
    killed_at = time.monotonic()
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    took = wait(lambda: _released(run, "leader", first.pid), 60)
    lease_s = time.monotonic() - killed_at
    wait(lambda: len(run.api.accepted_at) > sent_before, 60)
    resumed = [t for t in run.api.accepted_at if t > killed_at]
    resume_s = (min(resumed) - killed_at) if resumed else float("nan")
    return (
        f"takeover after SIGKILL of the sender: leader lease taken after {lease_s:.1f} s"
        f"{'' if took else ' (never)'}; next message accepted {resume_s:.1f} s after the "
        "kill (target <= 15 s)"
    )


def _kill_poller(run: Run) -> str | None:
    """SIGKILL the holder of the long-polling lease; time the next holder."""
    polling = holder(run.url, "updates")
    victim = next(
        (p for p in run.processes if polling and f":{p.pid}:" in polling and p.poll() is None),
        None,
    )
    if victim is None:
        return None
    killed_at = time.monotonic()
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    took = wait(lambda: _released(run, "updates", victim.pid), 60)
    return f"takeover of long polling after SIGKILL: {time.monotonic() - killed_at:.1f} s" + (
        "" if took else " (never)"
    )


def takeover(server_url: str, chats: int, budget: float) -> list[str]:
    lines: list[str] = []
    with Run(server_url, chats, 30) as run:
        run.launch(1)
        if not wait(lambda: holder(run.url, "leader") is not None, 60):
            return ["takeover: the first instance never took the leader lease"]
        run.launch(2)
        time.sleep(3)  # the others up, the fan-out under way
        # The leader is the first instance; kill it mid fan-out.
        wait(lambda: len(run.api.accepted_at) >= 60, 60)
        lines.append(_kill_sender(run))
        finished = wait(run.everyone, budget)
        got = delivered(run.api)
        lost = chats - len(got)
        duplicates = sum(n - 1 for n in got.values() if n > 1)
        lines.append(
            f"  then: lost {lost} (target 0), duplicates {duplicates} (at most the one in "
            f"flight)" + ("" if finished else " (budget spent)")
        )
        # The long-polling lease: kill its holder, time the next holder.
        polling = _kill_poller(run)
        if polling is not None:
            lines.append(polling)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--database",
        default=os.environ.get("NEWSBRIEF_TEST_POSTGRES_URL")
        or "postgresql://postgres@127.0.0.1:5432/test",
        help="PostgreSQL server URL (a scratch schema is made there and dropped)",
    )
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--paced-chats", type=int, default=900, help="30 s at 30/s")
    args = parser.parse_args(argv)
    print(
        f"instances bench: {args.chats:,} chats, {os.cpu_count()} CPUs, PostgreSQL beside "
        "one SQLite process (the baseline)"
    )
    print(throughput(None, args.chats, 1, budget=120), flush=True)
    for count in (1, 2, 3):
        print(throughput(args.database, args.chats, count, budget=120), flush=True)
    budget = args.paced_chats / 30 * 1.5 + 30
    print(paced(None, args.paced_chats, budget=budget), flush=True)
    print(paced(args.database, args.paced_chats, budget=budget), flush=True)
    for line in takeover(args.database, args.paced_chats, budget=args.paced_chats / 30 * 2 + 60):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
