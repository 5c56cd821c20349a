"""/topics (counts and follow buttons) and /topic NAME [window] (a brief of the topic's
stories in the window, with buttons for other windows)."""

from __future__ import annotations

import asyncio
import re

from telegram import Update

from bot.briefing import Reader
from bot.context import Context
from bot.following import followed_ids
from bot.i18n import Translator
from bot.render import bold, escape
from bot.services import Services
from bot.views import brief_message, story_list
from handlers.buttons import button_argument, numbers_in, reject_button
from handlers.common import (
    Button,
    answer,
    arguments,
    edit,
    ensure_chat,
    reader_for,
    reply,
    services,
    tr_for,
)
from handlers.shared import (
    DEFAULT_WINDOW_HOURS,
    WINDOW_PREFIX,
    topic_button,
    topic_buttons,
    unknown_topic,
    window_text,
)
from storage import articles as article_store
from storage import stories as story_store
from storage.records import TopicRecord

WEEK = 7 * 24 * 3600
MAX_WINDOW_HOURS = 30 * 24
# Windows offered as buttons under a brief.
WINDOW_CHOICES = (24, 72, 7 * 24)
OLDER_STORIES = 3
_WINDOW = re.compile(r"([0-9]{1,12})([hdw])", re.IGNORECASE | re.ASCII)
_HOURS_PER_UNIT = {"h": 1, "d": 24, "w": 7 * 24}


async def topics(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    if not svc.topics.topics:
        await reply(update, context, tr("No topics are set up yet."))
        return
    chat = await ensure_chat(update, context)
    counts = await article_store.topic_counts(svc.db, since=svc.now() - WEEK)
    lines = [bold(tr("Topics (stories in the last 7 days)"))]
    for topic in svc.topics.topics:
        count = counts.get(topic.id, 0)
        stories = tr.plural("{count} story", "{count} stories", count)
        lines.append(f"• {escape(topic.name)} — {stories}")
    lines.append("")
    lines.append(tr("Tap a topic to follow or unfollow it. /topic NAME gives a brief."))
    await reply(update, context, "\n".join(lines), buttons=await topic_buttons(svc, chat.id))


def parse_window(word: str) -> int | None:
    """Hours of a window written like 24h, 3d or 2w; None when `word` is not one."""
    match = _WINDOW.fullmatch(word.strip())
    if match is None:
        return None
    return int(match.group(1)) * _HOURS_PER_UNIT[match.group(2).lower()]


async def topic(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    words = arguments(context)
    hours = DEFAULT_WINDOW_HOURS
    found = svc.topics.find(" ".join(words)) if words else None
    asked = parse_window(words[-1]) if words else None
    # A window, unless the last word is part of a topic's own name ("News 24h").
    if asked is not None and found is None:
        if not 1 <= asked <= MAX_WINDOW_HOURS:
            await reply(
                update,
                context,
                tr("A window goes from 1h to 30d, for example: /topic CSTO 7d."),
            )
            return
        hours, words = asked, words[:-1]
        found = svc.topics.find(" ".join(words)) if words else None
    if not words:
        await reply(
            update, context, tr("Which topic? For example: /topic CSTO. /topics lists them all.")
        )
        return
    if found is None:
        await unknown_topic(update, context, " ".join(words), tr)
        return
    chat = await ensure_chat(update, context)
    reader = await reader_for(update, context, tr)
    text, buttons = await brief_page(svc, tr, found, hours=hours, chat_id=chat.id, reader=reader)
    await reply(update, context, text, buttons=buttons)


async def other_window(update: Update, context: Context) -> None:
    """A window button under a brief: the same topic's brief for that window, in place."""
    tr = await tr_for(update, context)
    svc = services(context)
    parts = numbers_in(button_argument(update, WINDOW_PREFIX))
    if len(parts) != 2 or parts[1] not in WINDOW_CHOICES or parts[0] is None:
        # Only the windows the buttons offer: anything else is forged, and costly.
        await reject_button(update, context, "not an offered window")
        return
    found = svc.topics.by_id(parts[0])
    hours = parts[1]
    if found is None:
        await answer(update, tr("That topic no longer exists."), alert=True)
        return
    chat = await ensure_chat(update, context)
    reader = await reader_for(update, context, tr)
    text, buttons = await brief_page(svc, tr, found, hours=hours, chat_id=chat.id, reader=reader)
    await answer(update)
    await edit(update, context, text, buttons=buttons)


async def brief_page(
    svc: Services,
    tr: Translator,
    found: TopicRecord,
    *,
    hours: int,
    chat_id: int,
    reader: Reader,
) -> tuple[str, list[list[Button]]]:
    """The brief of a topic's window; when the window is empty, the latest older stories."""
    now = svc.now()
    entries = await svc.briefing.topic_brief(found.id, hours=hours, now=now, reader=reader)
    window = window_text(hours, tr)
    if entries:
        text = brief_message(
            tr("What is new on {topic}", topic=found.name),
            tr("The past {window}", window=window),
            entries,
            tr=tr,
            now=now,
        )
    else:
        stories = await story_store.latest_stories(
            svc.db, limit=OLDER_STORIES, topic_id=found.id, languages=reader.languages
        )
        older = [story.article for story in stories]
        if not older:
            return tr("No stories on {topic} yet.", topic=escape(found.name)), []
        text = await asyncio.to_thread(
            story_list,
            tr(
                "Nothing on {topic} in the past {window}. The latest older stories:",
                topic=found.name,
                window=window,
            ),
            older,
            tr=tr,
            now=now,
            lead=True,
            reach=stories,
        )
    windows: list[Button] = [
        (
            ("• " if choice == hours else "") + window_text(choice, tr),
            f"{WINDOW_PREFIX}{found.id}:{choice}",
        )
        for choice in WINDOW_CHOICES
    ]
    follow = [topic_button(found, await followed_ids(svc, chat_id))]
    return text, [windows, follow]
