"""/search WORDS over the archive: ranked, inflection-aware, with "phrases", -exclusions and
names and topic concepts found across scripts (the query is parsed in news/searchquery.py,
searched in storage/search.py)."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from telegram import Update

from bot.context import Context
from bot.render import bold, escape, join_blocks, shorten
from bot.services import Services
from bot.views import search_hit
from handlers.common import (
    arguments,
    reader_for,
    reply,
    services,
    tr_for,
)
from news.searchquery import SearchQuery, parse_query
from storage import search as search_store
from storage.records import SearchHit

RESULTS = 8


def visible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


async def find(
    svc: Services,
    query: SearchQuery,
    *,
    languages: Collection[str] | None = None,
    limit: int = RESULTS,
) -> list[SearchHit]:
    """The hits for a parsed query; `languages` ("en", "ru", "hy") keeps articles in those
    languages only, None keeps all. Each topic's name and keywords are one concept."""
    concepts = [(topic.name, *topic.keywords) for topic in svc.topics.topics]
    return await search_store.search(
        svc.db, query, limit=limit, languages=languages, concepts=concepts
    )


async def search(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    words = arguments(context)
    if not words:
        await reply(update, context, tr("What should I look for? For example: /search CSTO summit"))
        return
    svc = services(context)
    text = " ".join(words)
    # Echoed without invisible format characters: a bidi override would turn the rest of
    # the answer around.
    shown = escape(shorten(visible(text), 60))
    query = parse_query(text)
    if query.empty:
        if query.only_common:
            answer = tr(
                "“{query}” has only very common words. Add a name or a rarer word, "
                "e.g. /search CSTO summit",
                query=shown,
            )
        elif query.excluded:
            answer = tr(
                "Tell me what to look for, not only what to leave out, "
                "e.g. /search CSTO -summit",
            )
        else:
            answer = tr(
                "There are no words to look for in “{query}”. Try a name or a word, "
                "e.g. /search CSTO summit",
                query=shown,
            )
        await reply(update, context, answer)
        return
    # The article languages the chat chose (none chosen: every language).
    reader = await reader_for(update, context, tr)
    hits = await find(svc, query, languages=reader.languages or None)
    if not hits:
        await reply(update, context, tr("Nothing found for “{query}”.", query=shown))
        return
    now = svc.now()
    blocks = [bold(tr("Results for “{query}”", query=shorten(visible(text), 60)))]
    blocks += [search_hit(hit, number=i, tr=tr, now=now) for i, hit in enumerate(hits, 1)]
    # The blocks are small; one message almost always, but never one over the limit.
    await reply(update, context, join_blocks(blocks)[0])
