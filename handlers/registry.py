"""Every handler, registered in one place."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import Context, NewsApp
from handlers import (
    admin_feeds,
    admin_stats,
    admin_topics,
    alerts,
    article_languages,
    broadcast,
    channels,
    chat_settings,
    errors,
    fallback,
    guards,
    language,
    latest,
    opml,
    rate_limit,
    search,
    shared,
    start,
    stop,
    subscriptions,
    topics,
    trending,
)

METRICS_GROUP = -3
GUARDS_GROUP = -2
RATE_LIMIT_GROUP = -1

Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


def register(app: NewsApp) -> None:
    app.add_handler(TypeHandler(Update, guards.count_update), group=METRICS_GROUP)
    app.add_handler(TypeHandler(Update, guards.ignore_other_bots_commands), group=GUARDS_GROUP)
    app.add_handler(TypeHandler(Update, rate_limit.limit_rate), group=RATE_LIMIT_GROUP)

    for name, callback in _commands().items():
        app.add_handler(CommandHandler(name, callback))
    for prefix, callback in _button_callbacks():
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{prefix}"))

    app.add_handler(
        MessageHandler(
            filters.Document.ALL & filters.CaptionRegex(opml.IMPORT_CAPTION), opml.import_file
        )
    )
    app.add_handler(CallbackQueryHandler(fallback.stale_button))
    app.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, fallback.plain_text))
    app.add_error_handler(errors.on_error)


def _commands() -> dict[str, Callback]:
    return {
        "start": start.start,
        "help": start.help_command,
        "latest": latest.latest,
        "topics": topics.topics,
        "topic": topics.topic,
        "trending": trending.trending,
        "search": search.search,
        "subscribe": subscriptions.subscribe,
        "unsubscribe": subscriptions.unsubscribe,
        "subscriptions": subscriptions.subscriptions,
        "settings": chat_settings.settings,
        "digest": chat_settings.digest,
        "timezone": chat_settings.timezone,
        "quiet": chat_settings.quiet,
        "language": language.language,
        "languages": article_languages.languages,
        "stop": stop.stop,
        "alert": alerts.alert,
        "alerts": alerts.alerts,
        "unalert": alerts.unalert,
        # Admins only: each is guarded and audited by handlers.admin.admin_command.
        "stats": admin_stats.stats,
        "audit": admin_stats.audit_command,
        "feeds": admin_feeds.feeds,
        "addfeed": admin_feeds.addfeed,
        "removefeed": admin_feeds.removefeed,
        "pausefeed": admin_feeds.pausefeed,
        "resumefeed": admin_feeds.resumefeed,
        "fetchnow": admin_feeds.fetchnow,
        "addtopic": admin_topics.addtopic,
        "removetopic": admin_topics.removetopic,
        "broadcast": broadcast.broadcast,
        "export": opml.export,
        "import": opml.import_command,
        "channels": channels.channels,
        "addchannel": channels.addchannel,
        "removechannel": channels.removechannel,
    }


def _button_callbacks() -> list[tuple[str, Callback]]:
    # Pairs, not a dict: two features picking one prefix must not silently replace each other
    # (tests/test_security.py checks no prefix starts another).
    return [
        (latest.MORE_PREFIX, latest.more),
        (shared.WINDOW_PREFIX, topics.other_window),
        (shared.TERM_PREFIX, trending.term_brief),
        (shared.TOGGLE_PREFIX, subscriptions.toggle_topic),
        (chat_settings.SETTINGS_PREFIX, chat_settings.settings_button),
        (stop.STOP_PREFIX, stop.stop_button),
        (language.LANGUAGE_PREFIX, language.language_button),
        (shared.ARTICLE_LANGUAGES_PREFIX, article_languages.article_language_button),
        (admin_stats.AUDIT_PREFIX, admin_stats.audit_more),
        (broadcast.BROADCAST_PREFIX, broadcast.broadcast_button),
        (alerts.ALERT_PREFIX, alerts.remove_button),
    ]
