"""Admin: /broadcast TEXT: a preview with Send / Cancel; on Send the message goes through the
same outbox and flood limits as pushes, and the preview shows progress until done."""

from __future__ import annotations

import logging

from telegram import Update

from bot.broadcast_progress import watch_broadcast
from bot.context import Context
from bot.numbers import parse_natural
from bot.render import bold, escape, shorten
from handlers.admin import admin_command, audit_action, refused_admin_button
from handlers.buttons import reject_button
from handlers.common import (
    answer,
    edit,
    reply,
    services,
    tr_for,
)
from storage import broadcasts as broadcast_store
from storage.states import BroadcastStatus

log = logging.getLogger(__name__)

BROADCAST_PREFIX = "bc:"  # bc:send:<id> | bc:cancel:<id>
MAX_BROADCAST = 3500


def _text_after_command(update: Update) -> str:
    message = update.effective_message
    text = (message.text or "") if message else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


@admin_command("broadcast")
async def broadcast(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    text = _text_after_command(update)
    if not text:
        await reply(
            update,
            context,
            tr(
                "Write the message after the command: /broadcast "
                "Our site is moving to a new address tomorrow."
            ),
        )
        return "usage"
    text = shorten(text, MAX_BROADCAST) if len(text) > MAX_BROADCAST else text
    user = update.effective_user
    assert user is not None
    draft = await broadcast_store.create_draft(svc.db, admin_id=user.id, text=text, now=svc.now())
    audience = await broadcast_store.active_chat_count(svc.db)
    preview = "\n\n".join(
        [
            bold(tr("Broadcast to {count} chats. Preview:", count=tr.number(audience))),
            escape(text),
        ]
    )
    await reply(
        update,
        context,
        preview,
        buttons=[
            [
                (tr("Send"), f"{BROADCAST_PREFIX}send:{draft}"),
                (tr("Cancel"), f"{BROADCAST_PREFIX}cancel:{draft}"),
            ]
        ],
    )
    return f"draft {draft} for {audience} chats"


async def broadcast_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = services(context)
    tr = await tr_for(update, context)
    if await refused_admin_button(update, context, "broadcast"):
        return
    action, _, raw_id = query.data[len(BROADCAST_PREFIX) :].partition(":")
    draft_id = parse_natural(raw_id)
    if action not in ("send", "cancel") or draft_id is None:
        await reject_button(update, context, "not a broadcast action")
        return
    draft = await broadcast_store.get(svc.db, draft_id)
    if draft is None or draft.status != BroadcastStatus.DRAFT:
        await answer(update, tr("This broadcast was already sent or cancelled."), alert=True)
        return
    if action == "cancel":
        await broadcast_store.cancel(svc.db, draft.id)
        await audit_action(update, context, "broadcast", f"cancel {draft.id}", "cancelled")
        await answer(update)
        await edit(update, context, tr("Broadcast cancelled: nothing was sent."))
        return
    message = query.message
    assert message is not None
    total = await broadcast_store.start(
        svc.db,
        draft.id,
        payload=escape(draft.text),
        progress_chat_id=message.chat.id,
        progress_message_id=message.message_id,
        now=svc.now(),
    )
    await audit_action(
        update, context, "broadcast", f"send {draft.id}", f"sending to {total} chats"
    )
    await answer(update)
    await edit(update, context, tr("Sending: {sent} of {total}.", sent=0, total=tr.number(total)))
    watch_broadcast(context.bot_data.jobs, draft.id)
