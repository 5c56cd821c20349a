"""Recent articles kept ready for linking new ones to their stories.

At every poll the new articles of a feed are compared with the articles of the last days,
to know which of them report an event already told (and must not be pushed again). The
index keeps each recent article's term counts, the document frequencies over all of them
and an inverted index of each article's heaviest words and names, and changes as articles
come and go, so a batch costs the batch, not the whole window.

A new article is compared (as in news.cluster: both its names and its words must agree)
with the MAX_CANDIDATES recent articles that share most of its heaviest terms within the
window that share at least two of them, never with all of them: a report of the same
event is among those, and a topic's hundred other articles sharing one common word are not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from news.cluster import (
    DEFAULT_THRESHOLD,
    INDEX_NAMES,
    INDEX_WORDS,
    Profile,
    StoryItem,
    item_terms,
    make_profile,
    profile_similarity,
)
from news.vectors import LiveIdf, Vector, top_terms, unit

MAX_CANDIDATES = 16
# Two reports of one event share several of their heaviest terms (the place, the body,
# the act); sharing a single one is what any two articles of a topic do.
MIN_SHARED_KEYS = 2
# Index keys of names, apart from words spelled the same.
_NAME_KEY = "\x00"


# A kept article's vectors are made again once the number of articles they were weighed
# against has more than doubled (as while the index fills): IDF moves slowly, and remaking
# them for every batch would cost more than the comparing.
PROFILE_DRIFT = 1.0


@dataclass
class _Entry:
    published_at: int
    words: Vector  # term counts (shared with news.cluster's cache: never changed)
    names: Vector
    keys: tuple[str, ...]
    profile: Profile | None = None
    weighed_against: int = 0  # articles in the index when `profile` was made


class StoryIndex:
    def __init__(
        self,
        *,
        window_hours: float = 48,
        threshold: float = DEFAULT_THRESHOLD,
        capacity: int = 10_000,
    ) -> None:
        self.window = window_hours * 3600.0
        self.threshold = threshold
        self.capacity = capacity
        self._entries: dict[int, _Entry] = {}
        self._postings: dict[str, set[int]] = {}
        self._word_df = LiveIdf()
        self._name_df = LiveIdf()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, item_id: int) -> bool:
        return item_id in self._entries

    def add(self, items: Iterable[StoryItem]) -> None:
        """Keep these articles (those already kept are left as they are); past capacity,
        the oldest are dropped."""
        for item in items:
            if item.id not in self._entries:
                self._put(item)
        if len(self._entries) > self.capacity:
            by_age = sorted(self._entries, key=lambda i: (self._entries[i].published_at, i))
            for item_id in by_age[: len(self._entries) - self.capacity]:
                self._drop(item_id)

    def forget_before(self, when: int) -> None:
        """Drop the articles published before `when`."""
        for item_id in [i for i, e in self._entries.items() if e.published_at < when]:
            self._drop(item_id)

    def link(
        self,
        new: Sequence[StoryItem],
        *,
        terms: Mapping[int, tuple[Vector, Vector]] | None = None,
        keep: bool = False,
    ) -> dict[int, int]:
        """For each new article that reports an event already told, the id of the most
        similar article telling it: a kept one, or a new one published before it.

        `terms` may bring the new articles' term counts (by id), computed elsewhere (in a
        worker process). With `keep` the new articles stay in the index under their ids
        (rename them once they are stored, or remove them); otherwise they are let go."""
        fresh = sorted(
            (item for item in new if item.id not in self._entries),
            key=lambda item: (item.published_at, item.id),
        )
        links: dict[int, int] = {}
        added: list[int] = []
        try:
            for item in fresh:
                # Counted in before comparing: a new article is part of what makes a word
                # common or rare, as in news.cluster.
                entry = self._put(item, terms.get(item.id) if terms else None)
                added.append(item.id)
                best = self._best_match(item.id, entry)
                if best is not None:
                    links[item.id] = best
        except BaseException:
            self.remove(added)
            raise
        if not keep:
            self.remove(added)
        return links

    def rename(self, old_id: int, new_id: int) -> None:
        """A kept article got its final id."""
        entry = self._entries.pop(old_id)
        self._entries[new_id] = entry
        for key in entry.keys:
            posting = self._postings[key]
            posting.discard(old_id)
            posting.add(new_id)

    def remove(self, item_ids: Iterable[int]) -> None:
        for item_id in item_ids:
            if item_id in self._entries:
                self._drop(item_id)

    def _best_match(self, item_id: int, entry: _Entry) -> int | None:
        """The kept (or earlier new) article most similar to this one, if similar enough.
        Later new articles are not in the index yet, so they are never chosen."""
        shared: Counter[int] = Counter()
        for key in entry.keys:
            posting = self._postings.get(key)
            if posting is not None:
                shared.update(posting)
        shared.pop(item_id, None)
        candidates: list[int] = []
        for other, count in shared.most_common():
            if count < MIN_SHARED_KEYS or len(candidates) == MAX_CANDIDATES:
                break
            if abs(entry.published_at - self._entries[other].published_at) <= self.window:
                candidates.append(other)
        best: int | None = None
        best_similarity = self.threshold
        profile = self._profile(entry)
        for other in sorted(candidates):
            other_profile = self._profile(self._entries[other])
            similarity = profile_similarity(profile, other_profile, best_similarity)
            # On a tie the first by id is kept, so that linking is deterministic.
            if similarity > best_similarity or (best is None and similarity == best_similarity):
                best, best_similarity = other, similarity
        return best

    def _profile(self, entry: _Entry) -> Profile:
        documents = self._word_df.documents
        if (
            entry.profile is None
            or abs(documents - entry.weighed_against) > PROFILE_DRIFT * entry.weighed_against
        ):
            entry.profile = make_profile(
                self._word_df.vector(entry.words), self._name_df.vector(entry.names)
            )
            entry.weighed_against = documents
        return entry.profile

    def _put(self, item: StoryItem, terms: tuple[Vector, Vector] | None = None) -> _Entry:
        words, names = terms if terms is not None else item_terms(item)
        self._word_df.add(words)
        self._name_df.add(names)
        word_weights = self._word_df.weights(words)
        name_weights = self._name_df.weights(names)
        keys = tuple(
            top_terms(word_weights, INDEX_WORDS)
            + [_NAME_KEY + name for name in top_terms(name_weights, INDEX_NAMES)]
        )
        entry = _Entry(
            item.published_at,
            words,
            names,
            keys,
            profile=make_profile(unit(word_weights), unit(name_weights)),
            weighed_against=self._word_df.documents,
        )
        self._entries[item.id] = entry
        for key in keys:
            self._postings.setdefault(key, set()).add(item.id)
        return entry

    def _drop(self, item_id: int) -> None:
        entry = self._entries.pop(item_id)
        self._word_df.remove(entry.words)
        self._name_df.remove(entry.names)
        for key in entry.keys:
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(item_id)
                if not posting:
                    del self._postings[key]


def link_stories(
    new: Sequence[StoryItem],
    known: Sequence[StoryItem],
    *,
    window_hours: float = 48,
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[int, int]:
    """For each new article that reports an event already told, the id of the most similar
    article telling it: a known one, or a new one published before it. News is left out."""
    index = StoryIndex(window_hours=window_hours, threshold=threshold)
    index.add(known)
    return index.link(new)
