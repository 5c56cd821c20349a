"""/settings (with buttons), /digest, /timezone, /quiet: stored per chat, shown back."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from functools import cache
from zoneinfo import available_timezones

from telegram import Update

from bot.context import Context
from bot.i18n import LANGUAGE_NAMES, Translator
from bot.render import bold, escape, shorten
from bot.views import ALERT_SHOWN_LIMIT
from handlers.buttons import button_argument
from handlers.common import (
    Button,
    answer,
    arguments,
    edit,
    ensure_chat,
    forget_chat,
    refuse_unless_allowed,
    reply,
    services,
    tr_for,
)
from handlers.shared import article_language_buttons, describe, topic_buttons
from storage import alerts as alert_store
from storage import chats as chat_store
from storage.records import ChatRecord
from storage.states import DeliveryMode

SETTINGS_PREFIX = "st:"  # st:instant | st:digest | st:quietoff | st:topics | st:langs
DEFAULT_DIGEST_TIME = "08:00"
# What people type to switch a digest or quiet hours off, in our three languages.
OFF_WORDS = frozenset({"off", "no", "none", "выкл", "անջատել"})
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$", re.ASCII)
_RANGE = re.compile(r"^(\S+?)\s*[-–—]\s*(\S+)$")


def parse_time(text: str) -> str | None:
    """'8:00', '08:00', '8.00' -> '08:00'; anything else -> None."""
    match = _TIME.match(text.strip())
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def parse_range(text: str) -> tuple[str, str] | None:
    match = _RANGE.match(text.strip())
    if not match:
        return None
    start, end = parse_time(match.group(1)), parse_time(match.group(2))
    if start is None or end is None or start == end:
        return None
    return start, end


@cache
def _zones() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones() if "/" in name or name == "UTC"}


def find_timezone(text: str) -> tuple[str | None, list[str]]:
    """The zone a person meant (exact, any case, or a unique city) or close suggestions."""
    wanted = text.strip().replace(" ", "_").casefold()[:64]
    zones = _zones()
    if wanted in zones:
        return zones[wanted], []
    by_city = [name for key, name in zones.items() if key.rsplit("/", 1)[-1] == wanted]
    if len(by_city) == 1:
        return by_city[0], []
    close = difflib.get_close_matches(wanted, list(zones), n=3, cutoff=0.6)
    cities = {key.rsplit("/", 1)[-1]: key for key in zones}
    close += [cities[c] for c in difflib.get_close_matches(wanted, list(cities), n=3, cutoff=0.7)]
    return None, [zones[key] for key in dict.fromkeys(close)][:3] or by_city[:3]


def settings_text(
    chat: ChatRecord,
    tr: Translator,
    topics: list[str],
    default_tz: str,
    alerts: Sequence[str] = (),
) -> str:
    if chat.gets_digest:
        delivery = tr("a daily digest at {time}", time=chat.digest_time)
    else:
        delivery = tr("instant pushes")
    quiet = (
        f"{chat.quiet_start}–{chat.quiet_end}" if chat.quiet_start and chat.quiet_end else tr("off")
    )
    lines = [
        bold(tr("Settings for this chat")),
        tr("Delivery: {value}", value=delivery),
        tr("Timezone: {value}", value=escape(chat.timezone or default_tz)),
        tr("Quiet hours: {value}", value=quiet),
        tr("Language: {value}", value=LANGUAGE_NAMES.get(tr.language, tr.language)),
        tr("Article languages: {value}", value=describe(chat.article_languages, tr)),
        tr("Topics: {value}", value=escape(", ".join(topics)) if topics else tr("none")),
        # Each alert cut short: twenty long ones in full would not fit one message.
        tr(
            "Alerts: {value}",
            value=escape("; ".join(shorten(a, ALERT_SHOWN_LIMIT) for a in alerts))
            if alerts
            else tr("none"),
        ),
        "",
        tr(
            "Change them with the buttons, or /digest HH:MM, /timezone Area/City, "
            "/quiet HH:MM-HH:MM."
        ),
    ]
    return "\n".join(lines)


def settings_buttons(chat: ChatRecord, tr: Translator) -> list[list[Button]]:
    digest = chat.delivery_mode == DeliveryMode.DIGEST
    rows: list[list[Button]] = [
        [
            (("● " if not digest else "") + tr("Instant"), f"{SETTINGS_PREFIX}instant"),
            (("● " if digest else "") + tr("Daily digest"), f"{SETTINGS_PREFIX}digest"),
        ]
    ]
    if chat.quiet_start:
        rows.append([(tr("Turn quiet hours off"), f"{SETTINGS_PREFIX}quietoff")])
    rows.append(
        [
            (tr("Choose topics"), f"{SETTINGS_PREFIX}topics"),
            (tr("Article languages"), f"{SETTINGS_PREFIX}langs"),
        ]
    )
    return rows


async def _render(update: Update, context: Context) -> tuple[str, list[list[Button]]]:
    svc = services(context)
    chat = await ensure_chat(update, context)
    tr = await tr_for(update, context)
    topics = [t.name for t in await chat_store.subscribed_topics(svc.db, chat.id)]
    alerts = [a.phrase for a in await alert_store.chat_alerts(svc.db, chat.id)]
    text = settings_text(chat, tr, topics, svc.settings.default_timezone, alerts)
    return text, settings_buttons(chat, tr)


async def settings(update: Update, context: Context) -> None:
    text, buttons = await _render(update, context)
    await reply(update, context, text, buttons=buttons)


async def settings_button(update: Update, context: Context) -> None:
    action = button_argument(update, SETTINGS_PREFIX)
    svc = services(context)
    tr = await tr_for(update, context)
    if await refuse_unless_allowed(update, context):
        return
    chat = await ensure_chat(update, context)
    now = svc.now()
    if action == "instant":
        await chat_store.update_chat(svc.db, chat.id, now=now, delivery_mode=DeliveryMode.INSTANT)
    elif action == "digest":
        await chat_store.update_chat(
            svc.db,
            chat.id,
            now=now,
            delivery_mode=DeliveryMode.DIGEST,
            digest_time=chat.digest_time or DEFAULT_DIGEST_TIME,
        )
        await chat_store.mark_digest_sent(svc.db, chat.id, at=now)
    elif action == "quietoff":
        await chat_store.update_chat(svc.db, chat.id, now=now, quiet_start=None, quiet_end=None)
    elif action == "langs":
        await answer(update)
        current = chat.article_languages
        await reply(
            update,
            context,
            tr("Tap a language to add or remove it, or send /languages en ru, /languages all."),
            buttons=article_language_buttons(current, tr),
        )
        return
    elif action != "topics":
        await answer(update)
        return
    else:
        await answer(update)
        await reply(
            update,
            context,
            tr("Tap a topic to follow or unfollow it."),
            buttons=await topic_buttons(svc, chat.id),
        )
        return
    await answer(update, tr("Saved."))
    forget_chat(context)  # the panel shows the row as just changed
    text, buttons = await _render(update, context)
    await edit(update, context, text, buttons=buttons)


async def _setting_words(
    update: Update, context: Context, current: Callable[[ChatRecord], str]
) -> list[str] | None:
    """The words of /digest, /timezone or /quiet. With none, the chat's current setting is
    shown (to anyone: only changing it is for administrators); None then, and None after
    refusing someone who may not change this chat's settings."""
    words = arguments(context)
    if not words:
        chat = await ensure_chat(update, context)
        await reply(update, context, current(chat))
        return None
    if await refuse_unless_allowed(update, context):
        return None
    return words


def digest_status(chat: ChatRecord, tr: Translator) -> str:
    """/digest alone: when the digest comes, and how to change it."""
    current = (
        tr("Your daily digest comes at {time}.", time=chat.digest_time)
        if chat.gets_digest
        else tr("You get instant pushes, no digest.")
    )
    return (
        current
        + "\n"
        + tr("Send /digest HH:MM for one message a day at that local time, or /digest off.")
    )


async def digest(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = await _setting_words(update, context, lambda chat: digest_status(chat, tr))
    if words is None:
        return
    svc = services(context)
    chat = await ensure_chat(update, context)
    zone = escape(chat.zone(svc.settings.default_timezone))
    if words[0].casefold() in OFF_WORDS:
        await chat_store.update_chat(
            svc.db, chat.id, now=svc.now(), delivery_mode=DeliveryMode.INSTANT, digest_time=None
        )
        await reply(update, context, tr("Digest off: new stories come as they are published."))
        return
    time_text = parse_time(words[0])
    if time_text is None:
        await reply(
            update,
            context,
            tr("Please give a time as HH:MM (24-hour), e.g. /digest 08:30, or /digest off."),
        )
        return
    await chat_store.update_chat(
        svc.db, chat.id, now=svc.now(), delivery_mode=DeliveryMode.DIGEST, digest_time=time_text
    )
    await chat_store.mark_digest_sent(svc.db, chat.id, at=svc.now())
    await reply(
        update,
        context,
        tr(
            "Done: one digest a day at {time} ({zone}) instead of instant pushes.",
            time=time_text,
            zone=zone,
        ),
    )


def timezone_status(chat: ChatRecord, tr: Translator, default_tz: str) -> str:
    """/timezone alone: the chat's zone, and how to change it."""
    return tr(
        "Your timezone is {zone}. Change it with /timezone Area/City, e.g. /timezone "
        "Asia/Yerevan.",
        zone=escape(chat.zone(default_tz)),
    )


def unknown_zone_text(typed: str, suggestions: list[str], tr: Translator) -> str:
    shown = escape(typed[:64])
    if suggestions:
        return tr(
            "I don't know the timezone “{zone}”. Did you mean: {suggestions}?",
            zone=shown,
            suggestions=", ".join(suggestions),
        )
    return tr(
        "I don't know the timezone “{zone}”. Use Area/City, e.g. Asia/Yerevan or "
        "Europe/Moscow.",
        zone=shown,
    )


async def timezone(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    svc = services(context)
    default_tz = svc.settings.default_timezone
    words = await _setting_words(
        update, context, lambda chat: timezone_status(chat, tr, default_tz)
    )
    if words is None:
        return
    zone, suggestions = find_timezone(words[0])
    if zone is None:
        await reply(update, context, unknown_zone_text(words[0], suggestions, tr))
        return
    chat = await ensure_chat(update, context)
    await chat_store.update_chat(svc.db, chat.id, now=svc.now(), timezone=zone)
    await reply(update, context, tr("Timezone set to {zone}.", zone=zone))


def quiet_status(chat: ChatRecord, tr: Translator) -> str:
    """/quiet alone: the chat's quiet hours, and how to change them."""
    current = (
        tr("Quiet hours: {start}–{end}.", start=chat.quiet_start, end=chat.quiet_end)
        if chat.quiet_start
        else tr("Quiet hours are off.")
    )
    return (
        current
        + "\n"
        + tr(
            "Send /quiet HH:MM-HH:MM to hold pushes during those hours (they come as one "
            "digest afterwards), or /quiet off."
        )
    )


async def quiet(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = await _setting_words(update, context, lambda chat: quiet_status(chat, tr))
    if words is None:
        return
    svc = services(context)
    chat = await ensure_chat(update, context)
    if words[0].casefold() in OFF_WORDS:
        await chat_store.update_chat(
            svc.db, chat.id, now=svc.now(), quiet_start=None, quiet_end=None
        )
        await reply(update, context, tr("Quiet hours off."))
        return
    span = parse_range("".join(words))
    if span is None:
        await reply(
            update,
            context,
            tr(
                "Please give two times as HH:MM-HH:MM (24-hour), "
                "e.g. /quiet 22:00-07:00, or /quiet off."
            ),
        )
        return
    await chat_store.update_chat(
        svc.db, chat.id, now=svc.now(), quiet_start=span[0], quiet_end=span[1]
    )
    await reply(
        update,
        context,
        tr(
            "Quiet hours set: {start}–{end} ({zone}). Pushes are held then and come together "
            "afterwards.",
            start=span[0],
            end=span[1],
            zone=escape(chat.zone(svc.settings.default_timezone)),
        ),
    )
