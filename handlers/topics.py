"""/topics (counts and follow buttons) and /topic NAME (the newest stories with their lead)."""

from __future__ import annotations

from telegram import Update

from bot.render import bold, escape
from bot.views import story_list
from handlers.common import Context, arguments, ensure_chat, reply, services, tr_for
from handlers.subscriptions import followed_ids, topic_button, topic_buttons, unknown_topic
from storage import articles as article_store

WEEK = 7 * 24 * 3600
BRIEF_STORIES = 5


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


async def topic(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    words = arguments(context)
    if not words:
        await reply(
            update, context, tr("Which topic? For example: /topic CSTO. /topics lists them all.")
        )
        return
    name = " ".join(words)
    found = svc.topics.find(name)
    if found is None:
        await unknown_topic(update, context, name, tr)
        return
    stories = await article_store.latest(svc.db, limit=BRIEF_STORIES, topic_id=found.id)
    if not stories:
        await reply(update, context, tr("No stories on {topic} yet.", topic=escape(found.name)))
        return
    heading = tr("What is new on {topic}", topic=found.name)
    text = story_list(heading, stories, tr=tr, now=svc.now(), lead=True)
    chat = await ensure_chat(update, context)
    buttons = [[topic_button(found, await followed_ids(svc, chat.id))]]
    await reply(update, context, text, buttons=buttons)
