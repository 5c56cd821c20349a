"""/stop: after a confirm button, unsubscribe and forget the chat."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from handlers.common import (
    answer,
    edit,
    refuse_unless_allowed,
    reply,
    services,
    tr_for,
)
from storage import chats as chat_store

STOP_PREFIX = "stop:"  # stop:yes | stop:no


async def stop(update: Update, context: Context) -> None:
    if await refuse_unless_allowed(update, context):
        return
    tr = await tr_for(update, context)
    await reply(
        update,
        context,
        tr("This unsubscribes this chat from every topic and deletes its settings. Sure?"),
        buttons=[[(tr("Yes, delete"), f"{STOP_PREFIX}yes"), (tr("Cancel"), f"{STOP_PREFIX}no")]],
    )


async def stop_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    if await refuse_unless_allowed(update, context):
        return
    tr = await tr_for(update, context)
    chat = update.effective_chat
    assert chat is not None
    if query.data == f"{STOP_PREFIX}yes":
        await chat_store.delete_chat(services(context).db, chat.id)
        await answer(update)
        await edit(
            update,
            context,
            tr(
                "Done: you are unsubscribed and what I stored about "
                "this chat is deleted. /start brings you back."
            ),
        )
    else:
        await answer(update)
        await edit(update, context, tr("Cancelled: nothing was changed."))
