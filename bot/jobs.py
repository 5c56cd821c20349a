"""Scheduled work on python-telegram-bot's JobQueue. Schedules live in SQLite (each feed's
next fetch time); jobs here only wake up and do what is due, so nothing is pickled."""

from __future__ import annotations

import logging

from bot.broadcast_progress import resume_broadcasts
from bot.cluster import LEADER
from bot.context import Context, NewsApp
from bot.delivery import DeliveryWorker, send_due_digests
from storage import audit
from storage import deliveries as outbox

log = logging.getLogger(__name__)

POLL_TICK_MAX = 30.0
DRAIN_TICK = 1.0
DIGEST_TICK = 20.0
BROADCAST_TICK = 30.0
KEEP_DELIVERIES = 30 * 24 * 3600
# The admin audit trail is a security log: kept this long, then purged (README "Security").
KEEP_AUDIT = 90 * 24 * 3600


async def poll_due_feeds(context: Context) -> None:
    # Each due feed is polled on its own and this tick returns at once: the job queue
    # skips a tick while the last one still runs, so waiting here for a slow feed would
    # hold every other feed back until it finished.
    started = await context.bot_data.services.ingestor.start_due_polls()
    if started:
        log.debug("started polls of %d due feeds", started)


async def poll_all_feeds(context: Context) -> None:
    outcomes = await context.bot_data.services.ingestor.poll_all(only_due=False)
    log.info(
        "start-up poll of %d feeds: %d new articles", len(outcomes), sum(o.new for o in outcomes)
    )


def _worker(context: Context) -> DeliveryWorker:
    return context.bot_data.delivery


async def drain_outbox(context: Context) -> None:
    context.bot_data.services.metrics.tick()
    if not context.bot_data.services.holds(LEADER):
        return  # another instance sends: one sender keeps the bot's pace and order
    report = await _worker(context).drain()
    if report.messages:
        log.info(
            "outbox: %d messages to %d chats, %d deliveries sent",
            report.messages,
            report.chats,
            report.sent,
        )


async def send_digests(context: Context) -> None:
    if not context.bot_data.services.holds(LEADER):
        return
    sent = await send_due_digests(_worker(context))
    if sent:
        log.info("sent %d digests", sent)


async def housekeeping(context: Context) -> None:
    svc = context.bot_data.services
    if not svc.holds(LEADER):
        return
    pruned = await outbox.prune(svc.db, before=svc.now() - KEEP_DELIVERIES)
    log.info("housekeeping: %d old deliveries pruned", pruned)
    purged = await audit.prune(svc.db, before=svc.now() - KEEP_AUDIT)
    log.info("housekeeping: %d audit entries older than 90 days purged", purged)


async def resume_broadcast_progress(context: Context) -> None:
    await resume_broadcasts(context.bot_data.jobs, context.bot_data.services)


def schedule_jobs(app: NewsApp, *, initial_poll: bool) -> None:
    """Every job is a tick that reads what is due from SQLite, so restarts lose nothing."""
    settings = app.bot_data.services.settings
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot[job-queue] is required"
    tick = max(1.0, min(POLL_TICK_MAX, settings.poll_interval / 4))
    if initial_poll:
        queue.run_once(poll_all_feeds, when=0, name="poll-all")
    queue.run_repeating(poll_due_feeds, interval=tick, first=tick, name="poll-due")
    queue.run_repeating(drain_outbox, interval=DRAIN_TICK, first=DRAIN_TICK, name="outbox")
    queue.run_repeating(send_digests, interval=DIGEST_TICK, first=DIGEST_TICK, name="digests")
    queue.run_repeating(housekeeping, interval=24 * 3600, first=3600, name="housekeeping")
    queue.run_repeating(
        resume_broadcast_progress, interval=BROADCAST_TICK, first=0, name="broadcasts"
    )
