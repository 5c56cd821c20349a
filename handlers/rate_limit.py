"""The per-user rate limit, checked before any handler (bot.ratelimit has the buckets).

A reader may send a few commands a second, with a burst; /topic, /search, /trending and
the brief buttons cost more, as each may make a brief or run a search. Over the limit the
update is dropped before any handler runs, and the person is told once (not once per
dropped request). Admins are not limited: they are few, known, and every action of theirs
is audited.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.context import Context
from bot.ratelimit import Verdict
from handlers.common import services, tell, tr_for
from handlers.shared import TERM_PREFIX, WINDOW_PREFIX

log = logging.getLogger(__name__)

COSTLY = 3.0
COSTLY_COMMANDS = frozenset({"topic", "search", "trending"})
COSTLY_BUTTONS = (WINDOW_PREFIX, TERM_PREFIX)


def cost_of(update: Update) -> float:
    """Tokens an update costs: 0 for what we never answer (talk in groups, channel posts)."""
    query = update.callback_query
    if query is not None:
        return COSTLY if (query.data or "").startswith(COSTLY_BUTTONS) else 1.0
    message = update.effective_message
    if message is None:
        return 0.0
    text = message.text or message.caption or ""
    if text.startswith("/"):
        # The first word, never empty since it starts with "/" ("/" alone names nothing).
        command = text.split(maxsplit=1)[0][1:].partition("@")[0].casefold()
        return COSTLY if command in COSTLY_COMMANDS else 1.0
    return 1.0 if message.chat.type == ChatType.PRIVATE else 0.0


async def limit_rate(update: object, context: Context) -> None:
    if not isinstance(update, Update) or update.effective_user is None:
        return
    user_id = update.effective_user.id
    cost = cost_of(update)
    if cost == 0 or services(context).is_admin(user_id):
        return
    limiter = context.bot_data.rate_limiter
    if limiter is None:
        return
    verdict = limiter.take(user_id, cost)
    if verdict is Verdict.ALLOWED:
        return
    if verdict is Verdict.REFUSED_FIRST:
        log.warning("user %s is over the rate limit: their requests are dropped for now", user_id)
        tr = await tr_for(update, context)
        text = tr("You are sending requests too fast. Please wait a few seconds, then try again.")
        await tell(update, context, text)
    else:
        log.debug("user %s over the rate limit: update %s dropped", user_id, update.update_id)
    raise ApplicationHandlerStop
