"""Summaries of one article: its lead sentence, or its few key sentences.

`summarize` is extractive: it quotes whole sentences and never rewrites or cuts one. News
puts the key fact first, so a sentence's position weighs as much as how close its words are
to the centroid of the article (the title counted twice over).
"""

from __future__ import annotations

from news.sentences import (
    MAX_CHARS,
    is_chrome,
    quotable_sentences,
    split_sentences,
    strip_dateline,
)
from news.textstats import terms
from news.vectors import Idf, counts, dot

__all__ = ["lead_sentence", "position_prior", "split_sentences", "strip_dateline", "summarize"]

# Share of a sentence's score that comes from its position; the rest is centroid similarity.
LEAD_WEIGHT = 0.5
# How fast the position prior decays: 1 / (1 + LEAD_DECAY * position).
LEAD_DECAY = 0.5
# Title words count this many times in the centroid: the headline says what matters.
TITLE_WEIGHT = 2.0
# Sentences at least this similar to one already chosen would say the same thing twice.
REDUNDANT = 0.5
LEAD_MIN_CHARS = 25


def lead_sentence(text: str, *, fallback: str = "", max_chars: int = 300) -> str:
    """The first real sentence of an article, without its dateline, byline or credits; a
    very long one is cut at a word boundary."""
    for sentence in split_sentences(text or fallback):
        sentence = strip_dateline(sentence)
        if len(sentence) < LEAD_MIN_CHARS or is_chrome(sentence):
            continue
        if len(sentence) > max_chars:
            sentence = sentence[:max_chars].rsplit(" ", 1)[0].rstrip(",;:-") + "…"
        return sentence
    return ""


def position_prior(position: int) -> float:
    """How likely the sentence at `position` (0 = the lead) carries a key fact."""
    return 1.0 / (1.0 + LEAD_DECAY * position)


def summarize(
    text: str, *, title: str = "", max_sentences: int = 3, max_chars: int = 600
) -> list[str]:
    """Up to `max_sentences` whole sentences of `text` that together fit in `max_chars`,
    in text order: lead-biased, close to what the title and the text are about, never two
    that say the same thing. Datelines, bylines, credits, boilerplate, fragments and run-on
    paragraphs are never quoted. Empty when no sentence qualifies."""
    if max_sentences <= 0:
        return []
    candidates = quotable_sentences(text, max_chars=min(MAX_CHARS, max_chars))
    if not candidates:
        return []
    sentence_terms = [terms(sentence) for _, sentence in candidates]
    title_terms = terms(title)
    idf = Idf([*sentence_terms, title_terms])
    centroid: dict[str, float] = {}
    for words in sentence_terms:
        counts(words, into=centroid)
    counts(title_terms, TITLE_WEIGHT, into=centroid)
    centre = idf.vector(centroid)
    vectors = [idf.vector(counts(words)) for words in sentence_terms]
    scored = sorted(
        (
            -(LEAD_WEIGHT * position_prior(position) + (1.0 - LEAD_WEIGHT) * dot(vector, centre)),
            index,
        )
        for index, ((position, _), vector) in enumerate(zip(candidates, vectors, strict=True))
    )
    chosen: list[int] = []
    used = 0
    for _, index in scored:
        sentence = candidates[index][1]
        extra = len(sentence) + (1 if chosen else 0)
        if used + extra > max_chars:
            continue
        if any(dot(vectors[index], vectors[other]) >= REDUNDANT for other in chosen):
            continue
        chosen.append(index)
        used += extra
        if len(chosen) == max_sentences:
            break
    return [candidates[index][1] for index in sorted(chosen)]
