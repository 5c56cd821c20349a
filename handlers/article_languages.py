"""/languages: which languages of articles a chat receives and sees (/latest, briefs,
pushes): buttons that toggle English, Russian and Armenian, or `/languages en ru`
directly, `/languages all` for every one. Not the language the bot speaks (/language)."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.i18n import Translator
from bot.render import bold
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
from handlers.shared import (
    ARTICLE_LANGUAGES,
    ARTICLE_LANGUAGES_PREFIX,
    article_language_buttons,
    describe,
)
from storage import chats as chat_store
from storage import deliveries as outbox

ALL_WORDS = frozenset({"all", "any", "все", "всё", "բոլորը"})
_ALIASES = {
    "english": "en", "английский": "en", "անգլերեն": "en", "eng": "en",
    "russian": "ru", "русский": "ru", "ռուսերեն": "ru", "rus": "ru",
    "armenian": "hy", "армянский": "hy", "հայերեն": "hy", "am": "hy", "arm": "hy",
}  # fmt: skip


def parse_article_languages(words: list[str]) -> tuple[str, ...] | None:
    """The codes a reader typed, in the usual order; () for all; None when a word is not
    one of the languages."""
    if len(words) == 1 and words[0].casefold() in ALL_WORDS:
        return ()
    chosen: set[str] = set()
    for word in words:
        for part in word.replace(",", " ").split():
            code = _ALIASES.get(part.casefold(), part.casefold())
            if code not in ARTICLE_LANGUAGES:
                return None
            chosen.add(code)
    if not chosen:
        return None
    return normalised(chosen)


def normalised(chosen: set[str] | tuple[str, ...]) -> tuple[str, ...]:
    """In the usual order; every language chosen is the same as none chosen (all)."""
    ordered = tuple(code for code in ARTICLE_LANGUAGES if code in chosen)
    return () if len(ordered) == len(ARTICLE_LANGUAGES) else ordered


def _status(languages: tuple[str, ...], tr: Translator) -> str:
    return "\n".join(
        [
            bold(tr("Article languages")),
            tr("You receive and see articles in: {languages}.", languages=describe(languages, tr)),
            tr("Tap a language to add or remove it, or send /languages en ru, /languages all."),
        ]
    )


async def languages(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = arguments(context)
    chat = await ensure_chat(update, context)
    if not words:
        current = chat.article_languages
        await reply(
            update, context, _status(current, tr), buttons=article_language_buttons(current, tr)
        )
        return
    chosen = parse_article_languages(words)
    if chosen is None:
        await reply(
            update,
            context,
            tr("Choose among en, ru and hy, for example: /languages en ru, or /languages all."),
        )
        return
    if await refuse_unless_allowed(update, context):
        return
    await _save(context, chat.id, chosen)
    await reply(
        update,
        context,
        tr("You will receive and see articles in: {languages}.", languages=describe(chosen, tr)),
    )


async def _save(context: Context, chat_id: int, chosen: tuple[str, ...]) -> None:
    svc = services(context)
    await chat_store.update_chat(
        svc.db, chat_id, now=svc.now(), article_languages=" ".join(chosen) or None
    )
    await outbox.cancel_unwanted(svc.db, chat_id)


async def article_language_button(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    choice = button_argument(update, ARTICLE_LANGUAGES_PREFIX)
    if choice != "all" and choice not in ARTICLE_LANGUAGES:
        await answer(update)
        return
    if await refuse_unless_allowed(update, context):
        return
    chat = await ensure_chat(update, context)
    if choice == "all":
        chosen: tuple[str, ...] = ()
    else:
        current = set(chat.article_languages or ARTICLE_LANGUAGES)
        current ^= {choice}
        if not current:
            await answer(update, tr("Keep at least one language."), alert=True)
            return
        chosen = normalised(current)
    await _save(context, chat.id, chosen)
    await answer(update, tr("Saved."))
    await edit(update, context, _status(chosen, tr), buttons=article_language_buttons(chosen, tr))
