"""Stories: articles about the same event, from one feed or several, grouped together.

Each article becomes two sparse TF-IDF vectors of its title (weighted) and its first words:
one of its names (places, people, bodies, roads), one of its other words. IDF comes from the
articles being grouped, so what every article of a topic shares ("CSTO" in a CSTO brief)
counts for little and what is particular to the event decides. Two articles report the same
event when both their names and their words agree (see `similarity`).

Grouping is one pass in publication order: an article joins the story whose centroid it is
most similar to, if that similarity reaches the threshold and the story began no longer than
the window before it; otherwise it starts a new story. A centroid (rather than any single
member) must match, so two events cannot be chained together through one article that
mentions both. Candidate stories come from an inverted index of each story's heaviest words
and names, so an article is compared with a handful of stories, not all of them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from news.eventterms import DATE_PREFIX, PLACE_PREFIX, event_terms
from news.sentences import is_chrome, strip_dateline
from news.textstats import first_lines
from news.vectors import Idf, Vector, add, dot, top_terms

# Title words count this many times: a headline names the event, the body adds context.
TITLE_WEIGHT = 3.0
# Only the top of an article: the event is told there, background comes later.
BODY_WORDS = 150
# Similarity (see `similarity`) from which an article and a story report the same event.
# Chosen with the floors and exponent below on the tuning part of bench/storycorpus.py
# (trilingual, paraphrased, with hard negatives; bench/stories.py) while keeping
# bench/brief.py's generated English topics (pairwise F1 0.976) and the hand-written
# paraphrases of testkit/story_fixtures.py together.
DEFAULT_THRESHOLD = 0.30
# Each piece of evidence must reach its floor, however strong the other: the same people
# in the same place are not one event when what happened differs (a summit, a document),
# and the same words are not one event when the people and places differ.
WORD_FLOOR = 0.15
NAME_FLOOR = 0.35
# What happened weighs a little more than who and where: the same people are in many
# events of a week, one event is told with the same concepts in every language.
WORD_EXPONENT = 0.55
# An article's heaviest words and names, used to find the stories worth comparing it with.
INDEX_WORDS = 8
INDEX_NAMES = 6
# Index keys of names, apart from words spelled the same.
_NAME_KEY = "\x00"


@dataclass(frozen=True)
class StoryItem:
    id: int
    title: str
    text: str
    published_at: int
    source: str
    url: str
    language: str = ""  # "en", "ru", "hy" or "" when unknown


# The order languages are listed in ("3 sources · EN RU").
LANGUAGE_ORDER = ("en", "ru", "hy")


def ordered_languages(codes: Iterable[str | None]) -> list[str]:
    """Distinct language codes, English, Russian, Armenian first, then any other."""
    found = {code for code in codes if code}
    rank = {code: place for place, code in enumerate(LANGUAGE_ORDER)}
    return sorted(found, key=lambda code: (rank.get(code, len(rank)), code))


@dataclass
class Story:
    """Articles about one event, oldest first."""

    items: list[StoryItem]
    # The most central article, set by cluster_stories; the earliest one when unset.
    lead_id: int | None = field(default=None, compare=False)

    @property
    def id(self) -> int:
        """Stable while the story lasts: its first-known article's id."""
        return min(item.id for item in self.items)

    @property
    def first_at(self) -> int:
        return min(item.published_at for item in self.items)

    @property
    def last_at(self) -> int:
        return max(item.published_at for item in self.items)

    @property
    def sources(self) -> list[str]:
        """Distinct source names, in the order they first reported the story."""
        seen: dict[str, None] = {}
        for item in sorted(self.items, key=_chronological):
            seen.setdefault(item.source, None)
        return list(seen)

    @property
    def languages(self) -> list[str]:
        """The languages of its reports, English, Russian, Armenian first."""
        return ordered_languages(item.language for item in self.items)

    @property
    def lead(self) -> StoryItem:
        """The article that represents the story (for its title and link)."""
        if self.lead_id is not None:
            for item in self.items:
                if item.id == self.lead_id:
                    return item
        return min(self.items, key=_chronological)


def _chronological(item: StoryItem) -> tuple[int, int]:
    return (item.published_at, item.id)


def item_terms(item: StoryItem) -> tuple[Vector, Vector]:
    """Weighted term counts of an article's title and first words: its names, and its other
    words. Datelines, bylines and credits are left out: they name the source, not the
    event. Cached: the dicts are shared, never change them."""
    return _terms(item.title, item.text)


# Briefs are recomputed every few minutes over mostly the same articles, and an article
# linked to a story as it is stored is read back from the database for the next batch:
# the terms are worth keeping, by text (ids differ between those copies).
@lru_cache(maxsize=4096)
def _terms(title: str, text: str) -> tuple[Vector, Vector]:
    return event_terms(title, _prose_head(text), title_weight=TITLE_WEIGHT)


def clear_caches() -> None:
    """Forget the cached terms (for benchmarks of a fresh process)."""
    _terms.cache_clear()


def batch_terms(pairs: Sequence[tuple[str, str]]) -> list[tuple[Vector, Vector]]:
    """item_terms of many (title, text) pairs: one hand-off to a worker process."""
    return [_terms(title, text) for title, text in pairs]


def _prose_head(text: str) -> str:
    lines: list[str] = []
    for line in first_lines(text, BODY_WORDS):
        line = _without_agency(strip_dateline(line))
        if not line or is_chrome(line) or _is_label(line):
            continue
        lines.append(line)
    return "\n".join(lines)


# A line of a few words without an end mark is a byline, a kicker or a caption ("Anna
# Petrosyan", "By Mark Ellis, staff reporter"), and what is left of a dateline once its place
# and date are gone is the agency's name ("Caucasus Wire."): they name the outlet, never
# the event, and would tie together unrelated reports of one outlet.
_LABEL_WORDS = 6
_AGENCY_WORDS = 3
_END_MARK = re.compile(r"[.!?…։:;»”\"')]\s*$")
_LEADING_AGENCY = re.compile(r"^(?:[^\W\d_][\w-]*\s+){0,2}[^\W\d_][\w-]*\s*[.։]\s+")


def _is_label(line: str) -> bool:
    return len(line.split()) <= _LABEL_WORDS and not _END_MARK.search(line)


def _without_agency(line: str) -> str:
    """The line without a leading one- to three-word sentence (an agency's name)."""
    match = _LEADING_AGENCY.match(line)
    return line[match.end() :] if match else line


@dataclass(frozen=True)
class Profile:
    """An article's unit TF-IDF vectors: of the words telling what happened, and of its
    anchors (names, dates, numbers); and the dates it gives."""

    words: Vector
    names: Vector
    dates: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()

    @property
    def telling(self) -> bool:
        """Says enough to tell its event: a bare title ("Mir"), an empty page or one word
        repeated never joins a story, whatever it shares."""
        return len(self.words) + len(self.names) >= MIN_TERMS


# Distinct terms an article needs before it may join a story.
MIN_TERMS = 4


def make_profile(words: Vector, names: Vector) -> Profile:
    return Profile(
        words,
        names,
        frozenset(key for key in names if key[:1] == DATE_PREFIX),
        frozenset(key for key in names if key[:1] == PLACE_PREFIX),
    )


def item_profiles(items: Sequence[StoryItem]) -> list[Profile]:
    """The articles' profiles, IDF taken over these articles."""
    pairs = [item_terms(item) for item in items]
    word_idf = Idf(words for words, _ in pairs)
    name_idf = Idf(names for _, names in pairs)
    return [make_profile(word_idf.vector(words), name_idf.vector(names)) for words, names in pairs]


def similarity(word_similarity: float, name_similarity: float | None) -> float:
    """How surely two articles (or an article and a story) report one event: a weighted
    geometric mean of two pieces of evidence, the cosine of what happened (words and
    concepts) and the cosine of who, where and when (names, places, dates, numbers).
    Words alone would merge two landslides on one day (told in the same words, only the
    places differ); names alone would merge a summit and a document of the same bloc and
    leaders, so each must reach its floor. Across languages the words agree less (only
    concepts translate) and the names more, which the mean allows. Without names on one
    side (None), words decide. Chosen on the tuning part of bench/storycorpus.py."""
    if name_similarity is None:
        return word_similarity
    if word_similarity < WORD_FLOOR or name_similarity < NAME_FLOOR:
        return 0.0
    return float(word_similarity**WORD_EXPONENT * name_similarity ** (1 - WORD_EXPONENT))


def disagree(a: frozenset[str], b: Collection[str]) -> bool:
    """Both give dates (or places of the event), and none is the same: two meetings a week
    apart, or one in Minsk and one in Astana, are never one event."""
    return bool(a) and bool(b) and a.isdisjoint(b)


def profile_similarity(a: Profile, b: Profile, floor: float = 0.0) -> float:
    """The similarity of two articles; any value under `floor` when it is below it (names
    are compared first: few terms, and they rule out most pairs)."""
    if not (a.telling and b.telling) or disagree(a.dates, b.dates):
        return 0.0
    if disagree(a.places, b.places):
        return 0.0
    names = dot(a.names, b.names) if a.names and b.names else None
    if names is not None and names < floor * floor:
        return names
    return similarity(dot(a.words, b.words), names)


@dataclass
class _Group:
    members: list[int]
    first_at: int
    words: Vector = field(default_factory=dict)  # sums of the members' unit vectors
    names: Vector = field(default_factory=dict)
    words_norm: float = 0.0
    names_norm: float = 0.0
    indexed: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    telling: bool = True  # an article that says too little is a story of its own

    def add(self, position: int, profile: Profile) -> None:
        if not self.members:
            self.telling = profile.telling
        self.members.append(position)
        self.dates.update(profile.dates)
        self.places.update(profile.places)
        add(self.words, profile.words)
        add(self.names, profile.names)
        self.words_norm = _norm(self.words)
        self.names_norm = _norm(self.names)

    def similarity(self, profile: Profile, floor: float = 0.0) -> float:
        """The article's similarity to this story; any value under `floor` when it is
        below it (names are compared first: few terms, and they rule out most stories)."""
        if self.words_norm == 0.0 or not self.telling:
            return 0.0
        if not profile.telling or disagree(profile.dates, self.dates):
            return 0.0
        if disagree(profile.places, self.places):
            return 0.0
        names: float | None = None
        if profile.names and self.names_norm > 0.0:
            names = dot(profile.names, self.names) / self.names_norm
            if names < floor * floor:
                return names
        words = dot(profile.words, self.words) / self.words_norm
        return similarity(words, names)


def _norm(vector: Vector) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def cluster_stories(
    items: Sequence[StoryItem],
    *,
    window_hours: float = 48,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Story]:
    """The articles grouped into stories, newest story first (by its latest article), each
    story's articles oldest first. Deterministic: the same articles in any order give the
    same stories."""
    ordered = sorted(items, key=_chronological)
    profiles = item_profiles(ordered)
    window = window_hours * 3600.0
    groups: list[_Group] = []
    index: dict[str, list[int]] = {}
    for position, (item, profile) in enumerate(zip(ordered, profiles, strict=True)):
        keys = top_terms(profile.words, INDEX_WORDS) + [
            _NAME_KEY + name for name in top_terms(profile.names, INDEX_NAMES)
        ]
        candidates: set[int] = set()
        for term in keys:
            candidates.update(index.get(term, ()))
        best, best_similarity = -1, threshold
        for number in sorted(candidates):
            group = groups[number]
            if item.published_at - group.first_at > window:
                continue
            candidate_similarity = group.similarity(profile, best_similarity)
            # On a tie the older story (the lower number) keeps the article.
            if candidate_similarity > best_similarity or (
                best < 0 and candidate_similarity == best_similarity
            ):
                best, best_similarity = number, candidate_similarity
        if best < 0:
            best = len(groups)
            groups.append(_Group(members=[], first_at=item.published_at))
        group = groups[best]
        group.add(position, profile)
        for term in keys:
            if term not in group.indexed:
                group.indexed.add(term)
                index.setdefault(term, []).append(best)
    stories = [_story(group, ordered, profiles) for group in groups]
    stories.sort(key=lambda story: (-story.last_at, story.id))
    return stories


def _story(group: _Group, ordered: Sequence[StoryItem], profiles: Sequence[Profile]) -> Story:
    members = [ordered[position] for position in group.members]
    # Most central: closest to the centroid. Rounded, so that float noise does not decide
    # between equals (the two members of a pair); those go to the earliest.
    central = min(group.members, key=lambda p: (-round(group.similarity(profiles[p]), 9), p))
    return Story(items=members, lead_id=ordered[central].id)
