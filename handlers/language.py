"""/language: buttons, or `/language ru` directly; the chat's language for every reply."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.i18n import LANGUAGE_NAMES, supported_languages, translator
from handlers.buttons import button_argument
from handlers.common import (
    answer,
    arguments,
    edit,
    ensure_chat,
    refuse_unless_allowed,
    reply,
    services,
    tr_for,
)
from storage import chats as chat_store

LANGUAGE_PREFIX = "lang:"  # lang:<code>
# What people type for a language, besides its code.
_ALIASES = {
    "english": "en",
    "английский": "en",
    "անգլերեն": "en",
    "russian": "ru",
    "русский": "ru",
    "ռուսերեն": "ru",
    "armenian": "hy",
    "армянский": "hy",
    "հայերեն": "hy",
    "am": "hy",
    "arm": "hy",
}


def resolve_language(word: str) -> str | None:
    wanted = word.strip().casefold()[:32]
    wanted = _ALIASES.get(wanted, wanted).split("-")[0].split("_")[0]
    return wanted if wanted in supported_languages() else None


def language_buttons() -> list[list[tuple[str, str]]]:
    return [
        [
            (LANGUAGE_NAMES.get(code, code), f"{LANGUAGE_PREFIX}{code}")
            for code in supported_languages()
        ]
    ]


async def language(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = arguments(context)
    if not words:
        await reply(
            update,
            context,
            tr("Choose the language I speak in this chat:"),
            buttons=language_buttons(),
        )
        return
    if await refuse_unless_allowed(update, context):
        return
    code = resolve_language(words[0])
    if code is None:
        await reply(
            update,
            context,
            tr("I speak {languages}. Choose one:", languages=", ".join(supported_languages())),
            buttons=language_buttons(),
        )
        return
    await _set(update, context, code)
    await reply(update, context, confirmation(code))


async def language_button(update: Update, context: Context) -> None:
    code = resolve_language(button_argument(update, LANGUAGE_PREFIX))
    if code is None:
        await answer(update)
        return
    if await refuse_unless_allowed(update, context):
        return
    await _set(update, context, code)
    await answer(update)
    await edit(update, context, confirmation(code))


def confirmation(code: str) -> str:
    """Said in the new language, so the person sees the change took effect."""
    tr = translator(code)
    return tr("I will speak {language} here.", language=LANGUAGE_NAMES[code])


async def _set(update: Update, context: Context, code: str) -> None:
    svc = services(context)
    chat = await ensure_chat(update, context)
    await chat_store.update_chat(svc.db, chat.id, now=svc.now(), language=code)
