"""Messages no command claimed: a one-line hint instead of silence."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.context import Context
from bot.render import escape, shorten
from handlers.common import reply, tr_for


async def unknown_command(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    command = shorten(message.text.split()[0], 40)
    tr = await tr_for(update, context)
    await reply(
        update,
        context,
        tr("I don't know {command}. Send /help for the list of commands.", command=escape(command)),
    )


async def plain_text(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return  # in groups, people talk to each other, not to us
    tr = await tr_for(update, context)
    await reply(
        update,
        context,
        tr(
            "To search the news, send /search and your words, e.g. /search CSTO summit. "
            "/help lists everything I can do."
        ),
    )


async def stale_button(update: Update, context: Context) -> None:
    """A button from an old message whose action no longer exists."""
    query = update.callback_query
    if query is None:
        return
    tr = await tr_for(update, context)
    await query.answer(tr("This button has expired. Send the command again."), show_alert=True)
