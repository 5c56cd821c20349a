"""The reader-command benchmark's measurement: commands delivered as real Updates to the
real Application, each `process_update` timed."""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from telegram import Update

from bot.app import build_application
from bot.context import NewsApp
from bot.local_api import FakeTelegram, LocalBotApi, UpdateFactory
from bot.services import Services, open_services
from bot.settings import Settings

TARGET_MS = 50.0
TARGETED = ("/latest", "/search", "/topics", "/topic", "/trending")
BUTTON = "lt:5:5:0"
BUTTON_LABEL = "Older stories (lt:5:5:0)"


@dataclass
class Result:
    command: str
    samples: list[float] = field(default_factory=list)  # milliseconds
    failures: list[str] = field(default_factory=list)

    def pct(self, p: float) -> float:
        ordered = sorted(self.samples)
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1]

    @property
    def targeted(self) -> bool:
        return self.command.split()[0] in TARGETED

    @property
    def passed(self) -> bool:
        return self.pct(99) <= TARGET_MS


class Bench:
    def __init__(self, services: Services, app: NewsApp, telegram: FakeTelegram) -> None:
        self.services = services
        self.app = app
        self.telegram = telegram
        self.updates = UpdateFactory()

    @classmethod
    async def start(cls, path: Path | str) -> Bench:
        services = await open_services(
            Settings(_env_file=None, database=str(path), feeds=[])  # type: ignore[call-arg]
        )
        telegram = FakeTelegram()
        app = build_application(
            services, token="123:BENCH", request=LocalBotApi(telegram), concurrent_updates=False
        )
        await app.initialize()
        return cls(services, app, telegram)

    async def close(self) -> None:
        await self.app.shutdown()
        await self.services.close()

    async def send(self, text: str, chat_id: int) -> tuple[float, int]:
        """Deliver one command; its process_update time (ms) and how many messages came."""
        before = len(self.telegram.sent)
        update = Update.de_json(self.updates.message(text, user_id=chat_id), self.app.bot)
        began = time.perf_counter()
        await self.app.process_update(update)
        elapsed = (time.perf_counter() - began) * 1000
        return elapsed, len(self.telegram.sent) - before

    async def press_older(self, chat_id: int) -> tuple[float, int]:
        """Send /latest (not timed), then press its "Older stories" button (timed)."""
        _, count = await self.send("/latest", chat_id)
        if count != 1:
            return float("nan"), count
        message = self.telegram.sent[-1]
        if not any(b.get("callback_data") == BUTTON for b in message.buttons):
            return float("nan"), 0
        before = len(self.telegram.sent)
        payload = self.updates.callback(
            BUTTON, user_id=chat_id, message=self.telegram.message_dict(message)
        )
        update = Update.de_json(payload, self.app.bot)
        began = time.perf_counter()
        await self.app.process_update(update)
        elapsed = (time.perf_counter() - began) * 1000
        return elapsed, len(self.telegram.sent) - before


async def run_once(bench: Bench, result: Result, chat_id: int, *, keep: bool) -> None:
    if result.command == BUTTON_LABEL:
        elapsed, produced = await bench.press_older(chat_id)
    else:
        elapsed, produced = await bench.send(result.command, chat_id)
    if produced != 1:
        result.failures.append(f"{produced} messages instead of 1")
    if keep:
        result.samples.append(elapsed)


async def measure(
    bench: Bench,
    labels: list[str],
    chat_ids: list[int],
    rng: random.Random,
    warmup: int,
    runs: int,
) -> list[Result]:
    """Rounds of every command in a shuffled order, so a burst of noise on the machine
    (or a garbage collection) lands on whichever command is running, not on one block."""
    results = {label: Result(label) for label in labels}
    for round_number in range(warmup + runs):
        order = list(labels)
        rng.shuffle(order)
        for label in order:
            chat_id = rng.choice(chat_ids)
            await run_once(bench, results[label], chat_id, keep=round_number >= warmup)
    return [results[label] for label in labels]


class GcWatch:
    """Full (generation 2) collections during the measurement, and their pauses."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._began) * 1000)
