"""/latest [N] [topic] and its "More" button, which pages back by editing in place."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import Context
from bot.i18n import Translator
from bot.numbers import parse_natural
from bot.render import MESSAGE_LIMIT, escape, plain_text, utf16_len
from bot.services import Services
from bot.views import story_list
from handlers.buttons import button_argument, numbers_in, reject_button
from handlers.common import (
    Button,
    answer,
    arguments,
    edit,
    reader_for,
    reply,
    services,
    tr_for,
)
from handlers.shared import unknown_topic
from storage import stories as story_store
from storage.records import ArticleRecord, TopicRecord
from storage.stories import StoryHeadline

DEFAULT_COUNT = 5
MAX_COUNT = 20
MAX_OFFSET = 500
MORE_PREFIX = "lt:"  # lt:<offset>:<count>:<topic id or 0>


def parse_count(word: str) -> int | None:
    number = parse_natural(word, max_digits=6)
    return None if number is None else max(1, min(MAX_COUNT, number))


async def latest(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    words = arguments(context)
    count = DEFAULT_COUNT
    if words and parse_count(words[0]) is not None:
        count = parse_count(words[0]) or DEFAULT_COUNT
        words = words[1:]
    elif words and words[0].isascii() and words[0].isdigit():
        count, words = MAX_COUNT, words[1:]  # too many digits to read: asked for a lot
    elif words and words[0].lstrip("-").isdigit():
        count, words = 1, words[1:]
    topic = None
    if words:
        name = " ".join(words)
        topic = svc.topics.find(name)
        if topic is None:
            await unknown_topic(update, context, name, tr)
            return
    reader = await reader_for(update, context, tr)
    text, buttons = await latest_page(
        svc, tr, offset=0, count=count, topic=topic, languages=reader.languages
    )
    await reply(update, context, text, buttons=buttons)


async def latest_page(
    svc: Services,
    tr: Translator,
    *,
    offset: int,
    count: int,
    topic: TopicRecord | None,
    languages: tuple[str, ...] = (),
) -> tuple[str, list[list[Button]]]:
    """One page of the newest stories, each once however many outlets report it."""
    found = await story_store.latest_stories(
        svc.db,
        limit=count + 1,
        offset=offset,
        topic_id=topic.id if topic else None,
        languages=languages,
    )
    stories, has_more = found[:count], len(found) > count
    page = [story.article for story in stories]
    if not page:
        if topic is not None:
            return tr("No stories on {topic} yet.", topic=escape(topic.name)), []
        return tr("No stories yet: the feeds have not brought any. Try again in a few minutes."), []
    heading = (
        tr("Latest on {topic}", topic=topic.name) if topic is not None else tr("Latest stories")
    )
    # Summaries are CPU work: made in a thread, so the event loop keeps answering others.
    text = await asyncio.to_thread(_page_text, heading, page, stories, tr, svc.now(), offset + 1)
    buttons: list[list[Button]] = []
    next_offset = offset + count
    if has_more and next_offset <= MAX_OFFSET:
        data = f"{MORE_PREFIX}{next_offset}:{count}:{topic.id if topic else 0}"
        buttons.append([(tr("Older stories ›"), data)])
    return text, buttons


def _page_text(
    heading: str,
    page: list[ArticleRecord],
    reach: list[StoryHeadline],
    tr: Translator,
    now: int,
    first_number: int,
) -> str:
    """Each story with its key sentence, unless that would not fit in one message."""
    text = story_list(
        heading, page, tr=tr, now=now, first_number=first_number, lead=True, reach=reach
    )
    if utf16_len(plain_text(text)) > MESSAGE_LIMIT:
        text = story_list(heading, page, tr=tr, now=now, first_number=first_number, reach=reach)
    return text


async def more(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    numbers = numbers_in(button_argument(update, MORE_PREFIX))
    if len(numbers) != 3 or None in numbers:
        await reject_button(update, context, "not an offset, count and topic")
        return
    offset, count, topic_id = (n or 0 for n in numbers)
    offset = max(0, min(offset, MAX_OFFSET))
    count = max(1, min(count, MAX_COUNT))
    topic = svc.topics.by_id(topic_id) if topic_id else None
    reader = await reader_for(update, context, tr)
    text, buttons = await latest_page(
        svc, tr, offset=offset, count=count, topic=topic, languages=reader.languages
    )
    await answer(update)
    await edit(update, context, text, buttons=buttons)
