"""Topic briefs: the few stories that matter most now, each told in a sentence or two.

Ranking (see `story_score`): a story's weight grows with the number of distinct sources
that report it (independent confirmation, and a sign editors elsewhere found it worth
covering) and, more slowly, with its number of articles; it halves every HALF_LIFE_HOURS
since its latest article.

Sentences are quoted whole from the story's articles. Within a story a sentence scores by
similarity to the story's centroid (what all its articles are about), by its position in its
article (leads carry the key fact) and by support: how closely the story's other articles
say the same (what several sources agree on is the news). Across the whole brief a sentence
is skipped when it is too close to one already chosen, and a story quotes at most one
article's lead (the other leads restate it in other words), so the brief never says the same
thing twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from news.cluster import Story, StoryItem
from news.sentences import quotable_sentences
from news.summary import position_prior
from news.textstats import terms
from news.vectors import Idf, Vector, counts, dot

HALF_LIFE_HOURS = 12.0
SOURCE_WEIGHT = 1.0
SIZE_WEIGHT = 0.5
# Past min_stories, a story makes the brief only with this share of the top story's score.
TAIL_SHARE = 0.2
# Weights of a sentence's score: centroid similarity, position prior, support.
CENTRAL_WEIGHT = 0.4
POSITION_WEIGHT = 0.35
SUPPORT_WEIGHT = 0.25
# Two sentences at least this similar say the same thing; the second one is left out.
REDUNDANT = 0.4
# Key facts sit near the top, and a story's most central articles tell it: reading further
# costs time and adds background.
SENTENCES_PER_ITEM = 8
ITEMS_PER_STORY = 5
# Stories looked at beyond max_stories, for those that yield no quotable sentence.
SPARE_STORIES = 4
SENTENCE_MAX_CHARS = 320
TITLE_WEIGHT = 2.0


@dataclass
class BriefEntry:
    story: Story
    sentences: list[tuple[str, StoryItem]]  # (sentence, the item it came from, for the link)
    sources: int


def story_score(story: Story, *, now: int) -> float:
    """(1 + SOURCE_WEIGHT·ln(sources) + SIZE_WEIGHT·ln(articles)) · 0.5^(age / HALF_LIFE),
    age in hours since the story's latest article (0 for one dated in the future).

    A fresh single article scores 1; three sources and four articles, fresh, score 2.79;
    the same twelve hours later, 1.39."""
    age_hours = max(0, now - story.last_at) / 3600.0
    weight = (
        1.0
        + SOURCE_WEIGHT * math.log(len(story.sources))
        + SIZE_WEIGHT * math.log(len(story.items))
    )
    return float(weight * 0.5 ** (age_hours / HALF_LIFE_HOURS))


def rank_stories(stories: Sequence[Story], *, now: int) -> list[tuple[float, Story]]:
    """(score, story), best first; ties go to the newer story, then the older id."""
    scored = [(story_score(story, now=now), story) for story in stories if story.items]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].last_at, pair[1].id))
    return scored


@dataclass
class _Sentence:
    text: str
    item: StoryItem
    item_rank: int  # the item's place in _story_items: 0 is the story's lead
    position: int  # among the item's prose sentences
    terms: list[str]
    vector: Vector


def build_brief(
    stories: Sequence[Story],
    *,
    now: int,
    max_stories: int = 6,
    min_stories: int = 3,
    sentences_per_story: int = 2,
    language: str = "",
) -> list[BriefEntry]:
    """The brief: at most `max_stories` entries, best story first. Past `min_stories`, a
    story comes in only while its score is at least TAIL_SHARE of the best one's; a story
    with no quotable sentence is passed over. Each entry quotes 1 to
    `sentences_per_story` whole sentences, never one close to another in the brief; from
    the reports in `language` (the reader's) when the story has one."""
    if max_stories <= 0 or sentences_per_story <= 0:
        return []
    ranked = rank_stories(stories, now=now)[: max_stories + SPARE_STORIES]
    if not ranked:
        return []
    candidates = [_candidates(story, language) for _, story in ranked]
    titles = [terms(item.title) for _, story in ranked for item in _story_items(story, language)]
    # One IDF for the whole brief, so sentences of different stories compare fairly.
    idf = Idf([*(s.terms for sentences in candidates for s in sentences), *titles])
    top_score = ranked[0][0]
    entries: list[BriefEntry] = []
    quoted: list[Vector] = []
    for (score, story), sentences in zip(ranked, candidates, strict=True):
        if len(entries) >= max_stories:
            break
        if len(entries) >= min_stories and score < TAIL_SHARE * top_score:
            break
        chosen = _key_sentences(story, sentences, idf, quoted, sentences_per_story, language)
        if chosen:
            entries.append(
                BriefEntry(
                    story=story,
                    sentences=[(s.text, s.item) for s in chosen],
                    sources=len(story.sources),
                )
            )
    return entries


def _story_items(story: Story, language: str = "") -> list[StoryItem]:
    """The articles to read: the lead first, then the rest oldest first; only those in
    `language` when the story has any (a reader is quoted in the language they read)."""
    items = story.items
    if language and any(item.language == language for item in items):
        items = [item for item in items if item.language == language]
    lead = story.lead if story.lead in items else items[0]
    return [lead, *(item for item in items if item.id != lead.id)][:ITEMS_PER_STORY]


def _candidates(story: Story, language: str = "") -> list[_Sentence]:
    """The quotable sentences of the story's articles (vectors still empty)."""
    out: list[_Sentence] = []
    for rank, item in enumerate(_story_items(story, language)):
        quotable = quotable_sentences(item.text, max_chars=SENTENCE_MAX_CHARS)
        for position, sentence in quotable[:SENTENCES_PER_ITEM]:
            out.append(_Sentence(sentence, item, rank, position, terms(sentence), {}))
    return out


def _key_sentences(
    story: Story,
    sentences: list[_Sentence],
    idf: Idf,
    quoted: list[Vector],
    limit: int,
    language: str = "",
) -> list[_Sentence]:
    for sentence in sentences:
        sentence.vector = idf.vector(counts(sentence.terms))
    sentences = [s for s in sentences if s.vector]
    if not sentences:
        return []
    items = _story_items(story, language)
    centroid: dict[str, float] = {}
    for sentence in sentences:
        counts(sentence.terms, into=centroid)
    for item in items:
        counts(terms(item.title), TITLE_WEIGHT, into=centroid)
    centre = idf.vector(centroid)
    scores = [
        CENTRAL_WEIGHT * dot(s.vector, centre)
        + POSITION_WEIGHT * position_prior(s.position)
        + SUPPORT_WEIGHT * _support(s, sentences, len(items))
        for s in sentences
    ]
    order = sorted(
        range(len(sentences)),
        key=lambda i: (-scores[i], sentences[i].item_rank, sentences[i].position),
    )
    chosen: list[_Sentence] = []
    for index in order:
        sentence = sentences[index]
        if sentence.position == 0 and any(c.position == 0 for c in chosen):
            # Every outlet's lead restates the news, often in words too different for
            # cosine to notice (under 0.3 is common): one lead per story says it once.
            continue
        if any(dot(sentence.vector, other) >= REDUNDANT for other in quoted):
            continue  # also catches the same sentence syndicated by two feeds
        chosen.append(sentence)
        quoted.append(sentence.vector)
        if len(chosen) == limit:
            break
    # The lead-most sentence first: it reads as the news, the other as its detail.
    chosen.sort(key=lambda s: (s.position, s.item_rank))
    return chosen


def _support(sentence: _Sentence, sentences: Sequence[_Sentence], item_count: int) -> float:
    """How closely the story's other articles say the same: for each other article its
    most similar sentence, averaged over the other articles."""
    if item_count < 2:
        return 0.0
    best: dict[int, float] = {}
    for other in sentences:
        if other.item_rank == sentence.item_rank:
            continue
        similarity = dot(sentence.vector, other.vector)
        if similarity > best.get(other.item_rank, 0.0):
            best[other.item_rank] = similarity
    return sum(best.values()) / (item_count - 1)
