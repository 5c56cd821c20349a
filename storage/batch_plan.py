"""What storing a batch of articles does, decided before any SQL is written: which articles
are new (and the ids they get), which repeat or edit a stored one, and which story each
new article joins. Pure functions over what the lookups found; `storage.articles` reads
and writes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from news.models import Article


class Action(Enum):
    """What happens to one article of a batch."""

    NEW = "new"  # inserted under a new id
    EDITED = "edited"  # a stored guid whose title or text changed: updated in place
    UNCHANGED = "unchanged"  # a stored guid, same title and text: only its fingerprint
    DUPLICATE = "duplicate"  # the same story as a stored or earlier article: skipped


@dataclass(frozen=True)
class Step:
    action: Action
    # The new id (NEW), or the stored or earlier batch article it turned out to be.
    article_id: int


@dataclass(frozen=True)
class StoredGuid:
    """The stored article of a guid, with what an edit would change."""

    id: int
    title: str
    body: str


@dataclass(frozen=True)
class Stored:
    """What the database holds already under the batch's keys (key -> article id)."""

    by_guid: Mapping[str, StoredGuid]
    by_url: Mapping[str, int]
    by_content: Mapping[str, int]


def plan_batch(articles: Sequence[Article], stored: Stored, *, first_id: int) -> list[Step]:
    """One step per article, in batch order. The same story (guid, canonical URL or
    content) is stored once, whether it was stored before or comes earlier in the batch;
    a known guid is never inserted again, its text edited in place when it changed. New
    articles get ids from `first_id` on, in batch order."""
    by_url = dict(stored.by_url)
    by_content = dict(stored.by_content)
    batch_guids: dict[str, int] = {}
    next_id = first_id
    steps: list[Step] = []
    for article in articles:
        step = _known(article, stored, batch_guids, by_url, by_content)
        if step is None:
            step = Step(Action.NEW, next_id)
            next_id += 1
            by_url[article.url_key] = step.article_id
            by_content[article.content_key] = step.article_id
            if article.guid_key is not None:
                batch_guids[article.guid_key] = step.article_id
        steps.append(step)
    return steps


def _known(
    article: Article,
    stored: Stored,
    batch_guids: Mapping[str, int],
    by_url: Mapping[str, int],
    by_content: Mapping[str, int],
) -> Step | None:
    """The step of an article already stored or met earlier in the batch; None for news."""
    if article.guid_key is not None:
        known = stored.by_guid.get(article.guid_key)
        if known is not None:
            if (known.title, known.body) == (article.title, article.body):
                return Step(Action.UNCHANGED, known.id)
            return Step(Action.EDITED, known.id)
        if article.guid_key in batch_guids:
            return Step(Action.DUPLICATE, batch_guids[article.guid_key])
    taken = by_url.get(article.url_key) or by_content.get(article.content_key)
    if taken is not None:
        return Step(Action.DUPLICATE, taken)
    return None


def inserted_ids(steps: Sequence[Step]) -> dict[int, int]:
    """Batch index -> new article id, for the articles inserted."""
    return {i: step.article_id for i, step in enumerate(steps) if step.action is Action.NEW}


def same_as_ids(steps: Sequence[Step]) -> dict[int, int]:
    """Batch index -> the stored (or earlier inserted) article it turned out to be."""
    return {i: step.article_id for i, step in enumerate(steps) if step.action is not Action.NEW}


def stories_to_look_up(
    inserted: Mapping[int, int], same_as: Mapping[int, int], joins_stored: Mapping[int, int]
) -> list[int]:
    """The stored articles whose story ids `story_links` needs, sorted."""
    return sorted({*joins_stored.values(), *same_as.values()} - set(inserted.values()))


def story_links(
    inserted: Mapping[int, int],
    same_as: Mapping[int, int],
    joins_stored: Mapping[int, int],
    joins_batch: Mapping[int, int],
    roots: Mapping[int, int],
) -> dict[int, int]:
    """New article id -> the first article of the story it joins (its story's id), for the
    new articles that join one. `joins_stored` (batch index -> stored article id) and
    `joins_batch` (batch index -> index of an earlier article of the batch) are the links
    found before storing; `roots` gives a stored article's story id. An article may join a
    batch article that was not inserted after all (an edit of a stored one, or a
    duplicate): it then joins that stored article's story."""
    index_of = {article_id: index for index, article_id in inserted.items()}
    limit = len(inserted) + len(same_as) + 1  # no link chain is longer; guards a cycle

    def joined(index: int, depth: int) -> int | None:
        """The story id that the batch article at `index` joins, None for news."""
        if depth > limit:
            return None
        if index in joins_stored:
            return roots.get(joins_stored[index])
        if index in joins_batch:
            return story_of(joins_batch[index], depth + 1)
        return None

    def story_of(index: int, depth: int) -> int | None:
        """The story id of the batch article at `index`, as stored."""
        if depth > limit:
            return None
        if index in inserted:
            return joined(index, depth + 1) or inserted[index]
        if index in same_as:
            target = same_as[index]
            if target in index_of:
                return story_of(index_of[target], depth + 1)
            return roots.get(target)
        return joined(index, depth + 1)

    found: dict[int, int] = {}
    for index, article_id in inserted.items():
        story = joined(index, 0)
        if story is not None and story != article_id:
            found[article_id] = story
    return found
