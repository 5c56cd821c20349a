"""/alert WORDS, /alerts (with remove buttons) and /unalert WORDS: a reader's own phrases,
matched at ingest like topic keywords (literal, whole words, any script)."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.i18n import Translator
from bot.render import bold, escape, shorten
from handlers.buttons import button_argument
from handlers.common import (
    Button,
    answer,
    arguments,
    edit,
    ensure_chat,
    refuse_unless_allowed,
    reply,
    services,
    tr_for,
)
from news.alerts import MAX_ALERT_CHARS, MAX_ALERTS_PER_CHAT, AlertPhrase, AlertProblem, parse_alert
from storage import alerts as alert_store
from storage import deliveries as outbox

ALERT_PREFIX = "al:"  # al:<alert id> removes it
LABEL_LIMIT = 40


def _problem_text(problem: AlertProblem, tr: Translator) -> str:
    if problem.reason == "too_long":
        return tr("An alert is at most {limit} characters.", limit=MAX_ALERT_CHARS)
    if problem.reason == "no_words":
        return tr("An alert needs letters or digits, not only punctuation.")
    if problem.reason == "too_common":
        return tr(
            "That alert has only very common words: it would bring nearly every story. "
            "Add a name or a rarer word, e.g. /alert Upper Lars."
        )
    return tr(
        "Send /alert WORDS, e.g. /alert Upper Lars; commas separate alternatives: "
        "/alert Upper Lars, Верхний Ларс."
    )


async def _parsed(
    update: Update, context: Context, tr: Translator, *, usage: str, adding: bool
) -> AlertPhrase | None:
    """The phrase typed, after the usage for none and the refusal for a non-administrator."""
    if not arguments(context):
        await reply(update, context, usage)
        return None
    if await refuse_unless_allowed(update, context):
        return None
    try:
        return parse_alert(" ".join(arguments(context)), refuse_common=adding)
    except AlertProblem as problem:
        await reply(update, context, _problem_text(problem, tr))
        return None


async def alert(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    usage = _problem_text(AlertProblem("empty"), tr)
    phrase = await _parsed(update, context, tr, usage=usage, adding=True)
    if phrase is None:
        return
    svc = services(context)
    chat = await ensure_chat(update, context)
    outcome = await alert_store.add_alert(
        svc.db, chat.id, phrase.text, phrase.key, limit=MAX_ALERTS_PER_CHAT, now=svc.now()
    )
    shown = bold(phrase.text)
    if outcome == "full":
        text = tr(
            "You have {limit} alerts already: remove one first (/alerts).",
            limit=MAX_ALERTS_PER_CHAT,
        )
    elif outcome == "exists":
        text = tr("You already have the alert {phrase}.", phrase=shown)
    else:
        svc.alerts.changed()
        text = tr("Alert saved: new stories that mention {phrase} will come here.", phrase=shown)
    await reply(update, context, text)


async def unalert(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    usage = tr("Send /unalert WORDS; /alerts lists your alerts.")
    phrase = await _parsed(update, context, tr, usage=usage, adding=False)
    if phrase is None:
        return
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    removed = await alert_store.remove_alert(svc.db, chat.id, phrase_key=phrase.key)
    if removed is None:
        text = tr("You have no alert {phrase}. /alerts lists yours.", phrase=bold(phrase.text))
    else:
        svc.alerts.changed()
        await outbox.cancel_unwanted(svc.db, chat.id)
        text = tr("Alert removed: {phrase}.", phrase=bold(removed))
    await reply(update, context, text)


async def alerts_view(
    context: Context, chat_id: int, tr: Translator
) -> tuple[str, list[list[Button]]]:
    found = await alert_store.chat_alerts(services(context).db, chat_id)
    if not found:
        return tr("You have no alerts. /alert WORDS follows a phrase of your own."), []
    lines = [bold(tr("Your alerts:"))] + [f"• {escape(a.phrase)}" for a in found]
    buttons = [[(f"✖ {shorten(a.phrase, LABEL_LIMIT)}", f"{ALERT_PREFIX}{a.id}")] for a in found]
    return "\n".join(lines), buttons


async def alerts(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    chat = update.effective_chat
    assert chat is not None
    text, buttons = await alerts_view(context, chat.id, tr)
    await reply(update, context, text, buttons=buttons)


async def remove_button(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    if await refuse_unless_allowed(update, context):
        return
    chat = update.effective_chat
    assert chat is not None
    raw = button_argument(update, ALERT_PREFIX)
    alert_id = int(raw) if raw.isdigit() and len(raw) < 12 else -1
    svc = services(context)
    removed = await alert_store.remove_alert(svc.db, chat.id, alert_id=alert_id)
    if removed is None:
        await answer(update, tr("That alert is already gone."))
    else:
        svc.alerts.changed()
        await outbox.cancel_unwanted(svc.db, chat.id)
        await answer(update, tr("Alert removed: {phrase}.", phrase=removed))
    text, buttons = await alerts_view(context, chat.id, tr)
    await edit(update, context, text, buttons=buttons)
