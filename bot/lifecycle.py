"""The Application's one start/stop sequence, for `newsbrief run`, `newsbrief console` and
the test harness (testkit/botkit.py):

    initialize -> command menus -> [before_jobs] -> jobs -> start
        ... the caller's work ...
    [stop sending: the send in flight finishes] -> stop -> shutdown

The order is what makes a clean stop possible: the outbox worker is told to stop before the
Application stops, because stopping waits for the running jobs and a drain in flight would
otherwise go on sending to the end of the outbox after SIGTERM.

The services (database, fetcher) belong to whoever opened them and are closed by them once
this is done: `newsbrief run` stops its own pieces (signal handlers, metrics server) after
the shutdown and before the database closes.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from telegram.error import TelegramError

from bot.app import set_command_menus
from bot.context import NewsApp
from bot.jobs import schedule_jobs

# Only `newsbrief run` lets menus fail; operators' log filters know this line as bot.runner's.
log = logging.getLogger("bot.runner")


@asynccontextmanager
async def application_running(
    app: NewsApp,
    *,
    start: bool = True,
    initial_poll: bool = False,
    before_jobs: Callable[[], Awaitable[object]] | None = None,
    menus_may_fail: bool = False,
    stop_sending_first: bool = False,
) -> AsyncIterator[NewsApp]:
    """`start=False`: initialized with its menus but no jobs and not started (the tests feed
    updates and drain the outbox by hand). `initial_poll`: the jobs poll every feed at once.
    `before_jobs`: run after the menus, before any job is scheduled. `menus_may_fail`: a
    refused menu is a warning, not a failed start (real Telegram; the fake never refuses).
    `stop_sending_first`: on the way out the outbox worker starts no new sends and the one in
    flight finishes before the Application stops."""
    # A no-op when the caller already initialized it (`newsbrief run`, to report a refused
    # token in one line): python-telegram-bot initializes an Application once.
    await app.initialize()
    try:
        await _set_menus(app, may_fail=menus_may_fail)
        if start:
            if before_jobs is not None:
                await before_jobs()
            schedule_jobs(app, initial_poll=initial_poll)
            await app.start()
        yield app
    finally:
        if app.running:
            if stop_sending_first:
                await app.bot_data.delivery.stop()
            await app.stop()
        await app.shutdown()


async def _set_menus(app: NewsApp, *, may_fail: bool) -> None:
    try:
        await set_command_menus(app)
    except TelegramError as exc:
        if not may_fail:
            raise
        log.warning("command menus not set: %s", exc)
