"""Admin: /feeds, /addfeed, /removefeed, /pausefeed, /resumefeed, /fetchnow."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.numbers import parse_natural
from bot.render import bold, escape, shorten
from handlers.admin import admin_command
from handlers.common import (
    arguments,
    reply,
    reply_blocks,
    services,
    tr_for,
)
from handlers.shared import feed_health
from storage import feeds as feed_store
from storage.records import FeedRecord

MAX_URL = 2000


async def _feed_from_argument(
    update: Update, context: Context, command: str
) -> FeedRecord | None:
    tr = await tr_for(update, context)
    words = arguments(context)
    feed_id = parse_natural(words[0]) if words else None
    if feed_id is None:
        await reply(
            update,
            context,
            tr("Give the feed's number from /feeds, e.g. /{command} 2.", command=command),
        )
        return None
    feed = await feed_store.get_feed(services(context).db, feed_id)
    if feed is None:
        await reply(
            update, context, tr("There is no feed {id}. /feeds lists them.", id=escape(words[0]))
        )
    return feed


@admin_command("feeds")
async def feeds(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    found = await feed_store.list_feeds(svc.db)
    if not found:
        await reply(update, context, tr("No feeds yet. Add one with /addfeed URL."))
        return "no feeds"
    blocks = [bold(tr("Feeds"))] + [feed_health(f, tr, now=svc.now()) for f in found]
    await reply_blocks(update, context, blocks)
    return f"{len(found)} feeds"


@admin_command("addfeed")
async def addfeed(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    words = arguments(context)
    if not words:
        await reply(
            update,
            context,
            tr("Give the feed's address, e.g. /addfeed https://example.org/rss.xml"),
        )
        return "no url"
    url = words[0][:MAX_URL]
    existing = await feed_store.get_feed_by_url(svc.db, url)
    if existing is not None:
        await reply(
            update, context, tr("That feed is already here as number {id}.", id=existing.id)
        )
        return f"known as {existing.id}"
    probe = await svc.ingestor.probe(url)
    if not probe.ok:
        await reply(
            update,
            context,
            tr("Not added: {reason}", reason=escape(shorten(probe.error or "?", 300))),
        )
        return f"refused: {probe.error}"
    feed, _ = await feed_store.add_feed(svc.db, url, now=svc.now(), title=probe.title)
    outcome = await svc.ingestor.poll_feed(feed)
    stored = outcome.new if outcome else 0
    await reply(
        update,
        context,
        tr.plural(
            "Added feed {id}: {title}, {count} item; {stored} new stories stored.",
            "Added feed {id}: {title}, {count} items; {stored} new stories stored.",
            probe.items,
            id=feed.id,
            title=bold(shorten(probe.title, 100)),
            stored=stored,
        ),
    )
    return f"added {feed.id} ({probe.items} items)"


@admin_command("removefeed")
async def removefeed(update: Update, context: Context) -> str:
    feed = await _feed_from_argument(update, context, "removefeed")
    if feed is None:
        return "no such feed"
    tr = await tr_for(update, context)
    await feed_store.remove_feed(services(context).db, feed.id)
    await reply(
        update,
        context,
        tr(
            "Removed feed {id}: {title}. Its stories stay in the archive.",
            id=feed.id,
            title=bold(feed.display_name),
        ),
    )
    return f"removed {feed.id}"


async def _set_paused(update: Update, context: Context, paused: bool) -> str:
    feed = await _feed_from_argument(update, context, "pausefeed" if paused else "resumefeed")
    if feed is None:
        return "no such feed"
    tr = await tr_for(update, context)
    await feed_store.set_paused(services(context).db, feed.id, paused)
    text = (
        tr("Feed {id} paused: it is not polled until /resumefeed {id}.", id=feed.id)
        if paused
        else tr("Feed {id} resumed.", id=feed.id)
    )
    await reply(update, context, text)
    return f"{'paused' if paused else 'resumed'} {feed.id}"


@admin_command("pausefeed")
async def pausefeed(update: Update, context: Context) -> str:
    return await _set_paused(update, context, True)


@admin_command("resumefeed")
async def resumefeed(update: Update, context: Context) -> str:
    return await _set_paused(update, context, False)


@admin_command("fetchnow")
async def fetchnow(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    outcomes = await svc.ingestor.poll_all(only_due=False)
    if not outcomes:
        await reply(update, context, tr("No feeds to poll. Add one with /addfeed URL."))
        return "no feeds"
    lines = [bold(tr("Polled {count} feeds", count=len(outcomes)))]
    for outcome in outcomes:
        name = escape(shorten(outcome.title, 60))
        if outcome.status == "error":
            lines.append(
                tr(
                    "[{id}] {name}: error: {error}",
                    id=outcome.feed_id,
                    name=name,
                    error=escape(shorten(outcome.error or "?", 150)),
                )
            )
        elif outcome.status == "not_modified":
            lines.append(tr("[{id}] {name}: not modified", id=outcome.feed_id, name=name))
        else:
            lines.append(
                tr(
                    "[{id}] {name}: {new} new, {updated} updated",
                    id=outcome.feed_id,
                    name=name,
                    new=outcome.new,
                    updated=outcome.updated,
                )
            )
    await reply_blocks(update, context, lines, sep="\n")
    return f"polled {len(outcomes)} feeds, {sum(o.new for o in outcomes)} new"
