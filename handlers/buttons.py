"""Callback data we did not offer: refused briefly, logged, and never computed on.

Callback data comes back from the client as sent, but anyone can post an update with data
of their choosing; each handler checks it against what its buttons offer and sends the rest
here.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import Context
from handlers.common import answer, tr_for

log = logging.getLogger(__name__)


async def reject_button(update: Update, context: Context, reason: str) -> None:
    query = update.callback_query
    user = update.effective_user
    data = query.data if query is not None and query.data else ""
    log.warning(
        "refused button data %r from user %s: %s",
        data[:80],
        user.id if user else "?",
        reason,
    )
    tr = await tr_for(update, context)
    await answer(update, tr("This button has expired. Send the command again."), alert=True)
