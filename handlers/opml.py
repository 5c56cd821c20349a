"""Admin: /export sends the feed list as OPML; an OPML file sent with /import as its caption
adds its feeds, reporting added, already known and invalid."""

from __future__ import annotations

import logging
import re

from telegram import InputFile, Update

from bot.context import Context
from bot.render import bold, escape
from handlers.admin import admin_command
from handlers.common import reply, services, tr_for
from news.opml import MAX_OPML_BYTES, OpmlError, OpmlFeed, build_opml, parse_opml
from storage import feeds as feed_store

log = logging.getLogger(__name__)

MAX_IMPORT_FEEDS = 500
_FEED_URL = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
IMPORT_CAPTION = re.compile(r"^/import(@\w+)?(\s|$)", re.IGNORECASE)


@admin_command("export")
async def export(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    feeds = await feed_store.list_feeds(svc.db)
    document = build_opml(
        [OpmlFeed(url=f.url, title=f.title) for f in feeds],
        title="newsbrief feeds",
        now=svc.now(),
    )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat_id=chat.id,
        document=InputFile(document, filename="newsbrief-feeds.opml"),
        caption=tr.plural("{count} feed, as OPML.", "{count} feeds, as OPML.", len(feeds)),
    )
    return f"{len(feeds)} feeds"


@admin_command("import")
async def import_command(update: Update, context: Context) -> str:
    """/import typed without a file: say how it works."""
    tr = await tr_for(update, context)
    await reply(
        update, context, tr("Send the OPML file as a document with /import as its caption.")
    )
    return "no file"


@admin_command("import")
async def import_file(update: Update, context: Context) -> str:
    tr = await tr_for(update, context)
    svc = services(context)
    message = update.effective_message
    document = message.document if message else None
    if document is None:
        return "no file"
    if (document.file_size or 0) > MAX_OPML_BYTES:
        await reply(
            update, context, tr("That file is larger than 1 MB; an OPML list is much smaller.")
        )
        return "too large"
    telegram_file = await context.bot.get_file(document.file_id)
    data = bytes(await telegram_file.download_as_bytearray())
    try:
        entries = parse_opml(data)
    except OpmlError as exc:
        log.warning("OPML import refused: %s", exc)
        # The reason quotes the file (a parser's message): plain text inside our HTML.
        await reply(update, context, tr("Not imported: {reason}", reason=escape(str(exc))))
        return f"refused: {exc}"
    added = known = invalid = 0
    for entry in entries[:MAX_IMPORT_FEEDS]:
        if not _FEED_URL.match(entry.url) or len(entry.url) > 2000:
            invalid += 1
            continue
        _, created = await feed_store.add_feed(svc.db, entry.url, now=svc.now(), title=entry.title)
        if created:
            added += 1
        else:
            known += 1
    invalid += max(0, len(entries) - MAX_IMPORT_FEEDS)
    await reply(
        update,
        context,
        "\n".join(
            [
                bold(tr("OPML import")),
                tr("Added: {count}", count=added),
                tr("Already known: {count}", count=known),
                tr("Invalid: {count}", count=invalid),
                tr("New feeds are polled within a minute; /feeds shows their health."),
            ]
        ),
    )
    return f"added {added}, known {known}, invalid {invalid}"
