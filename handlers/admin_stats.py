"""Admin: /stats (figures, feed health and a chart) and /audit (the trail, paged)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from telegram import InputFile, Update

from bot.chart import render_daily_chart
from bot.cluster import LEADER, UPDATES
from bot.context import Context
from bot.i18n import N_, Translator
from bot.numbers import parse_natural
from bot.render import bold, escape, shorten
from bot.services import Services
from handlers.admin import admin_command, refused_admin_button
from handlers.buttons import button_argument, reject_button
from handlers.common import (
    Button,
    answer,
    edit,
    reply,
    reply_blocks,
    services,
    tr_for,
)
from handlers.shared import feed_health
from storage import audit
from storage import feeds as feed_store
from storage import stats as stat_store
from storage.states import DeliveryStatus
from storage.stats import Overview

CHART_DAYS = 30
AUDIT_PAGE = 10
AUDIT_PREFIX = "au:"  # au:<offset>
# Telegram's chat types, as the admin reads them in their language.
CHAT_KINDS = {
    "private": N_("private chats"),
    "group": N_("groups"),
    "supergroup": N_("supergroups"),
    "channel": N_("channels"),
}


def outage_lines(since: float | None, pending: int, tr: Translator, *, now: int) -> list[str]:
    """While the outbox worker finds Telegram unreachable: since when, and what waits."""
    if since is None:
        return []
    return [
        tr(
            "Telegram unreachable since {time} ({ago}): pushes paused, "
            "{pending} deliveries waiting.",
            time=escape(tr.date_time(int(since))),
            ago=escape(tr.relative_time(int(since), now=now)),
            pending=tr.number(pending),
        )
    ]


async def instance_lines(svc: Services, tr: Translator) -> list[str]:
    """The bot processes sharing the database and what each does; none when it runs alone."""
    cluster = svc.cluster
    if cluster is None or not cluster.active:
        return []
    live = await cluster.live()
    names = {LEADER: tr("sends the outbox"), UPDATES: tr("polls Telegram")}
    lines = [tr("Instances: {count} live", count=tr.number(len(live)))]
    for instance in live:
        roles = ", ".join(names.get(role, role) for role in instance.roles) or tr("standby")
        lines.append(f"• {escape(instance.host)} pid {instance.pid}: {escape(roles)}")
    return lines


def summary_text(figures: Overview, tr: Translator, live: Sequence[str] = ()) -> str:
    """The figures of /stats; `live` (an outage, the instances) comes after the deliveries."""
    n = tr.number
    types = ", ".join(
        f"{escape(tr(CHAT_KINDS[kind]) if kind in CHAT_KINDS else kind)} {n(count)}"
        for kind, count in sorted(figures.chats_by_type.items())
    )
    topics = ", ".join(
        f"{escape(name)} {n(count)}"
        for name, count in figures.subscriptions_by_topic.items()
        if count
    ) or tr("none")
    d = figures.deliveries
    return "\n".join(
        [
            bold(tr("newsbrief statistics")),
            tr(
                "Chats: {active} active ({types}), {inactive} inactive",
                active=n(figures.chats_active),
                types=types or tr("none"),
                inactive=n(figures.chats_inactive),
            ),
            tr("Subscriptions by topic: {topics}", topics=topics),
            tr(
                "Stories: {today} today, {week} this week, {total} in all",
                today=n(figures.articles_today),
                week=n(figures.articles_week),
                total=n(figures.articles_total),
            ),
            tr(
                "Deliveries: {sent} sent, {pending} pending, {retrying} retrying, {dead} dead",
                sent=n(d.get(DeliveryStatus.SENT, 0)),
                pending=n(d.get(DeliveryStatus.PENDING, 0)),
                retrying=n(figures.retrying),
                dead=n(d.get(DeliveryStatus.DEAD, 0)),
            ),
            *live,
            tr("Paid broadcast messages: {count}", count=n(figures.paid_sent)),
            tr(
                "Channels: {active} linked, {inactive} inactive",
                active=n(figures.channels_active),
                inactive=n(len(figures.channels_inactive)),
            ),
            *(
                f"• {escape(shorten(name, 60))}: {escape(shorten(reason, 120))}"
                for name, reason in figures.channels_inactive[:10]
            ),
        ]
    )


@admin_command("stats")
async def stats(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    now = svc.now()
    figures = await stat_store.overview(svc.db, now=now)
    pending = figures.deliveries.get(DeliveryStatus.PENDING, 0)
    live = [
        *outage_lines(svc.breaker.since, pending, tr, now=now),
        *await instance_lines(svc, tr),
    ]
    summary = summary_text(figures, tr, live)
    feeds = await feed_store.list_feeds(svc.db)
    blocks = [summary, bold(tr("Feeds"))] if feeds else [summary]
    blocks += [feed_health(feed, tr, now=now) for feed in feeds]
    await reply_blocks(update, context, blocks)
    await _send_chart(update, context, tr, now=now)
    return "shown"


async def _send_chart(update: Update, context: Context, tr: Translator, *, now: int) -> None:
    """Messages delivered and new chats per day, as a picture."""
    svc = services(context)
    starts, delivered, joined = await stat_store.daily_series(svc.db, now=now, days=CHART_DAYS)
    titles = (tr("Last 30 days (UTC)"), tr("Messages delivered"), tr("New chats"))
    png = await asyncio.to_thread(render_daily_chart, starts, delivered, joined, titles=titles)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_photo(
        chat_id=chat.id,
        photo=InputFile(png, filename="newsbrief-stats.png"),
        caption=tr("Messages delivered and new chats per day, last 30 days."),
    )


async def audit_page(
    context: Context, offset: int, tr: Translator
) -> tuple[str, list[list[Button]]]:
    svc = services(context)
    entries = await audit.recent(svc.db, limit=AUDIT_PAGE + 1, offset=offset)
    page, more = entries[:AUDIT_PAGE], len(entries) > AUDIT_PAGE
    if not page:
        return tr("The audit trail is empty."), []
    lines = [bold(tr("Admin actions, newest first"))]
    for entry in page:
        lines.append(
            f"{escape(tr.date_time(entry.at))} · {entry.user_id} · /{escape(entry.command)} "
            f"{escape(shorten(entry.arguments, 60))}\n→ {escape(shorten(entry.result, 100))}"
        )
    buttons: list[list[Button]] = []
    if more:
        buttons.append([(tr("Older ›"), f"{AUDIT_PREFIX}{offset + AUDIT_PAGE}")])
    return "\n\n".join(lines), buttons


@admin_command("audit")
async def audit_command(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    text, buttons = await audit_page(context, 0, tr)
    await reply(update, context, text, buttons=buttons)
    return "shown"


async def audit_more(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    if await refused_admin_button(update, context, "audit"):
        return
    offset = parse_natural(button_argument(update, AUDIT_PREFIX))
    if offset is None:
        await reject_button(update, context, "not an audit page")
        return
    text, buttons = await audit_page(context, offset, tr)
    await answer(update)
    await edit(update, context, text, buttons=buttons)
