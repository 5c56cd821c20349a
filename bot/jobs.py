"""Scheduled work on python-telegram-bot's JobQueue. Schedules live in SQLite (each feed's
next fetch time); jobs here only wake up and do what is due, so nothing is pickled."""

from __future__ import annotations

import logging

from telegram.ext import Application, ContextTypes

from bot.services import Services

log = logging.getLogger(__name__)

POLL_TICK_MAX = 30.0


def _services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found: Services = context.application.bot_data["services"]
    return found


async def poll_due_feeds(context: ContextTypes.DEFAULT_TYPE) -> None:
    outcomes = await _services(context).ingestor.poll_all(only_due=True)
    new = sum(o.new for o in outcomes)
    if outcomes:
        log.info("polled %d feeds: %d new articles", len(outcomes), new)


async def poll_all_feeds(context: ContextTypes.DEFAULT_TYPE) -> None:
    outcomes = await _services(context).ingestor.poll_all(only_due=False)
    log.info(
        "start-up poll of %d feeds: %d new articles", len(outcomes), sum(o.new for o in outcomes)
    )


def schedule_jobs(app: Application, *, initial_poll: bool) -> None:  # type: ignore[type-arg]
    services: Services = app.bot_data["services"]
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot[job-queue] is required"
    tick = max(1.0, min(POLL_TICK_MAX, services.settings.poll_interval / 4))
    if initial_poll:
        queue.run_once(poll_all_feeds, when=0, name="poll-all")
    queue.run_repeating(poll_due_feeds, interval=tick, first=tick, name="poll-due")
