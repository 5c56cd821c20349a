"""A broadcast's progress on the admin's preview message: a job per broadcast being sent,
editing "Sending: n of m" until the outbox has handled every chat.

A job, not a handler: `/broadcast` (handlers/broadcast.py) starts one on Send, and
`bot/jobs.py` gives one back after a restart to every broadcast still sending."""

from __future__ import annotations

import logging

from telegram.error import BadRequest, TelegramError
from telegram.ext import JobQueue

from bot.cluster import LEADER
from bot.context import Context
from bot.i18n import translator
from bot.send_errors import is_not_modified
from bot.services import Services
from storage import broadcasts as broadcast_store
from storage import chats as chat_store
from storage.states import BroadcastStatus

# Under the name it has always logged as, so operators' log filters still match it.
log = logging.getLogger("handlers.broadcast")

PROGRESS_EVERY = 2.0


def watch_broadcast(queue: JobQueue[Context], broadcast_id: int) -> None:
    """Edit the admin's message with progress until the outbox has handled every chat."""
    queue.run_repeating(
        _progress,
        interval=PROGRESS_EVERY,
        first=PROGRESS_EVERY,
        data=broadcast_id,
        name=f"broadcast-{broadcast_id}",
    )


async def resume_broadcasts(queue: JobQueue[Context], svc: Services) -> None:
    """At start: broadcasts that were sending when we stopped get their progress back."""
    for item in await broadcast_store.in_progress(svc.db):
        # Asked again every little while: a broadcast another instance started (and died
        # watching) is picked up here; one watched already is left alone.
        if not queue.get_jobs_by_name(f"broadcast-{item.id}"):
            watch_broadcast(queue, item.id)


async def _progress(context: Context) -> None:
    svc = context.bot_data.services
    job = context.job
    assert job is not None and isinstance(job.data, int)
    if not svc.holds(LEADER):
        return  # the instance sending the outbox shows its progress
    item = await broadcast_store.get(svc.db, job.data)
    if (
        item is None
        or item.status != BroadcastStatus.SENDING
        or item.progress_chat_id is None
        or item.progress_message_id is None
    ):
        job.schedule_removal()
        return
    status = await broadcast_store.progress(svc.db, item.id)
    admin_chat = await chat_store.get_chat(svc.db, item.progress_chat_id)
    tr = translator(admin_chat.language if admin_chat else None)
    if status.finished:
        await broadcast_store.finish(svc.db, item.id)
        job.schedule_removal()
        text = tr(
            "Broadcast done: {sent} of {total} sent, {failed} could not be reached.",
            sent=tr.number(status.sent),
            total=tr.number(status.total),
            failed=tr.number(status.failed),
        )
    else:
        text = tr(
            "Sending: {sent} of {total}.",
            sent=tr.number(status.sent),
            total=tr.number(status.total),
        )
    try:
        await context.bot.edit_message_text(
            text, chat_id=item.progress_chat_id, message_id=item.progress_message_id
        )
    except BadRequest as exc:
        if not is_not_modified(exc):
            log.warning("broadcast %s progress not shown: %s", item.id, exc)
    except TelegramError as exc:
        log.warning("broadcast %s progress not shown: %s", item.id, exc)
