"""Every handler, registered in one place."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import (
    chat_settings,
    errors,
    fallback,
    guards,
    language,
    latest,
    search,
    start,
    stop,
    subscriptions,
    topics,
)

GUARDS_GROUP = -1


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(TypeHandler(Update, guards.ignore_other_bots_commands), group=GUARDS_GROUP)

    commands = {
        "start": start.start,
        "help": start.help_command,
        "latest": latest.latest,
        "topics": topics.topics,
        "topic": topics.topic,
        "search": search.search,
        "subscribe": subscriptions.subscribe,
        "unsubscribe": subscriptions.unsubscribe,
        "subscriptions": subscriptions.subscriptions,
        "settings": chat_settings.settings,
        "digest": chat_settings.digest,
        "timezone": chat_settings.timezone,
        "quiet": chat_settings.quiet,
        "language": language.language,
        "stop": stop.stop,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback))

    callbacks = {
        latest.MORE_PREFIX: latest.more,
        subscriptions.TOGGLE_PREFIX: subscriptions.toggle_topic,
        chat_settings.SETTINGS_PREFIX: chat_settings.settings_button,
        stop.STOP_PREFIX: stop.stop_button,
        language.LANGUAGE_PREFIX: language.language_button,
    }
    for prefix, callback in callbacks.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{prefix}"))

    app.add_handler(CallbackQueryHandler(fallback.stale_button))
    app.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, fallback.plain_text))
    app.add_error_handler(errors.on_error)
