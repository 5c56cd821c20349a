"""/trending: the terms rising in the last day, each a button that opens its brief."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.render import CALLBACK_DATA_LIMIT, bold, escape
from bot.views import brief_message
from handlers.buttons import button_argument, reject_button
from handlers.common import (
    Button,
    answer,
    in_rows,
    reader_for,
    reply,
    services,
    tr_for,
)
from handlers.shared import DEFAULT_WINDOW_HOURS, TERM_PREFIX, window_text


async def trending(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    terms = await svc.briefing.trending(now=svc.now())
    if not terms:
        await reply(
            update,
            context,
            tr("Nothing stands out today: no word or name is rising in the news."),
        )
        return
    lines = [bold(tr("Trending in the last 24 hours"))]
    buttons: list[Button] = []
    for number, term in enumerate(terms, start=1):
        mentions = tr.plural("{count} story", "{count} stories", term.recent_count)
        # In the reader's script when the articles write the term in it.
        shown = term.shown_in(tr.language)
        lines.append(f"{number}. {escape(shown)} — {mentions}")
        data = f"{TERM_PREFIX}{shown}"
        # Telegram refuses longer callback data; such a term is listed without a button.
        if len(data.encode()) <= CALLBACK_DATA_LIMIT:
            buttons.append((shown, data))
    lines += ["", tr("Tap a term for its brief.")]
    await reply(update, context, "\n".join(lines), buttons=in_rows(buttons, per_row=2))


async def term_brief(update: Update, context: Context) -> None:
    """A trending term's button: its brief, as a new message under the list."""
    tr = await tr_for(update, context)
    svc = services(context)
    term = button_argument(update, TERM_PREFIX).strip()
    now = svc.now()
    if not term or not await svc.briefing.is_offered_term(term, now=now):
        # Only terms a trending list showed (in any script it showed them): any other is
        # forged, and each costs a brief.
        await reject_button(update, context, "not a trending term")
        return
    entries = await svc.briefing.term_brief(
        term, hours=DEFAULT_WINDOW_HOURS, now=now, reader=await reader_for(update, context, tr)
    )
    await answer(update)
    if not entries:
        await reply(
            update,
            context,
            tr("Nothing on “{term}” in the past few days.", term=escape(term[:60])),
        )
        return
    text = brief_message(
        tr("News on “{term}”", term=term),
        tr("The past {window}", window=window_text(DEFAULT_WINDOW_HOURS, tr)),
        entries,
        tr=tr,
        now=now,
    )
    await reply(update, context, text)
