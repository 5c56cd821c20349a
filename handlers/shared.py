"""What several features show alike, so that no feature module imports another: the topic
buttons and the unknown-topic reply, following a topic from a command or a deep link, brief
windows, feed health, keyword lists, article languages, and the callback prefixes that more
than one feature reads (the buttons' owners, the rate limit and the registry)."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import Context
from bot.following import follow, followed_ids
from bot.i18n import LANGUAGE_NAMES, Translator
from bot.render import bold, escape, shorten
from bot.services import Services
from handlers.common import Button, ensure_chat, in_rows, reply, services
from storage.records import ChatRecord, FeedRecord, TopicRecord

TOGGLE_PREFIX = "tg:"  # tg:<topic id>; the callback edits the buttons in place
WINDOW_PREFIX = "tb:"  # tb:<topic id>:<hours>
TERM_PREFIX = "tt:"  # tt:<term>
ARTICLE_LANGUAGES_PREFIX = "la:"  # la:<code> toggles one, la:all resets

# Topic buttons.

FOLLOWING = "✅"
NOT_FOLLOWING = "➕"
TOPIC_BUTTONS_SHOWN = 90


def topic_button(topic: TopicRecord, followed: set[int]) -> Button:
    """The follow/unfollow button of a topic, marked with the chat's current state."""
    mark = FOLLOWING if topic.id in followed else NOT_FOLLOWING
    return f"{mark} {topic.name}", f"{TOGGLE_PREFIX}{topic.id}"


async def topic_buttons(svc: Services, chat_id: int) -> list[list[Button]]:
    followed = await followed_ids(svc, chat_id)
    shown = svc.topics.topics[:TOPIC_BUTTONS_SHOWN]
    return in_rows([topic_button(t, followed) for t in shown], per_row=2)


async def unknown_topic(update: Update, context: Context, name: str, tr: Translator) -> None:
    svc = services(context)
    close = svc.topics.closest(name)
    shown = escape(name[:60])
    if close:
        text = tr(
            "There is no topic “{name}”. Did you mean: {suggestions}?",
            name=shown,
            suggestions=", ".join(escape(n) for n in close),
        )
    else:
        text = tr("There is no topic “{name}”. /topics lists them all.", name=shown)
    await reply(update, context, text)


def followed_text(added: bool, chat: ChatRecord, topic: TopicRecord, tr: Translator) -> str:
    """What a reader is told after asking to follow a topic."""
    name = bold(topic.name)
    if not added:
        return tr("You already follow {topic}.", topic=name)
    if chat.gets_digest:
        return tr(
            "Subscribed to {topic}. New stories will come in your daily digest at {time}.",
            topic=name,
            time=chat.digest_time,
        )
    return tr(
        "Subscribed to {topic}. New stories will come here as they are published.", topic=name
    )


async def subscribe_to(
    update: Update, context: Context, topic: TopicRecord, tr: Translator
) -> None:
    """/subscribe NAME and the /start deep link: follow (with the newest stories), then say so."""
    chat = await ensure_chat(update, context)
    added = await follow(services(context), chat.id, topic.id)
    await reply(update, context, followed_text(added, chat, topic, tr))


# Brief windows.

DEFAULT_WINDOW_HOURS = 72


def window_text(hours: int, tr: Translator) -> str:
    """'72 hours', '7 days': whole days when the window is a multiple of a day."""
    if hours % 24 == 0 and hours >= 48:
        return tr.plural("{count} day", "{count} days", hours // 24)
    return tr.plural("{count} hour", "{count} hours", hours)


# Feeds, as /feeds and /stats list them.


def feed_health(feed: FeedRecord, tr: Translator, *, now: int) -> str:
    name = f"[{feed.id}] {bold(shorten(feed.display_name, 60))}"
    if feed.paused:
        state = tr("⏸ paused")
    elif feed.consecutive_errors:
        state = tr.plural(
            "⚠️ {count} error in a row: {error}",
            "⚠️ {count} errors in a row: {error}",
            feed.consecutive_errors,
            error=escape(shorten(feed.last_error or "?", 120)),
        )
    elif feed.last_success_at:
        state = tr("✅ ok {age}", age=tr.relative_time(feed.last_success_at, now=now))
    else:
        state = tr("not polled yet")
    lines = [name, escape(shorten(feed.url, 120)), state]
    if not feed.paused:
        wait = max(0, feed.next_fetch_at - now)
        lines.append(tr("next poll in {minutes} min", minutes=(wait + 59) // 60))
    return "\n".join(lines)


# Keyword lists, as /addtopic and /addchannel read them.

MAX_KEYWORDS = 50


def parse_keywords(text: str) -> list[str]:
    """Keywords separated by commas, or single words; "quoted phrases" stay whole."""
    if "," in text:
        parts = text.split(",")
    else:
        parts = [quoted or word for quoted, word in re.findall(r'"([^"]+)"|(\S+)', text)]
    keywords = [" ".join(p.split())[:80] for p in parts if p.strip()]
    return list(dict.fromkeys(keywords))[:MAX_KEYWORDS]


# Article languages, as /languages and /settings show them.

ARTICLE_LANGUAGES = ("en", "ru", "hy")


def describe(languages: tuple[str, ...], tr: Translator) -> str:
    if not languages:
        return tr("all languages")
    return ", ".join(LANGUAGE_NAMES.get(code, code) for code in languages)


def article_language_buttons(languages: tuple[str, ...], tr: Translator) -> list[list[Button]]:
    shown = languages or ARTICLE_LANGUAGES
    return [
        [
            (
                ("● " if code in shown else "○ ") + LANGUAGE_NAMES.get(code, code),
                f"{ARTICLE_LANGUAGES_PREFIX}{code}",
            )
            for code in ARTICLE_LANGUAGES
        ],
        [(tr("All languages"), f"{ARTICLE_LANGUAGES_PREFIX}all")],
    ]
