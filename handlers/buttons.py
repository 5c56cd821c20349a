"""What a pressed button carries; and callback data we did not offer: refused briefly,
logged, and never computed on.

Callback data comes back from the client as sent, but anyone can post an update with data
of their choosing; each handler checks it against what its buttons offer and sends the rest
here.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import Context
from bot.numbers import parse_natural
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


def button_argument(update: Update, prefix: str) -> str:
    """What the pressed button carries after its prefix (the registry sends a button to its
    handler by that prefix)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data[len(prefix) :]


def numbers_in(argument: str) -> list[int | None]:
    """The numbers a button carries, separated by ':'; None for a part that is not a
    number (the caller refuses such data)."""
    return [parse_natural(part) for part in argument.split(":")]
