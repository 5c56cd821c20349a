"""The last resort: log the failure (secrets are redacted by the log formatter) and tell the
person briefly, so no command ends in silence."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError

from bot.context import Context
from handlers.common import tell, tr_for

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    error = context.error
    log.error("error while handling an update: %s", error, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden):
        return  # they blocked us or removed us: nothing can reach them
    try:
        tr = await tr_for(update, context)
        text = tr("Sorry, something went wrong. Please try again in a moment.")
        await tell(update, context, text)
    except (NetworkError, TelegramError):
        log.warning("could not tell the chat about the error")
    except Exception:
        log.exception("the error handler failed")
