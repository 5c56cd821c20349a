"""Full-text search on PostgreSQL with FTS5's behaviour here: every word a literal, all
words first then any, title hits ranked above body hits (weights A and B, as bm25(4, 1)),
a snippet of the body with the hits marked. The `simple` configuration lowercases and
keeps every script as it is written, as FTS5's unicode61 tokenizer does."""

from __future__ import annotations

import re

from storage.db import Database
from storage.records import ArticleRecord, SearchHit

_QUOTED = re.compile(r'"([^"]*)"')
# ts_rank's weights are {D, C, B, A}: a title (A) hit counts four times a body (B) hit.
_WEIGHTS = "{0.1, 0.1, 0.25, 1.0}"


def tsquery(fts: str) -> str:
    """The tsquery text of a query built by storage.articles.fts_query: its quoted words
    (letters, digits and _ only, so nothing in them is tsquery syntax) joined by & or |."""
    terms = [f"'{term}'" for term in _QUOTED.findall(fts) if term]
    return (" | " if " OR " in fts else " & ").join(terms)


async def ranked(
    db: Database, fts: str, *, limit: int, hit_start: str, hit_end: str
) -> list[SearchHit]:
    options = (
        f"StartSel={hit_start}, StopSel={hit_end}, MaxWords=16, MinWords=8, ShortWord=0, "
        "HighlightAll=false, MaxFragments=1, FragmentDelimiter=…"
    )
    rows = await db.fetch_all(
        f"""
        SELECT a.*, ts_headline('simple', a.body, hit.q, ?) AS snip
        FROM (
            SELECT s.id, q AS q, ts_rank('{_WEIGHTS}', s.doc, q, 1) AS rank
            FROM articles_search s, to_tsquery('simple', ?) q
            WHERE s.doc @@ q
            ORDER BY rank DESC, s.id DESC LIMIT ?
        ) hit JOIN articles a ON a.id = hit.id
        ORDER BY hit.rank DESC, hit.id DESC
        """,
        (options, tsquery(fts), limit),
    )
    hits = []
    for row in rows:
        snippet = row["snip"] or ""
        body = row["body"] or ""
        # FTS5 marks a cut with an ellipsis; ts_headline does not.
        plain = snippet.replace(hit_start, "").replace(hit_end, "")
        if plain and not body.startswith(plain[:20]):
            snippet = "…" + snippet
        if plain and not body.endswith(plain[-20:]):
            snippet = snippet + "…"
        hits.append(SearchHit(ArticleRecord.from_row(row), snippet))
    return hits


async def matching(db: Database, fts: str, *, since: int, limit: int) -> list[ArticleRecord]:
    """The newest articles published since `since` holding every word."""
    rows = await db.fetch_all(
        """
        SELECT a.* FROM articles_search s JOIN articles a ON a.id = s.id
        WHERE s.doc @@ to_tsquery('simple', ?) AND a.published_at >= ?
        ORDER BY a.id DESC LIMIT ?
        """,
        (tsquery(fts), since, limit),
    )
    return [ArticleRecord.from_row(row) for row in rows]
