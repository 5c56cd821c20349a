"""Admin: /channels, /addchannel @name|-100ID[:THREAD] TOPIC... [lang=xx] [quiet],
/removechannel @name|-100ID. A linked channel (or forum topic) gets new stories on its topics
as posts, through the same outbox as pushes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from telegram import ChatFullInfo, ChatMemberAdministrator, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden

from bot.context import Context
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, Translator, supported_languages
from bot.render import bold, escape, shorten
from handlers.admin import admin_command
from handlers.common import (
    arguments,
    reply,
    reply_blocks,
    services,
    tr_for,
)
from handlers.shared import parse_keywords
from storage import channels as channel_store
from storage.channels import LinkedChannel
from storage.records import TopicRecord

_TARGET = re.compile(
    r"^(?:@(?P<name>[A-Za-z][A-Za-z0-9_]{3,31})|(?P<id>-\d{1,19}))(?::(?P<thread>\d{1,10}))?$"
)
_QUIET = frozenset({"quiet", "silent"})
TITLE_LIMIT = 60


@dataclass(frozen=True)
class Target:
    """What an admin typed to name a channel: @username or numeric id, maybe a thread."""

    username: str | None
    chat_id: int | None
    thread_id: int | None

    @property
    def api_id(self) -> str | int:
        return f"@{self.username}" if self.username else int(self.chat_id or 0)

    def shown(self) -> str:
        return shown(self.username, self.chat_id or 0, self.thread_id)


def parse_target(text: str) -> Target | None:
    found = _TARGET.match(text.strip())
    if found is None:
        return None
    thread = int(found["thread"]) if found["thread"] else None
    if found["name"]:
        return Target(found["name"], None, thread)
    return Target(None, int(found["id"]), thread)


def shown(chat_username: str | None, chat_id: int, thread_id: int | None) -> str:
    base = f"@{chat_username}" if chat_username else str(chat_id)
    return f"{base}:{thread_id}" if thread_id else base


# What an admin is told, and what the audit trail records, when a link is refused.
Problem = tuple[str, str]


@dataclass(frozen=True)
class ChannelRequest:
    """What /addchannel asks for: where to post, in which language, silently or not, and
    the topics, by name as typed."""

    target: Target
    language: str
    silent: bool
    topic_names: tuple[str, ...]


def parse_channel_request(words: list[str]) -> ChannelRequest | None:
    """The request in /addchannel's words; None when the first names no channel."""
    target = parse_target(words[0]) if words else None
    if target is None:
        return None
    language, silent, rest = DEFAULT_LANGUAGE, False, []
    for word in words[1:]:
        if word.casefold().startswith("lang="):
            language = word.split("=", 1)[1].casefold()
        elif word.casefold() in _QUIET:
            silent = True
        else:
            rest.append(word)
    return ChannelRequest(target, language, silent, tuple(parse_keywords(" ".join(rest))))


def requested_topics(
    request: ChannelRequest, find: Callable[[str], TopicRecord | None], tr: Translator
) -> list[TopicRecord] | Problem:
    """The topics asked for, or why the request is refused: a language we do not speak, a
    topic that does not exist, or no topic at all."""
    if request.language not in supported_languages():
        text = tr(
            "I speak {languages}; {code} is not one of them.",
            languages="en, ru, hy",
            code=escape(request.language[:10]),
        )
        return text, "language"
    topics: list[TopicRecord] = []
    for name in request.topic_names:
        topic = find(name.replace("_", " "))
        if topic is None:
            text = tr("There is no topic “{name}”. /topics lists them all.", name=escape(name[:60]))
            return text, f"no topic {name[:40]}"
        topics.append(topic)
    if not topics:
        return _usage(tr), "no topics"
    return topics


async def _refuse(update: Update, context: Context, text: str, result: str) -> str:
    await reply(update, context, text)
    return f"refused: {result}"


def _usage(tr: Translator) -> str:
    return tr(
        "Send /addchannel @name TOPIC... (or -100ID, or -100ID:THREAD for a forum topic), "
        "optionally lang=en|ru|hy and quiet."
    )


@admin_command("addchannel")
async def addchannel(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    request = parse_channel_request(arguments(context))
    if request is None:
        return await _refuse(update, context, _usage(tr), "usage")
    topics = requested_topics(request, svc.topics.find, tr)
    if isinstance(topics, tuple):
        return await _refuse(update, context, *topics)
    chat = await _postable_chat(context, request.target, tr)
    if isinstance(chat, tuple):
        return await _refuse(update, context, *chat)

    target = request.target
    await channel_store.link_channel(
        svc.db,
        chat.id,
        chat_type=chat.type,
        title=chat.title or "",
        username=chat.username,
        thread_id=target.thread_id,
        language=request.language,
        silent=request.silent,
        topic_ids=[t.id for t in topics],
        admin_id=update.effective_user.id if update.effective_user else 0,
        now=svc.now(),
    )
    names = ", ".join(dict.fromkeys(t.name for t in topics))
    text = tr(
        "Linked {title}: new stories on {topics} will be posted there, in {language}.",
        title=bold(shorten(chat.title or target.shown(), TITLE_LIMIT)),
        topics=escape(names),
        language=LANGUAGE_NAMES.get(request.language, request.language),
    )
    if request.silent:
        text += " " + tr("Posts are silent (no notification).")
    await reply(update, context, text)
    return f"linked {shown(chat.username, chat.id, target.thread_id)}: {names}"


async def _postable_chat(
    context: Context, target: Target, tr: Translator
) -> ChatFullInfo | Problem:
    """The channel or forum group named, once we know we may post there; else why not."""
    where = escape(target.shown())
    try:
        chat = await context.bot.get_chat(target.api_id)
    except (BadRequest, Forbidden):
        if target.username:
            text = tr("There is no channel {target}: check the name.", target=where)
            return text, "unknown channel"
        text = tr(
            "I cannot see {target}: it does not exist, or it is a private channel I am not in. "
            "Add me there as an administrator first.",
            target=where,
        )
        return text, "not found"
    problem = _kind_problem(chat, target, tr, where)
    if problem is None:
        problem = await _rights_problem(context, chat, tr, where)
    return chat if problem is None else problem


def _kind_problem(chat: ChatFullInfo, target: Target, tr: Translator, where: str) -> Problem | None:
    if chat.type == ChatType.PRIVATE:
        return tr("{target} is a person, not a channel.", target=where), "a user"
    if chat.type == ChatType.CHANNEL:
        if target.thread_id:
            return (
                tr("{target} is a channel; only forum groups have topics.", target=where),
                "thread in a channel",
            )
        return None
    if not target.thread_id:
        return (
            tr(
                "{target} is a group: link a channel, or a forum topic as -100ID:THREAD.",
                target=where,
            ),
            "a group",
        )
    if not chat.is_forum:
        return (
            tr("{target} has no forum topics: link a channel instead.", target=where),
            "not a forum",
        )
    return None


async def _rights_problem(
    context: Context, chat: ChatFullInfo, tr: Translator, where: str
) -> Problem | None:
    try:
        member = await context.bot.get_chat_member(chat.id, context.bot.id)
    except (BadRequest, Forbidden):
        member = None
    status = member.status if member is not None else ChatMemberStatus.LEFT
    if status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        text = tr(
            "I am not a member of {target}: add me as an administrator allowed to post.",
            target=where,
        )
        return text, "not a member"
    if status not in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER):
        text = tr(
            "I am a member of {target} but not an administrator: make me one, allowed to "
            "post messages.",
            target=where,
        )
        return text, "not an administrator"
    if (
        chat.type == ChatType.CHANNEL
        and isinstance(member, ChatMemberAdministrator)
        and not member.can_post_messages
    ):
        text = tr(
            "I am an administrator of {target} but may not post messages: give me the "
            "“Post messages” right.",
            target=where,
        )
        return text, "no can_post_messages"
    return None


@admin_command("removechannel")
async def removechannel(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    words = arguments(context)
    target = parse_target(words[0]) if words else None
    if target is None:
        await reply(update, context, tr("Send /removechannel @name or /removechannel -100ID."))
        return "usage"
    chat = await channel_store.find_linked(svc.db, chat_id=target.chat_id, username=target.username)
    if chat is None:
        text = tr(
            "{target} is not linked. /channels lists the linked ones.",
            target=escape(target.shown()),
        )
        await reply(update, context, text)
        return "not linked"
    await channel_store.unlink_channel(svc.db, chat, now=svc.now())
    title = chat.title or shown(chat.username, chat.id, chat.thread_id)
    await reply(
        update,
        context,
        tr("Unlinked {title}: nothing more will be posted there.", title=bold(title)),
    )
    return f"unlinked {shown(chat.username, chat.id, chat.thread_id)}"


def channel_line(channel: LinkedChannel, tr: Translator) -> str:
    chat = channel.chat
    where = shown(chat.username, chat.id, chat.thread_id)
    head = f"• {bold(shorten(chat.title or where, TITLE_LIMIT))} ({escape(where)})"
    details = [
        tr("topics: {topics}", topics=escape(", ".join(channel.topics)) or tr("none")),
        tr("language: {language}", language=chat.language or DEFAULT_LANGUAGE),
    ]
    if chat.silent:
        details.append(tr("quiet"))
    if channel.last_post_at:
        details.append(tr("last post: {when}", when=escape(tr.date_time(channel.last_post_at))))
    else:
        details.append(tr("no posts yet"))
    lines = [head, escape("; ").join(details)]
    if not chat.active:
        lines.append(
            tr(
                "inactive: {reason}",
                reason=escape(shorten(chat.inactive_reason or "?", 120)),
            )
        )
    return "\n".join(lines)


@admin_command("channels")
async def channels(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    linked = await channel_store.linked_channels(svc.db)
    if not linked:
        await reply(
            update,
            context,
            tr("No channel is linked. /addchannel @name TOPIC... links one."),
        )
        return "none"
    blocks = [bold(tr("Linked channels"))] + [channel_line(c, tr) for c in linked]
    await reply_blocks(update, context, blocks)
    return f"{len(linked)} shown"
