"""/subscribe, /unsubscribe, /subscriptions and the follow/unfollow topic buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.context import Context
from bot.following import follow, followed_ids, unfollow
from bot.i18n import Translator
from bot.numbers import parse_natural
from bot.render import bold, escape, shorten
from bot.services import Services
from bot.views import ALERT_SHOWN_LIMIT
from handlers.common import (
    answer,
    arguments,
    ensure_chat,
    refuse_unless_allowed,
    reply,
    services,
    tr_for,
)
from handlers.shared import (
    TOGGLE_PREFIX,
    subscribe_to,
    topic_button,
    topic_buttons,
    unknown_topic,
)
from storage import alerts as alert_store
from storage import chats as chat_store
from storage.records import TopicRecord


async def _chosen_topic(
    update: Update, context: Context, words: list[str], tr: Translator
) -> TopicRecord | None:
    """The topic a command names, once the sender may change this chat's topics; None
    after telling them why not (not an administrator, or no such topic)."""
    if await refuse_unless_allowed(update, context):
        return None
    name = " ".join(words)
    topic = services(context).topics.find(name)
    if topic is None:
        await unknown_topic(update, context, name, tr)
    return topic


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
    topic = await _chosen_topic(update, context, words, tr)
    if topic is not None:
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
    topic = await _chosen_topic(update, context, words, tr)
    if topic is None:
        return
    chat = await ensure_chat(update, context)
    removed = await unfollow(svc, chat.id, topic.id)
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
    if await unfollow(svc, chat.id, topic.id):
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
