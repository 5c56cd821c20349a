"""Admins only: the guard every admin command and button goes through, and the audit trail.

The audit trail is a security log: every admin action and every refused attempt, kept for
90 days (bot.jobs.KEEP_AUDIT, purged daily) and kept when the person sends /stop. So it holds
no free text: a broadcast's message and whatever a refused person typed are recorded by
their length only.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update

from bot.context import Context
from handlers.common import (
    answer,
    reply,
    services,
    tr_for,
)
from storage import audit

log = logging.getLogger(__name__)

# An admin handler returns what happened, in a few words, for the audit trail.
AdminHandler = Callable[[Update, Context], Awaitable[str]]


GuardedHandler = Callable[[Update, Context], Coroutine[Any, Any, None]]
# Commands whose arguments are free text (a message to every reader), not an id or a URL.
FREE_TEXT_COMMANDS = frozenset({"broadcast"})


def masked(arguments: str) -> str:
    """Free text as the audit trail keeps it: its length only."""
    return f"[{len(arguments)} characters]" if arguments else ""


def admin_command(name: str) -> Callable[[AdminHandler], GuardedHandler]:
    """Refuse everyone not in NEWSBRIEF_ADMIN_IDS (logged and audited); audit every action."""

    def wrap(handler: AdminHandler) -> GuardedHandler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: Context) -> None:
            svc = services(context)
            user = update.effective_user
            user_id = user.id if user else 0
            typed = " ".join(context.args or [])[:500]
            arguments = masked(typed) if name in FREE_TEXT_COMMANDS else typed
            if not svc.is_admin(user_id):
                log.warning("user %s tried admin command /%s", user_id, name)
                await audit.record(
                    svc.db,
                    user_id=user_id,
                    command=name,
                    arguments=masked(typed),
                    result="refused: not an admin",
                    now=svc.now(),
                )
                tr = await tr_for(update, context)
                await reply(update, context, tr("This command is for admins."))
                return
            try:
                result = await handler(update, context)
            except Exception as exc:
                await audit.record(
                    svc.db,
                    user_id=user_id,
                    command=name,
                    arguments=arguments,
                    result=f"failed: {type(exc).__name__}",
                    now=svc.now(),
                )
                raise
            await audit.record(
                svc.db,
                user_id=user_id,
                command=name,
                arguments=arguments,
                result=result,
                now=svc.now(),
            )

        return guarded

    return wrap


async def refused_admin_button(update: Update, context: Context, command: str) -> bool:
    """True (after logging, auditing and telling them) when the person pressing an admin
    button is not an admin: the message may have been forwarded, or the update forged."""
    svc = services(context)
    user = update.effective_user
    user_id = user.id if user else 0
    if svc.is_admin(user_id):
        return False
    query = update.callback_query
    data = (query.data or "")[:64] if query is not None else ""
    log.warning("user %s pressed admin button %r (/%s)", user_id, data, command)
    await audit.record(
        svc.db,
        user_id=user_id,
        command=command,
        arguments=f"button {data}",
        result="refused: not an admin",
        now=svc.now(),
    )
    tr = await tr_for(update, context)
    await answer(update, tr("This command is for admins."), alert=True)
    return True


async def audit_action(
    update: Update, context: Context, command: str, arguments: str, result: str
) -> None:
    """Record an admin's action taken with a button (commands are recorded by the guard)."""
    svc = services(context)
    user = update.effective_user
    user_id = user.id if user else 0
    log.info("admin %s: /%s %s -> %s", user_id, command, arguments, result)
    await audit.record(
        svc.db, user_id=user_id, command=command, arguments=arguments, result=result,
        now=svc.now(),
    )
