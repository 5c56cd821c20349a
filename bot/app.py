"""The Application, built once: token, Bot API URL, defaults, handlers, menus, jobs."""

from __future__ import annotations

import logging
from typing import Any, cast

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot.context import CONTEXT_TYPES, NewsApp
from bot.delivery import DeliveryWorker
from bot.flood import FREE_RATE, FloodControl
from bot.i18n import DEFAULT_LANGUAGE, supported_languages, translator
from bot.ratelimit import RateLimiter
from bot.services import Services
from bot.settings import Settings
from handlers.commands import ADMIN_COMMANDS, READER_COMMANDS, Command
from handlers.registry import register

log = logging.getLogger(__name__)


def build_application(
    services: Services,
    *,
    token: str,
    request: BaseRequest | None = None,
    concurrent_updates: bool | int = True,
    rate_limited: bool = True,
) -> NewsApp:
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(services.settings.telegram_api_url)
        .base_file_url(file_url(services.settings.telegram_api_url))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(concurrent_updates)
        .context_types(CONTEXT_TYPES)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    # The builder's type does not follow context_types(); CONTEXT_TYPES makes this true.
    app = cast(NewsApp, builder.build())
    app.bot_data.services = services
    app.bot_data.delivery = DeliveryWorker(services, app.bot, flood_control(services.settings))
    assert app.job_queue is not None, "python-telegram-bot[job-queue] is required"
    app.bot_data.jobs = app.job_queue
    app.bot_data.rate_limiter = RateLimiter() if rate_limited else None
    register(app)
    return app


def flood_control(settings: Settings, **pacing: Any) -> FloodControl:
    """Pacing as configured: above Telegram's free 30/s only with paid broadcasts on."""
    if settings.send_rate > settings.effective_send_rate:
        log.warning(
            "NEWSBRIEF_SEND_RATE=%g is above Telegram's free %g/s: sending at %g/s "
            "(NEWSBRIEF_PAID_BROADCAST=true pays for more)",
            settings.send_rate,
            FREE_RATE,
            settings.effective_send_rate,
        )
    return FloodControl(
        settings.effective_send_rate, paid=settings.paid_broadcast, **pacing
    )


def file_url(api_url: str) -> str:
    """Telegram serves files beside the API: .../bot -> .../file/bot."""
    if api_url.endswith("/bot"):
        return api_url[: -len("/bot")] + "/file/bot"
    return api_url.rstrip("/") + "/file/bot"


def _menu(commands: tuple[Command, ...], language: str) -> list[BotCommand]:
    tr = translator(language)
    return [BotCommand(c.name, tr(c.description)[:256]) for c in commands]


async def set_command_menus(app: NewsApp) -> None:
    """Reader commands for everyone; reader + admin commands in each admin's private chat;
    each in every language we speak. Menus are cosmetic: handlers still check the caller."""
    services = app.bot_data.services
    bot = app.bot
    for language in supported_languages():
        code = None if language == DEFAULT_LANGUAGE else language
        await bot.set_my_commands(
            _menu(READER_COMMANDS, language), scope=BotCommandScopeDefault(), language_code=code
        )
        if not ADMIN_COMMANDS:
            continue
        for admin_id in sorted(services.admin_ids):
            try:
                await bot.set_my_commands(
                    _menu(READER_COMMANDS + ADMIN_COMMANDS, language),
                    scope=BotCommandScopeChat(chat_id=admin_id),
                    language_code=code,
                )
            except TelegramError as exc:
                # Telegram refuses a chat scope until that admin has opened a chat with the bot.
                log.warning("admin menu for user %s not set: %s", admin_id, exc)
