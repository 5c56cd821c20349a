"""/search WORDS over the archive (FTS5, ranked, with a snippet)."""

from __future__ import annotations

from telegram import Update

from bot.render import bold, escape, join_blocks, shorten
from bot.views import search_hit
from handlers.common import Context, arguments, reply, services, tr_for
from storage import articles as article_store

RESULTS = 8


async def search(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = arguments(context)
    if not words:
        await reply(update, context, tr("What should I look for? For example: /search CSTO summit"))
        return
    svc = services(context)
    query = " ".join(words)
    shown = escape(shorten(query, 60))
    hits = await article_store.search(svc.db, query, limit=RESULTS)
    if not hits:
        await reply(update, context, tr("Nothing found for “{query}”.", query=shown))
        return
    now = svc.now()
    blocks = [bold(tr("Results for “{query}”", query=shorten(query, 60)))]
    blocks += [search_hit(hit, number=i, tr=tr, now=now) for i, hit in enumerate(hits, 1)]
    # The blocks are small; one message almost always, but never one over the limit.
    await reply(update, context, join_blocks(blocks)[0])
