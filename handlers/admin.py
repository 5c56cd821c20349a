"""Admins only: the guard every admin command goes through, and the audit trail."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update

from handlers.common import Context, reply, services, tr_for
from storage import audit

log = logging.getLogger(__name__)

# An admin handler returns what happened, in a few words, for the audit trail.
AdminHandler = Callable[[Update, Context], Awaitable[str]]


GuardedHandler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def admin_command(name: str) -> Callable[[AdminHandler], GuardedHandler]:
    """Refuse everyone not in NEWSBRIEF_ADMIN_IDS (logged and audited); audit every action."""

    def wrap(handler: AdminHandler) -> GuardedHandler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: Context) -> None:
            svc = services(context)
            user = update.effective_user
            user_id = user.id if user else 0
            arguments = " ".join(context.args or [])[:500]
            if not svc.is_admin(user_id):
                log.warning("user %s tried admin command /%s", user_id, name)
                await audit.record(
                    svc.db,
                    user_id=user_id,
                    command=name,
                    arguments=arguments,
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
