"""Stories as stored: the newest story first, each once, with its sources and languages.

An article's story is `COALESCE(story_id, id)` (set at ingest, see bot/stories.py). /latest
lists stories, not articles: the same event from three outlets is one entry."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from news.cluster import ordered_languages
from storage.db import Database, in_chunks
from storage.records import ArticleRecord

# Newest articles read per round while collecting distinct stories.
_BATCH_FACTOR = 4


@dataclass(frozen=True)
class StoryHeadline:
    """A story as /latest shows it: its newest article, how many sources and which
    languages report it."""

    article: ArticleRecord
    sources: int
    languages: tuple[str, ...]


def _language_filter(languages: Collection[str] | None) -> tuple[str, list[str]]:
    """SQL and parameters keeping articles in these languages (and those of unknown
    language: a reader who chose some never misses one that was not recognised)."""
    if not languages:
        return "", []
    marks = ", ".join("?" for _ in languages)
    return f" AND (a.language IS NULL OR substr(a.language, 1, 2) IN ({marks}))", list(languages)


async def latest_stories(
    db: Database,
    *,
    limit: int,
    offset: int = 0,
    topic_id: int | None = None,
    languages: Collection[str] | None = None,
) -> list[StoryHeadline]:
    """The newest stories (by their newest article in the chosen languages), each once."""
    wanted = offset + limit
    picked: dict[int, ArticleRecord] = {}
    read = 0
    batch = max(16, wanted * _BATCH_FACTOR)
    where, params = _language_filter(languages)
    while len(picked) < wanted:
        if topic_id is None:
            rows = await db.fetch_all(
                f"SELECT a.* FROM articles a WHERE 1 = 1{where} "
                "ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?",
                (*params, batch, read),
            )
        else:
            rows = await db.fetch_all(
                "SELECT a.* FROM article_topics t JOIN articles a ON a.id = t.article_id "
                f"WHERE t.topic_id = ?{where} "
                "ORDER BY t.published_at DESC, t.article_id DESC LIMIT ? OFFSET ?",
                (topic_id, *params, batch, read),
            )
        for row in rows:
            article = ArticleRecord.from_row(row)
            picked.setdefault(article.story_id, article)
            if len(picked) == wanted:
                break
        read += len(rows)
        if len(rows) < batch:
            break
    page = list(picked.values())[offset:wanted]
    counts = await _story_reach(db, [a.story_id for a in page], languages)
    return [StoryHeadline(a, *counts.get(a.story_id, (1, _codes([a.language])))) for a in page]


def _codes(languages: Sequence[str | None]) -> tuple[str, ...]:
    return tuple(ordered_languages(language[:2].casefold() for language in languages if language))


async def _story_reach(
    db: Database, story_ids: Sequence[int], languages: Collection[str] | None
) -> dict[int, tuple[int, tuple[str, ...]]]:
    """Story id -> (distinct sources, language codes) of its articles."""
    where, params = _language_filter(languages)
    found: dict[int, tuple[set[str], list[str | None]]] = {}
    for chunk, marks in in_chunks(list(story_ids)):
        rows = await db.fetch_all(
            "SELECT COALESCE(a.story_id, a.id) AS story, a.source, a.language FROM articles a "
            f"WHERE (a.story_id IN ({marks}) OR a.id IN ({marks})){where}",
            (*chunk, *chunk, *params),
        )
        for row in rows:
            sources, langs = found.setdefault(row["story"], (set(), []))
            sources.add(row["source"])
            langs.append(row["language"])
    return {story: (len(s), _codes(langs)) for story, (s, langs) in found.items()}
