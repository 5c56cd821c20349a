"""/latest [N] [topic] and its "More" button, which pages back by editing in place."""

from __future__ import annotations

from telegram import Update

from bot.i18n import Translator
from bot.render import MESSAGE_LIMIT, escape, plain_text, utf16_len
from bot.services import Services
from bot.views import story_list
from handlers.common import (
    Button,
    Context,
    answer,
    arguments,
    edit,
    reader_for,
    reply,
    services,
    tr_for,
)
from handlers.subscriptions import unknown_topic
from storage import stories as story_store
from storage.records import TopicRecord

DEFAULT_COUNT = 5
MAX_COUNT = 20
MAX_OFFSET = 500
MORE_PREFIX = "lt:"  # lt:<offset>:<count>:<topic id or 0>


def parse_count(word: str) -> int | None:
    if word.isdigit() and len(word) <= 6:
        return max(1, min(MAX_COUNT, int(word)))
    return None


async def latest(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    words = arguments(context)
    count = DEFAULT_COUNT
    if words and parse_count(words[0]) is not None:
        count = parse_count(words[0]) or DEFAULT_COUNT
        words = words[1:]
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
    # Each story with its key sentence, unless that would not fit in one message.
    text = story_list(
        heading, page, tr=tr, now=svc.now(), first_number=offset + 1, lead=True, reach=stories
    )
    if utf16_len(plain_text(text)) > MESSAGE_LIMIT:
        text = story_list(
            heading, page, tr=tr, now=svc.now(), first_number=offset + 1, reach=stories
        )
    buttons: list[list[Button]] = []
    next_offset = offset + count
    if has_more and next_offset <= MAX_OFFSET:
        data = f"{MORE_PREFIX}{next_offset}:{count}:{topic.id if topic else 0}"
        buttons.append([(tr("Older stories ›"), data)])
    return text, buttons


async def more(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    tr = await tr_for(update, context)
    svc = services(context)
    try:
        offset, count, topic_id = (int(p) for p in query.data[len(MORE_PREFIX) :].split(":"))
    except ValueError:
        await answer(update)
        return
    offset = max(0, min(offset, MAX_OFFSET))
    count = max(1, min(count, MAX_COUNT))
    topic = svc.topics.by_id(topic_id) if topic_id else None
    reader = await reader_for(update, context, tr)
    text, buttons = await latest_page(
        svc, tr, offset=offset, count=count, topic=topic, languages=reader.languages
    )
    await answer(update)
    await edit(update, context, text, buttons=buttons)
