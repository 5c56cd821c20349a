"""What every handler needs: the services, the chat's language, and replying in place."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest

from bot.briefing import Reader
from bot.context import Context
from bot.i18n import Translator, pick_language, translator
from bot.render import ALERT_LIMIT, join_blocks, shorten
from bot.send_errors import is_not_modified
from bot.services import Services
from storage import chats as chat_store
from storage.records import ChatRecord

log = logging.getLogger(__name__)

# An argument longer than this is someone pasting a book; we read only the start.
MAX_ARGUMENT_CHARS = 500
Button = tuple[str, str]  # (label, callback data)


def services(context: Context) -> Services:
    return context.bot_data.services


def arguments(context: Context) -> list[str]:
    text = " ".join(context.args or [])[:MAX_ARGUMENT_CHARS]
    return text.split()


@dataclass(frozen=True)
class _StoredChat:
    chat_id: int
    record: ChatRecord | None


# Where the chat's row waits on the update's context (python-telegram-bot builds one context
# per update, shared by every handler group that handles it; the error handler gets its own).
_STORED_CHAT = "newsbrief_stored_chat"


async def stored_chat(update: Update, context: Context) -> ChatRecord | None:
    """The stored row of the update's chat (None when not stored), read once per update: the
    language, the reader and ensure_chat all look at it. A handler that changes the row and
    then reads it again calls forget_chat in between."""
    chat = update.effective_chat
    if chat is None:
        return None
    kept = vars(context).get(_STORED_CHAT)
    if isinstance(kept, _StoredChat) and kept.chat_id == chat.id:
        return kept.record
    record = await chat_store.get_chat(services(context).db, chat.id)
    _keep(context, chat.id, record)
    return record


def _keep(context: Context, chat_id: int, record: ChatRecord | None) -> None:
    vars(context)[_STORED_CHAT] = _StoredChat(chat_id, record)


def forget_chat(context: Context) -> None:
    """The chat's row changed: the next look at it reads it again."""
    vars(context).pop(_STORED_CHAT, None)


async def chat_language(update: Update, context: Context) -> str:
    record = await stored_chat(update, context)
    if record is not None and record.language:
        return pick_language(record.language)
    user = update.effective_user
    return pick_language(user.language_code if user else None)


async def tr_for(update: Update, context: Context) -> Translator:
    return translator(await chat_language(update, context))


async def reader_for(update: Update, context: Context, tr: Translator) -> Reader:
    """The reader of this chat: the language it reads and the article languages it chose."""
    record = await stored_chat(update, context)
    return Reader(tr.language, record.article_languages if record is not None else ())


async def ensure_chat(update: Update, context: Context) -> ChatRecord:
    """The stored chat for this update, registered on first contact."""
    chat = update.effective_chat
    assert chat is not None
    svc = services(context)
    existing = await stored_chat(update, context)
    if existing is not None and existing.active:
        return existing
    message = update.effective_message
    thread_id = message.message_thread_id if message and message.is_topic_message else None
    user = update.effective_user
    record, _ = await chat_store.register_chat(
        svc.db,
        chat.id,
        chat_type=chat.type,
        title=chat.title or chat.full_name or chat.username or "",
        thread_id=thread_id,
        language=pick_language(user.language_code if user else None),
        now=svc.now(),
    )
    _keep(context, chat.id, record)
    if existing is not None:
        # Back after blocking the bot: its alerts were left out of those in force.
        svc.alerts.changed()
    return record


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    buttons = [
        [InlineKeyboardButton(label, callback_data=data) for label, data in row]
        for row in rows
        if row
    ]
    return InlineKeyboardMarkup(buttons) if buttons else None


def in_rows(buttons: Sequence[Button], per_row: int = 2) -> list[list[Button]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


async def reply(
    update: Update,
    context: Context,
    text: str,
    *,
    buttons: Sequence[Sequence[Button]] = (),
    preview: bool = False,
) -> Message | None:
    """Answer in the chat (and forum topic) the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    thread_id = message.message_thread_id if message and message.is_topic_message else None
    return await context.bot.send_message(
        chat_id=chat.id,
        text=text,
        message_thread_id=thread_id,
        reply_markup=keyboard(buttons),
        link_preview_options=LinkPreviewOptions(is_disabled=not preview),
    )


async def reply_blocks(
    update: Update, context: Context, blocks: Iterable[str], *, sep: str = "\n\n"
) -> None:
    """Answer with blocks of HTML packed into as few messages as they fit (none is split)."""
    for message in join_blocks(blocks, sep=sep):
        await reply(update, context, message)


async def edit(
    update: Update, context: Context, text: str, *, buttons: Sequence[Sequence[Button]] = ()
) -> None:
    """Replace the message whose button was pressed; an unchanged edit is not an error."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_text(
            text=text,
            reply_markup=keyboard(buttons),
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise


async def answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    query = update.callback_query
    if query is not None:
        await query.answer(shorten(text, ALERT_LIMIT) if text else None, show_alert=alert)


async def tell(update: Update, context: Context, text: str) -> None:
    """An alert for a pressed button, a message otherwise."""
    if update.callback_query is not None:
        await answer(update, text, alert=True)
    else:
        await reply(update, context, text)


async def may_change_settings(update: Update, context: Context) -> bool:
    """In groups only the group's administrators change what the group receives."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        # An anonymous administrator posts as the group itself.
        return message.sender_chat.id == chat.id
    if chat.type == ChatType.CHANNEL:
        return True
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


async def refuse_unless_allowed(update: Update, context: Context) -> bool:
    """True (after telling the person why) when they may not change this chat's settings."""
    if await may_change_settings(update, context):
        return False
    tr = await tr_for(update, context)
    text = tr("Only the group's administrators can change what this group receives.")
    await tell(update, context, text)
    return True
