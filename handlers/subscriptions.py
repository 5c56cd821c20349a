"""/subscribe, /unsubscribe, /subscriptions and the follow/unfollow topic buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.context import Context
from bot.i18n import Translator
from bot.numbers import parse_natural
from bot.render import bold, escape, shorten
from bot.services import Services
from bot.views import ALERT_SHOWN_LIMIT
from handlers.common import (
    Button,
    answer,
    arguments,
    ensure_chat,
    in_rows,
    refuse_unless_allowed,
    reply,
    services,
    tr_for,
)
from storage import alerts as alert_store
from storage import chats as chat_store
from storage import deliveries as outbox
from storage.records import TopicRecord

BACKLOG_STORIES = 3
BACKLOG_WINDOW = 7 * 24 * 3600
TOGGLE_PREFIX = "tg:"  # tg:<topic id>; the callback edits the buttons in place
FOLLOWING = "✅"
NOT_FOLLOWING = "➕"


def topic_button(topic: TopicRecord, followed: set[int]) -> Button:
    """The follow/unfollow button of a topic, marked with the chat's current state."""
    mark = FOLLOWING if topic.id in followed else NOT_FOLLOWING
    return f"{mark} {topic.name}", f"{TOGGLE_PREFIX}{topic.id}"


async def followed_ids(svc: Services, chat_id: int) -> set[int]:
    return {t.id for t in await chat_store.subscribed_topics(svc.db, chat_id)}


async def follow(svc: Services, chat_id: int, topic_id: int) -> bool:
    """Subscribe; a new subscription brings the few newest stories, not the backlog."""
    added = await chat_store.subscribe(svc.db, chat_id, topic_id, now=svc.now())
    if added:
        await outbox.enqueue_backlog(
            svc.db,
            chat_id,
            topic_id,
            limit=BACKLOG_STORIES,
            since=svc.now() - BACKLOG_WINDOW,
            now=svc.now(),
        )
    return added


async def topic_buttons(svc: Services, chat_id: int) -> list[list[Button]]:
    followed = await followed_ids(svc, chat_id)
    return in_rows([topic_button(t, followed) for t in svc.topics.topics[:90]], per_row=2)


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


async def subscribe_to(
    update: Update, context: Context, topic: TopicRecord, tr: Translator
) -> None:
    svc = services(context)
    chat = await ensure_chat(update, context)
    added = await follow(svc, chat.id, topic.id)
    name = bold(topic.name)
    if not added:
        text = tr("You already follow {topic}.", topic=name)
    elif chat.gets_digest:
        text = tr(
            "Subscribed to {topic}. New stories will come in your daily digest at {time}.",
            topic=name,
            time=chat.digest_time,
        )
    else:
        text = tr(
            "Subscribed to {topic}. New stories will come here as they are published.", topic=name
        )
    await reply(update, context, text)


async def subscribe(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = arguments(context)
    svc = services(context)
    if not words:
        chat = await ensure_chat(update, context)
        await reply(
            update,
            context,
            tr("Which topic? Tap one to follow it, or send /subscribe NAME."),
            buttons=await topic_buttons(svc, chat.id),
        )
        return
    if await refuse_unless_allowed(update, context):
        return
    name = " ".join(words)
    topic = svc.topics.find(name)
    if topic is None:
        await unknown_topic(update, context, name, tr)
        return
    await subscribe_to(update, context, topic, tr)


async def unsubscribe(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = arguments(context)
    svc = services(context)
    if not words:
        await reply(
            update,
            context,
            tr("Which topic? Send /unsubscribe NAME; /subscriptions shows the topics you follow."),
        )
        return
    if await refuse_unless_allowed(update, context):
        return
    name = " ".join(words)
    topic = svc.topics.find(name)
    if topic is None:
        await unknown_topic(update, context, name, tr)
        return
    chat = await ensure_chat(update, context)
    removed = await chat_store.unsubscribe(svc.db, chat.id, topic.id)
    if removed:
        await outbox.cancel_unwanted(svc.db, chat.id)
    text = (
        tr("Unsubscribed from {topic}.", topic=bold(topic.name))
        if removed
        else tr("You did not follow {topic}.", topic=bold(topic.name))
    )
    await reply(update, context, text)


async def subscriptions(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    topics = await chat_store.subscribed_topics(svc.db, chat.id)
    alerts = await alert_store.chat_alerts(svc.db, chat.id)
    if not topics and not alerts:
        await reply(
            update,
            context,
            tr("You follow no topics yet. /topics lists them, with buttons to follow them."),
        )
        return
    blocks = []
    if topics:
        names = [f"• {escape(t.name)}" for t in topics]
        blocks.append("\n".join([bold(tr("You follow:")), *names]))
    if alerts:
        # Cut short: with the topics, twenty long alerts in full would not fit (/alerts
        # lists them whole).
        phrases = [f"• {escape(shorten(a.phrase, ALERT_SHOWN_LIMIT))}" for a in alerts]
        blocks.append("\n".join([bold(tr("Your alerts:")), *phrases]))
    await reply(update, context, "\n\n".join(blocks))


async def toggle_topic(update: Update, context: Context) -> None:
    """A topic button: follow or unfollow, then redraw the buttons where they are."""
    query = update.callback_query
    assert query is not None and query.data is not None
    tr = await tr_for(update, context)
    svc = services(context)
    topic = svc.topics.by_id(_int(query.data[len(TOGGLE_PREFIX) :]))
    if topic is None:
        await answer(update, tr("That topic no longer exists."), alert=True)
        return
    if await refuse_unless_allowed(update, context):
        return
    chat = await ensure_chat(update, context)
    if await chat_store.unsubscribe(svc.db, chat.id, topic.id):
        await outbox.cancel_unwanted(svc.db, chat.id)
        note = tr("Unsubscribed from {topic}.", topic=topic.name)
    else:
        await follow(svc, chat.id, topic.id)
        note = tr("Subscribed to {topic}.", topic=topic.name)
    await answer(update, note)
    if isinstance(query.message, Message):
        rebuilt = await _redraw(query.message.reply_markup, svc, chat.id)
        await query.edit_message_reply_markup(reply_markup=rebuilt)


async def _redraw(old_markup: object, svc: Services, chat_id: int) -> InlineKeyboardMarkup | None:
    """The same keyboard with every topic button's mark brought up to date."""
    followed = await followed_ids(svc, chat_id)
    if not isinstance(old_markup, InlineKeyboardMarkup):
        return None
    rows = []
    for row in old_markup.inline_keyboard:
        new_row = []
        for button in row:
            data = button.callback_data
            if isinstance(data, str) and data.startswith(TOGGLE_PREFIX):
                topic = svc.topics.by_id(_int(data[len(TOGGLE_PREFIX) :]))
                if topic is not None:
                    label, _ = topic_button(topic, followed)
                    button = InlineKeyboardButton(label, callback_data=data)
            new_row.append(button)
        rows.append(new_row)
    return InlineKeyboardMarkup(rows)


def _int(text: str) -> int:
    number = parse_natural(text)
    return -1 if number is None else number
