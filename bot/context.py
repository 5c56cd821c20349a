"""The Application's typed context: what every handler and job reads from `bot_data`.

python-telegram-bot's `ContextTypes` builds each callback's context with a `BotData` instead
of a dict, so `context.bot_data.services` is checked by mypy rather than looked up by a
string key."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.delivery import DeliveryWorker
from bot.ratelimit import RateLimiter
from bot.services import Services


class BotData:
    """One per Application; `bot.app.build_application` fills it before any update runs."""

    services: Services
    delivery: DeliveryWorker
    # The Application's own queue, typed (python-telegram-bot types context.job_queue loosely).
    jobs: JobQueue[Context]
    # None turns the per-user rate limit off (the console: one person at their terminal).
    rate_limiter: RateLimiter | None

    def __init__(self) -> None:
        self.rate_limiter = None


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
NewsApp = Application[
    ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Context]
]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
