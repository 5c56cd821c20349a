"""Search quality on a judged set: recall@10 and MRR, before (the plain FTS5 query newsbrief
had: every word quoted as written, AND, any word when nothing has them all) and after (the
stemmed, phrase-aware, cross-script search of storage/search.py).

Run from the repository root:

    .venv/bin/python -m bench.search            # the table, tuned and held-out queries apart
    .venv/bin/python -m bench.search --misses   # also each query that misses, with its top 10
    .venv/bin/python -m bench.search --latency /tmp/nb.db   # old and new search timed, taking
        # turns, on a database bench.commands kept (--database /tmp/nb.db)

The corpus and queries are `bench/searchset.py` (fixed seed): 1,000+ articles in English,
Russian and Armenian stored through `storage.articles.store_articles` into a SQLite file in a
temporary directory, and 69 queries of five kinds, every third of each kind held out (never
looked at while tuning). The topic concepts are the bundled topics file's.

recall@10 = the share of a query's relevant articles in its top 10 (of at most 10: a query
with 14 relevant articles that finds 10 of them in its top 10 scores 1.0); MRR = the mean of
1 / rank of the first relevant article (0 when none is in the top 10).
Targets: recall@10 >= 0.9 on inflected queries, MRR >= 0.8 overall.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.searchset import Doc, Query, SearchSet, build
from news.models import Article
from news.topics import load_topics
from storage import search as search_store
from storage.articles import store_articles
from storage.db import Database

TOP = 10
NOW = 1_790_000_000
_OLD_WORD = re.compile(r"\w+", re.UNICODE)


def old_fts_query(text: str, *, any_term: bool = False) -> str | None:
    """The query builder newsbrief had before stemmed search (kept here to compare)."""
    terms: list[str] = []
    for word in _OLD_WORD.findall(text):
        word = word[:64]
        if word.casefold() not in (t.casefold() for t in terms):
            terms.append(word)
        if len(terms) >= 12:
            break
    if not terms:
        return None
    quoted = [f'"{term}"' for term in terms]
    return (" OR " if any_term else " ").join(quoted)


async def old_search_with_snippets(db: Database, text: str, limit: int = 8) -> list[int]:
    """The old /search as it ran: its query, its join and its snippets, all in SQL."""
    for any_term in (False, True):
        query = old_fts_query(text, any_term=any_term)
        if query is None:
            return []
        rows = await db.fetch_all(
            """
            SELECT a.*, snippet(articles_fts, 1, '[', ']', '…', 16) AS snip
            FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
            WHERE articles_fts MATCH ? AND rank MATCH 'bm25(4.0, 1.0)'
            ORDER BY rank LIMIT ?
            """,
            (query, limit),
        )
        if rows:
            return [row["id"] for row in rows]
        if query.count('"') <= 2:
            break
    return []


LATENCY_QUERIES = ["CSTO", "Armenia border talks", "Khndzoresk", "Armenia", "talks",
                   "Armenia border talkz", "совещания", "Pashinyan", '"border talks"',
                   "border -talks"]  # fmt: skip


async def latency(path: Path, rounds: int) -> None:
    """p50/p99 of the old and the new search function (8 hits, snippets included), taking
    turns query by query so both see the same load."""
    import statistics
    import time

    db = await Database(path).open()
    concepts = [(t.name, *t.keywords) for t in load_topics()]
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    try:
        for _ in range(rounds):
            for text in LATENCY_QUERIES:
                start = time.perf_counter()
                await old_search_with_snippets(db, text)
                times[(text, "old")].append(time.perf_counter() - start)
                start = time.perf_counter()
                await search_store.search(db, text, limit=8, concepts=concepts)
                times[(text, "new")].append(time.perf_counter() - start)
    finally:
        await db.close()
    print(f"{'query':<26}{'old p50':>9}{'p99':>8}{'new p50':>9}{'p99':>8}   (ms, {rounds} runs)")
    for text in LATENCY_QUERIES:
        cells = []
        for which in ("old", "new"):
            ms = sorted(t * 1000 for t in times[(text, which)])
            cells += [statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.99))]]
        print(f"{text:<26}{cells[0]:>9.1f}{cells[1]:>8.1f}{cells[2]:>9.1f}{cells[3]:>8.1f}")


async def old_search(db: Database, text: str) -> list[int]:
    """The search newsbrief had: all words as written, ranked; any word when none has all."""
    for any_term in (False, True):
        query = old_fts_query(text, any_term=any_term)
        if query is None:
            return []
        rows = await db.fetch_all(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "AND rank MATCH 'bm25(4.0, 1.0)' ORDER BY rank LIMIT ?",
            (query, TOP),
        )
        if rows:
            return [row[0] for row in rows]
        if query.count('"') <= 2:
            break
    return []


def article(doc: Doc) -> Article:
    url = f"https://bench.example/{doc.id}"
    return Article(
        guid=None,
        url=url,
        title=doc.title,
        author=None,
        published_at=NOW - doc.id,
        teaser=doc.body[:200],
        body=doc.body,
        language=doc.language,
        guid_key=None,
        url_key=f"v1:u:{url}",
        content_key=f"v1:c:{doc.id}",
        topics=[],
    )


async def load(path: Path, searchset: SearchSet) -> Database:
    db = await Database(path).open()
    await store_articles(
        db,
        feed_id=None,
        source="Bench",
        fetched_at=NOW,
        topic_ids={},
        articles=[article(doc) for doc in searchset.docs],
    )
    # Article ids are given in order from 1, as the docs' ids are.
    return db


def scores(found: Sequence[int], relevant: frozenset[int]) -> tuple[float, float]:
    top = list(found)[:TOP]
    recall = len(relevant & set(top)) / min(len(relevant), TOP)
    rank = next((i for i, doc_id in enumerate(top, 1) if doc_id in relevant), None)
    return recall, (1 / rank if rank else 0.0)


def table(results: dict[str, list[tuple[Query, float, float, float, float]]]) -> None:
    """One line per group: queries, recall@10 and MRR before and after."""
    print(f"{'group':<22}{'queries':>8}{'recall@10 before':>18}{'after':>8}"
          f"{'MRR before':>12}{'after':>8}")  # fmt: skip
    for group, rows in results.items():
        n = len(rows)
        if not n:
            continue
        mean = [sum(row[i] for row in rows) / n for i in range(1, 5)]
        print(f"{group:<22}{n:>8}{mean[0]:>18.3f}{mean[2]:>8.3f}{mean[1]:>12.3f}{mean[3]:>8.3f}")


async def main(show_misses: bool) -> None:
    searchset = build()
    concepts = [(t.name, *t.keywords) for t in load_topics()]
    with tempfile.TemporaryDirectory() as tmp:
        db = await load(Path(tmp) / "search.db", searchset)
        try:
            per_query = []
            for query in searchset.queries:
                before = await old_search(db, query.text)
                hits = await search_store.search(db, query.text, limit=TOP, concepts=concepts)
                after = [hit.article.id for hit in hits]
                per_query.append((query, *scores(before, query.relevant),
                                  *scores(after, query.relevant), after))  # fmt: skip
        finally:
            await db.close()
    by_language = {"en", "ru", "hy"}
    print(f"{len(searchset.docs)} articles, {len(searchset.queries)} queries "
          f"({sum(q.held_out for q in searchset.queries)} held out)\n")  # fmt: skip
    for title, keep in (
        ("tuned queries", lambda q: not q.held_out),
        ("held-out queries", lambda q: q.held_out),
        ("all queries", lambda q: True),
    ):
        print(f"== {title} ==")
        table(_groups(per_query, keep, by_language))
        print()
    if show_misses:
        for query, _, _, recall, rr, after in per_query:
            if recall < 1 or rr < 1:
                held = " held-out" if query.held_out else ""
                print(f"[{query.kind}/{query.language}{held}] {query.text!r}: recall {recall:.2f} "
                      f"rr {rr:.2f}; relevant {sorted(query.relevant)[:12]} top {after}")  # fmt: skip


def _groups(
    per_query: list[tuple[Query, float, float, float, float, list[int]]],
    keep: Callable[[Query], bool],
    languages: set[str],
) -> dict[str, list[tuple[Query, float, float, float, float]]]:
    groups: dict[str, list[tuple[Query, float, float, float, float]]] = defaultdict(list)
    for query, *numbers, _ in per_query:
        if not keep(query):
            continue
        row = (query, *numbers)
        groups["overall"].append(row)  # type: ignore[arg-type]
        groups[f"language {query.language}"].append(row)  # type: ignore[arg-type]
        groups[f"kind {query.kind}"].append(row)  # type: ignore[arg-type]
    ordered = ["overall", *(f"language {lang}" for lang in sorted(languages))]
    return {key: groups[key] for key in [*ordered, *sorted(set(groups) - set(ordered))]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="print the queries that miss")
    parser.add_argument("--latency", type=Path, help="time old and new search on this database")
    parser.add_argument("--rounds", type=int, default=100, help="runs per query for --latency")
    arguments = parser.parse_args()
    if arguments.latency:
        asyncio.run(latency(arguments.latency, arguments.rounds))
    else:
        asyncio.run(main(arguments.misses))
