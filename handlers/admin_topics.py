"""Admin: /addtopic NAME KEYWORD..., /removetopic NAME; both re-tag the last 7 days."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import Context
from bot.render import bold, escape
from bot.retagging import retag_recent
from handlers.admin import admin_command
from handlers.common import reply, services, tr_for
from handlers.shared import parse_keywords
from storage import topics as topic_store

MAX_NAME = 40
_NAME = re.compile(r"^[\w][\w .&'-]*$", re.UNICODE)


@admin_command("addtopic")
async def addtopic(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    args = context.args or []
    if len(args) < 2:
        await reply(
            update,
            context,
            tr('Give a name and keywords, e.g. /addtopic Energy gas electricity "nuclear plant"'),
        )
        return "usage"
    name = args[0].replace("_", " ")[:MAX_NAME]
    if not _NAME.match(name):
        await reply(update, context, tr("A topic name is letters, digits, spaces and . & ' -"))
        return "bad name"
    keywords = parse_keywords(" ".join(args[1:])[:2000])
    await topic_store.add_topic(svc.db, name, keywords, now=svc.now())
    tagged = await retag_recent(svc)
    await reply(
        update,
        context,
        tr.plural(
            "Topic {name} saved with {count} keyword. Stories of the last 7 days re-tagged "
            "({tagged} have topics).",
            "Topic {name} saved with {count} keywords. Stories of the last 7 days re-tagged "
            "({tagged} have topics).",
            len(keywords),
            name=bold(name),
            tagged=tagged,
        ),
    )
    return f"saved {name} ({len(keywords)} keywords)"


@admin_command("removetopic")
async def removetopic(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    name = " ".join(context.args or [])[:MAX_NAME]
    topic = svc.topics.find(name) if name else None
    if topic is None:
        await reply(
            update,
            context,
            tr("There is no topic “{name}”. /topics lists them all.", name=escape(name)),
        )
        return "no such topic"
    await topic_store.remove_topic(svc.db, topic.name)
    await retag_recent(svc)
    text = tr("Topic {name} removed, with its subscriptions.", name=bold(topic.name))
    if topic.origin == "file":
        text += "\n" + tr(
            "It comes from the topics file and returns at the next start unless "
            "it is removed there too."
        )
    await reply(update, context, text)
    return f"removed {topic.name}"
