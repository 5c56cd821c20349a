"""Full-text search over the archive in SQLite FTS5: the words as written (`articles_fts`,
kept by triggers) and their stems and name keys (`article_stems`, written here, since a
trigger cannot stem).

A query (parsed in `news.searchquery`, so none of what a person types is ever FTS syntax) is
answered in passes, each ranked by bm25 and each only filling the places the one before left:

1. every term in its written form ("quoted phrases" as phrases);
2. every term by its stems (совещания finds совещание, "border commission" finds "border
   commissions"); then, in the query's language, a name also by its name key (Snowball
   stems Ереван and Ереване apart);
3. across scripts: each term that is a known name in another script (by name key) or names
   a topic concept (CSTO / ОДКБ / ՀԱՊԿ), in articles of the other languages, newest first,
   marked foreign;
4. only when nothing matched all terms: any term, by its stems.

Excluded terms (-word) drop every article holding any form of them, in every pass.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from news.searchquery import SearchQuery, Term, concept_of, parse_query
from news.searchtext import IndexedText, index_text, snippet
from storage import pg_search
from storage.connection import Connection
from storage.db import Database, in_chunks
from storage.records import ArticleRecord, SearchHit

# Marks a search hit inside a snippet; control characters never occur in stored text.
HIT_START = "\x02"
HIT_END = "\x03"
BACKLOG_BATCH = 500
_TEXT_COLUMNS = "{title body}"


@dataclass(frozen=True)
class _Pass:
    match: str
    table: str
    rank: str
    foreign: bool = False
    other_than: str | None = None  # only articles whose language is not this one
    same_as: str | None = None  # only articles in this language (or of none known)


# --- writing the stemmed index --------------------------------------------------------------


async def index_articles(
    conn: Connection,
    articles: Sequence[tuple[int, str, str, IndexedText | None]],
    *,
    replace: bool,
) -> None:
    """Write the stemmed index rows of (id, title, body, index made already or None)
    articles, inside the caller's transaction, and take them off the backlog. `replace`
    drops rows they had before."""
    if not articles:
        return
    missing = [(title, body) for _, title, body, made in articles if made is None]
    # Stemming is CPU work: done off the event loop (the write lock is held anyway).
    made_here = iter(
        await asyncio.to_thread(lambda: [index_text(title, body) for title, body in missing])
        if missing
        else []
    )
    fields: list[IndexedText] = [
        made if made is not None else next(made_here) for _, _, _, made in articles
    ]
    ids = [article_id for article_id, _, _, _ in articles]
    for chunk, marks in in_chunks(ids):
        if replace:
            await conn.execute(f"DELETE FROM article_stems WHERE rowid IN ({marks})", chunk)
        await conn.execute(f"DELETE FROM stem_backlog WHERE article_id IN ({marks})", chunk)
    await conn.executemany(
        "INSERT INTO article_stems (rowid, title, body, names) VALUES (?, ?, ?, ?)",
        [(i, f.title, f.body, f.names) for i, f in zip(ids, fields, strict=True)],
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO name_scripts (key, script) VALUES (?, ?)",
        sorted({pair for f in fields for pair in f.name_scripts}),
    )


async def index_backlog(db: Database, *, batch: int = BACKLOG_BATCH) -> int:
    """Index every article whose stems are missing or stale (all articles of a database made
    before the stemmed index, or written by a path that did not index them); returns how
    many. Each batch is its own transaction, so a stop loses nothing."""
    done = 0
    while True:
        async with db.transaction() as conn:
            async with conn.execute(
                """
                SELECT a.id, a.title, a.body FROM stem_backlog b JOIN articles a
                    ON a.id = b.article_id
                ORDER BY b.article_id LIMIT ?
                """,
                (batch,),
            ) as cursor:
                rows = [(r[0], r[1], r[2], None) for r in await cursor.fetchall()]
            if not rows:
                await conn.execute("DELETE FROM stem_backlog")
                return done
            await index_articles(conn, rows, replace=True)
        done += len(rows)


# --- FTS5 expressions (every word is a quoted string of letters and digits: never syntax) ---


def _phrase(words: Iterable[str]) -> str:
    return '"' + " ".join(words) + '"'


def _in_text(expression: str) -> str:
    return f"{_TEXT_COLUMNS} : ({expression})"


def written_expression(terms: Sequence[Term]) -> str:
    return " AND ".join(_phrase(term.words) for term in terms)


def stemmed_expression(terms: Sequence[Term], *, any_term: bool = False) -> str:
    joiner = " OR " if any_term else " AND "
    return _in_text(joiner.join(_phrase(term.stems) for term in terms))


def stemmed_or_named_expression(terms: Sequence[Term]) -> str:
    """Each term by its stems, or, for a name, by its name key: Snowball stems some forms of
    a name apart (Ереван -> ерева, Ереване -> ереван), name keys do not."""
    parts = []
    for term in terms:
        stems = _in_text(_phrase(term.stems))
        parts.append(f"({stems} OR names : {_phrase(term.keys)})" if all(term.keys) else stems)
    return " AND ".join(parts)


def _excluded_expression(terms: Sequence[Term]) -> str:
    """Any form of any excluded term: by stems, and for a name by its key in any script."""
    forms = [_in_text(" OR ".join(_phrase(term.stems) for term in terms))]
    forms += [f"names : {_phrase(term.keys)}" for term in terms if all(term.keys)]
    return " OR ".join(forms)


def matching_expression(text: str) -> str | None:
    """The FTS5 expression for all the words of `text`, each by its stems or, for a name,
    by its name key in any script (for term briefs: trending shows a name as the reader's
    script writes it, and its brief finds every script)."""
    query = parse_query(text)
    if query.empty:
        return None
    return stemmed_or_named_expression(query.required)


async def _cross_expression(
    db: Database, query: SearchQuery, concepts: Sequence[Sequence[str]]
) -> str | None:
    """Each term as the concept it names or as a name known in another script, joined with
    AND; terms that are neither are left out. None when no term crosses scripts, or when
    most of the query's words do not (for "урожай пшеницы Ереван" every Yerevan story in
    another language would be noise)."""
    # The first and last script by the index: two lookups, not a scan.
    row = await db.fetch_one(
        "SELECT (SELECT MIN(script) FROM name_scripts), (SELECT MAX(script) FROM name_scripts)"
    )
    if row is None or {row[0], row[1]} <= {query.language, None}:
        return None  # an archive in one script has nothing to find across scripts
    names = [key for term in query.required if all(term.keys) for key in term.keys]
    elsewhere = await _known_elsewhere(db, names, query.language)
    parts: list[str] = []
    crossing = 0
    for term in query.required:
        forms = concept_of(term, concepts)
        alternatives = list(dict.fromkeys(_in_text(_phrase(form.stems)) for form in forms))
        if all(term.keys) and elsewhere.issuperset(term.keys):
            alternatives.append(f"names : {_phrase(term.keys)}")
        if alternatives:
            parts.append("(" + " OR ".join(alternatives) + ")")
            crossing += len(term.words)
    words = sum(len(term.words) for term in query.required)
    return " AND ".join(parts) if parts and 2 * crossing >= words else None


async def _known_elsewhere(db: Database, keys: Sequence[str], script: str) -> set[str]:
    """Which of `keys` are names seen written in a script other than the query's (one
    lookup for all the query's terms)."""
    known: set[str] = set()
    for chunk, marks in in_chunks(list(dict.fromkeys(keys))):
        rows = await db.fetch_all(
            f"SELECT DISTINCT key FROM name_scripts WHERE key IN ({marks}) AND script != ?",
            (*chunk, script),
        )
        known.update(row[0] for row in rows)
    return known


# --- searching ------------------------------------------------------------------------------


async def search(
    db: Database,
    query: SearchQuery | str,
    *,
    limit: int = 8,
    languages: Collection[str] | None = None,
    concepts: Sequence[Sequence[str]] = (),
) -> list[SearchHit]:
    """Ranked hits for a query (see the module notes for the passes). `languages` keeps
    articles in those languages only ("en", "ru", "hy"; None for all; an article of no
    known language is always kept); `concepts` are the
    keyword lists of the topics, each one concept in every script."""
    if isinstance(query, str):
        query = parse_query(query)
    if query.empty:
        return []
    passes = [
        _Pass(written_expression(query.required), "articles_fts", "bm25(4.0, 1.0)"),
        _Pass(stemmed_expression(query.required), "article_stems", "bm25(4.0, 1.0, 0.0)"),
    ]
    if any(all(term.keys) for term in query.required):
        passes.append(
            _Pass(
                stemmed_or_named_expression(query.required),
                "article_stems",
                "bm25(4.0, 1.0, 1.0)",
                same_as=query.language,
            )
        )
    found: dict[int, bool] = {}  # article id -> found across scripts, in rank order
    for step in passes:
        await _run(db, step, query, languages, limit, found)
        if len(found) >= limit:
            break
    if len(found) < limit:
        cross = await _cross_expression(db, query, concepts)
        if cross is not None:
            # Newest first: a concept such as Armenia is in most articles, and ranking them
            # all would cost more than every other pass together.
            step = _Pass(cross, "article_stems", "", True, other_than=query.language)
            await _run(db, step, query, languages, limit, found)
    if not found and len(query.required) > 1:
        fallback = stemmed_expression(query.required, any_term=True)
        await _run(db, _Pass(fallback, "article_stems", "bm25(4.0, 1.0, 0.0)"), query,
                   languages, limit, found)  # fmt: skip
    return await _hits(db, query, found, concepts)


async def _run(
    db: Database,
    step: _Pass,
    query: SearchQuery,
    languages: Collection[str] | None,
    limit: int,
    found: dict[int, bool],
) -> None:
    """Add the best hits of one pass that earlier passes did not find, up to `limit`."""
    wanted = limit - len(found)
    if wanted <= 0:
        return
    match, excluded = _pass_match(step, query)
    conditions, params = _pass_filters(step, languages)
    room = wanted + len(found)
    # An exclusion checked after the match (written forms) may drop some: read more.
    fetch = room * 2 if excluded is not None else room
    matched = await _matched_ids(db, step, match, conditions, params, fetch)
    ids = [article_id for article_id in matched if article_id not in found]
    if excluded is not None and step.table != "article_stems" and ids:
        # Written forms were left out in the match; other forms are checked on the few hits.
        ids = await _without(db, ids, excluded)
    for article_id in ids[: limit - len(found)]:
        found[article_id] = step.foreign


def _pass_match(step: _Pass, query: SearchQuery) -> tuple[str, str | None]:
    """(the pass's MATCH expression, the query's excluded terms in every form or None)."""
    match = step.match
    excluded = _excluded_expression(query.excluded) if query.excluded else None
    if excluded is not None and step.table == "article_stems":
        # In the stemmed table the exclusion is part of the match: FTS5 merges the lists.
        match = f"({match}) NOT ({excluded})"
    elif excluded is not None:
        written = " OR ".join(_phrase(term.words) for term in query.excluded)
        match = f"({match}) NOT ({written})"
    return match, excluded


def _pass_filters(step: _Pass, languages: Collection[str] | None) -> tuple[list[str], list[object]]:
    """The conditions on the article (alias `a`) a pass adds, with their parameters."""
    conditions: list[str] = []
    params: list[object] = []
    if languages is not None:
        # An article whose language is unknown is kept, as pushes, /latest and briefs do.
        codes = sorted(set(languages)) or [""]
        marks = ", ".join("?" * len(codes))
        conditions.append(f"(a.language IS NULL OR substr(a.language, 1, 2) IN ({marks}))")
        params += codes
    if step.same_as is not None:
        conditions.append("COALESCE(a.language, ?) = ?")
        params += [step.same_as, step.same_as]
    if step.other_than is not None:
        conditions.append("COALESCE(a.language, '') != ?")
        params.append(step.other_than)
    return conditions, params


async def _matched_ids(
    db: Database,
    step: _Pass,
    match: str,
    conditions: list[str],
    params: list[object],
    fetch: int,
) -> list[int]:
    """Up to `fetch` article ids matching, best (or newest) first."""
    if db.is_postgres:  # the same pass over PostgreSQL's tsvector tables
        return await pg_search.run_pass(
            db,
            table=step.table,
            match=match,
            rank=step.rank,
            conditions=conditions,
            params=params,
            limit=fetch,
        )
    extra = "".join(f" AND {condition}" for condition in conditions)
    # FTS5 ranks by itself (rank MATCH ... ORDER BY rank); only ids are read here. A
    # newest-first pass walks the index from its end and stops at the limit.
    order = (
        f"rank MATCH '{step.rank}'{extra} ORDER BY rank"
        if step.rank
        else (f"1{extra} ORDER BY {step.table}.rowid DESC")
    )
    rows = await db.fetch_all(
        f"""
        SELECT a.id FROM {step.table} JOIN articles a ON a.id = {step.table}.rowid
        WHERE {step.table} MATCH ? AND {order} LIMIT ?
        """,
        (match, *params, fetch),
    )
    return [row[0] for row in rows]


async def _without(db: Database, ids: list[int], excluded: str) -> list[int]:
    """`ids` less the articles holding any form of an excluded term."""
    if db.is_postgres:
        dropped = await pg_search.holding(db, excluded, ids)
    else:
        marks = ", ".join("?" * len(ids))
        rows = await db.fetch_all(
            f"SELECT rowid FROM article_stems WHERE article_stems MATCH ? AND rowid IN ({marks})",
            (excluded, *ids),
        )
        dropped = {row[0] for row in rows}
    return [article_id for article_id in ids if article_id not in dropped]


async def _hits(
    db: Database, query: SearchQuery, found: dict[int, bool], concepts: Sequence[Sequence[str]]
) -> list[SearchHit]:
    ids = list(found)
    records: dict[int, ArticleRecord] = {}
    for chunk, marks in in_chunks(ids):
        rows = await db.fetch_all(f"SELECT * FROM articles WHERE id IN ({marks})", chunk)
        records.update({row["id"]: ArticleRecord.from_row(row) for row in rows})
    words = {word for term in query.required for word in term.words}
    stems = {s for term in query.required for s in term.stems}
    keys = {key for term in query.required for key in term.keys if key}
    for term in query.required:
        for form in concept_of(term, concepts):
            stems.update(form.stems)
    hits: list[SearchHit] = []
    for article_id in ids:
        record = records.get(article_id)
        if record is None:
            continue
        text = record.body or record.teaser or record.title
        shown = snippet(
            text, words=words, stems=stems, keys=keys, start_mark=HIT_START, end_mark=HIT_END
        )
        hits.append(SearchHit(record, shown, foreign=found[article_id]))
    return hits
