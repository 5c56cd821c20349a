"""Full-text search on PostgreSQL with FTS5's behaviour here (storage/search.py builds the
queries, in FTS5's expression syntax; this module reads them as tsquery).

The two indexes are tables of the same names' meaning: `articles_search` (the words as
written: title weight A, body B; kept by a trigger, as articles_fts is) and `article_stems`
(stems and name keys written by storage/search.py: title A, body B, names C, its tsvector a
generated column). The `simple` configuration lowercases and keeps every script as it is
written, as FTS5's unicode61 tokenizer does. A column filter (`{title body} : ...`,
`names : ...`) becomes a weight restriction on each lexeme (`'word':AB`), a phrase becomes
`<->`, and bm25's column weights become ts_rank's weights, applied to each index's `head`
(the title and the body's first 400 characters).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storage.db import Database
from storage.records import ArticleRecord

# Index table (FTS5 name) -> PostgreSQL table, its tsvector and id columns, column weights.
_TABLES = {
    "articles_fts": ("articles_search", "doc", "id", {"title": "A", "body": "B"}),
    "article_stems": ("article_stems", "doc", "rowid", {"title": "A", "body": "B", "names": "C"}),
}
_TOKEN = re.compile(r'"[^"]*"|\{[^}]*\}|[():]|[^\s():"{}]+')
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _joined(parts: list[str], operator: str) -> str:
    """The non-empty parts joined by a tsquery operator, bracketed when there are two or
    more; "" when none is left."""
    parts = [p for p in parts if p]
    return parts[0] if len(parts) == 1 else "(" + operator.join(parts) + ")" if parts else ""


class _Parser:
    """FTS5's expression subset the search builds: "phrases", AND, OR, NOT, brackets,
    implicit AND, and column filters. Words inside phrases are letters and digits only."""

    def __init__(self, expression: str, columns: dict[str, str]) -> None:
        self.tokens: list[str] = _TOKEN.findall(expression)
        self.at = 0
        self.columns = columns

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> str:
        return self.or_expr("")

    def or_expr(self, weights: str) -> str:
        parts = [self.and_expr(weights)]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr(weights))
        return _joined(parts, " | ")

    def and_expr(self, weights: str) -> str:
        parts = [self.not_expr(weights)]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
            parts.append(self.not_expr(weights))
        return _joined(parts, " & ")

    def not_expr(self, weights: str) -> str:
        result = self.primary(weights)
        while self.peek() == "NOT":
            self.take()
            excluded = self.primary(weights)
            if excluded:
                result = f"({result} & !{excluded})"
        return result

    def primary(self, weights: str) -> str:
        token = self.take()
        if token == "(":
            inner = self.or_expr(weights)
            if self.peek() == ")":
                self.take()
            return inner
        if token.startswith("{") or (self.peek() == ":" and not token.startswith('"')):
            names = token.strip("{}").split()
            self.take()  # the ':'
            chosen = "".join(sorted({self.columns[n] for n in names if n in self.columns}))
            return self.primary(chosen or "Z")  # an unknown column matches nothing
        if token.startswith('"'):
            words = token.strip('"').split()
            if not words:
                return ""
            mark = f":{weights}" if weights else ""
            return "(" + " <-> ".join(f"'{word}'{mark}" for word in words) + ")"
        return ""


def tsquery(expression: str, table: str = "articles_fts") -> str:
    """The tsquery text of an FTS5 expression over `table` (empty: matches nothing)."""
    parsed = _Parser(expression, _TABLES[table][3]).parse()
    return parsed.replace(":Z", ":D") if parsed else ""


def rank_weights(rank: str) -> str:
    """bm25(title, body[, names]) weights as ts_rank's {D, C, B, A}, scaled to at most 1."""
    numbers = [float(n) for n in _NUMBER.findall(rank.removeprefix("bm25"))]
    numbers = [*numbers, 0.0, 0.0, 0.0][:3]
    top = max(numbers) or 1.0
    a, b, c = (n / top for n in numbers)
    return "{" + f"0, {c}, {b}, {a}" + "}"


async def run_pass(
    db: Database,
    *,
    table: str,
    match: str,
    rank: str,
    conditions: Sequence[str],
    params: Sequence[object],
    limit: int,
) -> list[int]:
    """Article ids of one search pass: ranked (by `rank`) or, with no rank, newest first.
    The matches come from the GIN index first, whatever the planner guesses of the other
    conditions (a guess that starts from `articles` reads every article). The conditions
    (storage/search.py) read `a.language` only."""
    query = tsquery(match, table)
    if not query:
        return []
    name, vector, id_column, _ = _TABLES[table]
    # Ranked on the title and the body's start (`head`): a word only deep in a body ranks
    # last, newest first, as it does in bm25 give or take; the full text still decides
    # what matches.
    score = f"ts_rank('{rank_weights(rank)}', s.head, q, 1)" if rank else "0"
    if not conditions:
        rows = await db.fetch_all(
            f"""
            SELECT s.{id_column} FROM {name} s, to_tsquery('simple', ?) q
            WHERE s.{vector} @@ q ORDER BY {score} DESC, s.{id_column} DESC LIMIT ?
            """,
            (query, limit),
        )
        return [row[0] for row in rows]
    extra = " AND ".join(conditions)
    rows = await db.fetch_all(
        f"""
        WITH hit AS MATERIALIZED (
            SELECT s.{id_column} AS id, {score} AS score
            FROM {name} s, to_tsquery('simple', ?) q WHERE s.{vector} @@ q
        )
        SELECT a.id FROM hit CROSS JOIN LATERAL (
            -- One index lookup per hit: OFFSET 0 keeps the planner from hashing all of
            -- `articles` on a guess about the language condition (it has no statistics).
            SELECT a.id, a.language FROM articles a WHERE a.id = hit.id OFFSET 0
        ) a
        WHERE {extra}
        ORDER BY hit.score DESC, a.id DESC LIMIT ?
        """,
        (query, *params, limit),
    )
    return [row[0] for row in rows]


async def holding(db: Database, expression: str, ids: Sequence[int]) -> set[int]:
    """Which of `ids` hold a match of the stemmed expression."""
    query = tsquery(expression, "article_stems")
    if not query or not ids:
        return set()
    marks = ", ".join("?" * len(ids))
    rows = await db.fetch_all(
        f"SELECT rowid FROM article_stems WHERE doc @@ to_tsquery('simple', ?) "
        f"AND rowid IN ({marks})",
        (query, *ids),
    )
    return {row[0] for row in rows}


async def matching(
    db: Database, expression: str, *, since: int, limit: int
) -> list[ArticleRecord]:
    """The newest articles published since `since` matching a stemmed expression."""
    query = tsquery(expression, "article_stems")
    if not query:
        return []
    rows = await db.fetch_all(
        """
        SELECT a.* FROM article_stems s JOIN articles a ON a.id = s.rowid
        WHERE s.doc @@ to_tsquery('simple', ?) AND a.published_at >= ?
        ORDER BY a.id DESC LIMIT ?
        """,
        (query, since, limit),
    )
    return [ArticleRecord.from_row(row) for row in rows]
