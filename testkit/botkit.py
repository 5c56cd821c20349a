"""A real newsbrief Application on a real SQLite file, talking to the in-process Bot API.

Every message the bot sends through it is checked against Telegram's rules (the fake refuses
invalid HTML, over-long text and bad callback data with a 400, as Telegram does), and
`BotHarness.send` fails the test if anything was refused.
"""

from __future__ import annotations

import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import build_application, flood_control
from bot.context import NewsApp
from bot.delivery import DeliveryWorker
from bot.lifecycle import application_running
from bot.local_api import FakeTelegram, LocalBotApi, SentMessage, UpdateFactory
from bot.ratelimit import RateLimiter
from bot.render import html_problems
from bot.services import Services, open_services
from bot.settings import Settings
from news.samples import SAMPLE_FEED_URLS

# The bundled sample site dates its stories relative to the real clock, so tests start there
# and move the clock forward by hand when they need time to pass.
NOW = int(time.time())


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class PacingClock:
    """Monotonic time for FloodControl that advances when it is slept on, so pacing is
    exact and instant in tests; `waits` records every pause it asked for."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


# Set by the `backend` fixture (tests/conftest.py): the PostgreSQL schema of this test.
DATABASE_OVERRIDE: str | None = None


class BotHarness:
    def __init__(self, services: Services, app: NewsApp, telegram: FakeTelegram) -> None:
        self.services = services
        self.app = app
        self.telegram = telegram
        self.updates = UpdateFactory()
        self.pacing = PacingClock()
        # Holds the Application's start/stop sequence (bot/lifecycle.py) between start and stop.
        self._lifecycle = AsyncExitStack()

    @classmethod
    async def start(
        cls,
        tmp_path: Path,
        *,
        feeds: list[str] | None = None,
        admin_ids: list[int] | None = None,
        clock: Clock | None = None,
        rate_limit: RateLimiter | None = None,
        **settings: Any,
    ) -> BotHarness:
        """`rate_limit`: the per-user limit to apply (tests of other features send commands
        faster than a person would, so by default there is none)."""
        config = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database=str(DATABASE_OVERRIDE or tmp_path / "bot.db"),
            feeds=SAMPLE_FEED_URLS if feeds is None else feeds,
            admin_ids=admin_ids or [],
            **settings,
        )
        services = await open_services(config, clock=clock or Clock())
        telegram = FakeTelegram()
        app = build_application(
            services, token="123:TEST", request=LocalBotApi(telegram), concurrent_updates=False
        )
        app.bot_data.rate_limiter = rate_limit
        harness = cls(services, app, telegram)
        # Initialized with its menus, never started: tests feed updates and drain by hand.
        await harness._lifecycle.enter_async_context(application_running(app, start=False))
        harness.pacing = PacingClock()
        harness.worker.flood = flood_control(
            config, clock=harness.pacing, sleep=harness.pacing.sleep
        )
        return harness

    async def ingest(self) -> None:
        await self.services.ingestor.poll_all(only_due=False)

    @property
    def worker(self) -> DeliveryWorker:
        return self.app.bot_data.delivery

    async def drain(self) -> list[SentMessage]:
        """Run the outbox worker once; return what it sent (checked like replies)."""
        before = len(self.telegram.sent)
        await self.worker.drain()
        return self._check_new(before)

    async def stop(self) -> None:
        await self._lifecycle.aclose()
        await self.services.close()

    def _check_new(self, before: int) -> list[SentMessage]:
        refused = self.telegram.refused()
        assert not refused, f"Telegram would refuse: {[c.response for c in refused]}"
        new = self.telegram.sent[before:]
        for message in new:
            if message.parse_mode == "HTML":
                assert html_problems(message.text) == [], message.text
        return new

    async def send(
        self,
        text: str,
        *,
        user_id: int = 1,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str | None = "en",
        thread_id: int | None = None,
    ) -> list[SentMessage]:
        """Deliver one message from a person; return what the bot sent in answer."""
        before = len(self.telegram.sent)
        payload = self.updates.message(
            text,
            user_id=user_id,
            chat_id=chat_id,
            chat_type=chat_type,
            language_code=language_code,
            thread_id=thread_id,
        )
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        return self._check_new(before)

    async def press(
        self, message: SentMessage, label_or_index: str | int, *, user_id: int = 1
    ) -> list[SentMessage]:
        """Press an inline button of `message` (by index or by a part of its label)."""
        current = self.telegram.messages[(message.chat_id, message.message_id)]
        buttons = current.buttons
        if isinstance(label_or_index, int):
            button = buttons[label_or_index]
        else:
            matches = [b for b in buttons if label_or_index in b["text"]]
            assert matches, f"no button {label_or_index!r} in {[b['text'] for b in buttons]}"
            button = matches[0]
        return await self.press_data(current, button["callback_data"], user_id=user_id)

    async def press_data(
        self, message: SentMessage, data: str, *, user_id: int = 1
    ) -> list[SentMessage]:
        before = len(self.telegram.sent)
        payload = self.updates.callback(
            data, user_id=user_id, message=self.telegram.message_dict(message)
        )
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        return self._check_new(before)

    def answers(self) -> list[str]:
        """Texts of answerCallbackQuery calls so far."""
        return [
            str(call.params.get("text", ""))
            for call in self.telegram.calls
            if call.method == "answerCallbackQuery"
        ]

    async def send_file(
        self, caption: str, data: bytes, *, user_id: int = 1, file_name: str | None = None
    ) -> list[SentMessage]:
        """Deliver a file a person sent (a document with `caption`, as /import takes one);
        return what the bot sent in answer."""
        before = len(self.telegram.sent)
        file_id = self.telegram.add_file(data)
        document: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(data),
        }
        if file_name is not None:
            document["file_name"] = file_name
        payload = self.updates.message(caption, user_id=user_id, document=document)
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        return self._check_new(before)
