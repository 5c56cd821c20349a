"""Trending terms: the words and names whose share of recent articles rose most.

Counts are document frequencies (how many texts mention a term), so one article repeating
a name ten times does not make it trend. Each term's share of the recent texts is compared
with its share of the baseline texts as a smoothed log ratio:

    score = ln( ((recent + K) / (n_recent + K / P)) / ((baseline + K) / (n_baseline + K / P)) )

as if each side began with K / P texts of which K (K = SMOOTHING, P = PRIOR_SHARE) mention
the term: a term new today needs several mentions to beat one that was already common and
doubled, and with no baseline at all the recent share is compared with P. Names get
NAME_BONUS on top. Only rising terms (ratio above 1) with at least `min_count` recent
mentions are returned.

Terms are content words (stop words and one-letter words left out), grouped by their
normalised form ("protests" with "protest", "Пашиняна" with "Пашинян"), and names: runs
of capitalised words, kept as two-word names ("Nikol Pashinyan", "Upper Lars",
"Верхний Ларс"). A capital that only starts a sentence, or a word mostly written in lower
case (headlines in Title Case), does not make a name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from news.eventterms import bundled_concepts
from news.names import name_key
from news.sentences import is_chrome, strip_dateline
from news.stems import stem
from news.stopwords import ALL as STOP_WORDS
from news.textstats import normalize, script_language, without_inside_marks

SMOOTHING = 2.0
# The share of texts those pseudo-mentions stand for (so SMOOTHING / PRIOR_SHARE pseudo-texts).
PRIOR_SHARE = 0.05
# Added to a name's score: readers recognise "Syunik" or "Upper Lars" at a glance, where
# a rising common word ("closed", "road") says little on its own.
NAME_BONUS = math.log(2.0)
# A unigram whose mentions are mostly inside a chosen two-word name adds nothing to it.
INSIDE_NAME_SHARE = 1.5
# With fewer baseline texts than this (a new installation), nothing can be said to rise:
# today's names are ranked by how many sources and languages carry them instead.
COLD_START_TEXTS = 50
COLD_START_SOURCES = 2
# Name keys are marked apart from word keys ("minsk" the name, not a word spelled so).
_NAME = "\x00"

# A word starts with a letter; hyphens and apostrophes join parts (Nagorno-Karabakh). The
# optional group in front catches a sentence's start (the text's, a line's, or after an end
# mark, maybe behind quotes) in the same scan.
_WORD = re.compile(
    r"(?P<start>(?:^|[.!?…։:\n])[\s\"'«“„‘(\[]*)?"
    r"(?P<word>[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*)"
)


@dataclass(frozen=True)
class TrendingTerm:
    term: str  # display form, as the articles write it
    recent_count: int  # recent texts that mention it
    baseline_count: int  # baseline texts that mention it
    score: float  # the smoothed log ratio, plus NAME_BONUS for a name
    # The most frequent form in each script that writes it: ("en", "Pashinyan"), ...
    forms: tuple[tuple[str, str], ...] = ()
    sources: int = 0  # distinct sources of the recent texts that mention it (when known)

    def shown_in(self, language: str) -> str:
        """The term as a reader of `language` writes it, when the articles have that form."""
        return dict(self.forms).get(language, self.term)


class _Token(NamedTuple):
    surface: str
    folded: str
    key: str
    capital: bool
    initial: bool  # first word of a sentence
    joined: bool  # only whitespace between it and the previous word


Key = tuple[str, ...]


def trending_terms(
    recent: Sequence[str],
    baseline: Sequence[str],
    *,
    top: int = 8,
    min_count: int = 3,
    recent_sources: Sequence[str] | None = None,
) -> list[TrendingTerm]:
    """The `top` names (then other words, never a topic's own keywords) of `recent` (say,
    the last 24 hours) whose share rose most against `baseline` (say, the 7 days before),
    names first, best first. A name is one term in every script and inflection (Pashinyan,
    Пашиняна, Փաշինյանը). With `recent_sources` (the source of each recent text) and too
    little baseline to compare with, names carried by the most sources come first."""
    recent_tokens = [_scan(text) for text in recent]
    baseline_tokens = [_scan(text) for text in baseline]
    name_like = _name_like([*recent_tokens, *baseline_tokens])
    surfaces: dict[Key, Counter[str]] = {}
    carriers: dict[Key, set[str]] = {}
    recent_counts = _document_counts(
        recent_tokens, name_like, surfaces, carriers=carriers, sources=recent_sources
    )
    baseline_counts = _document_counts(baseline_tokens, name_like, None)
    n_recent, n_baseline = len(recent), len(baseline)
    cold = recent_sources is not None and n_baseline < COLD_START_TEXTS
    candidates: list[tuple[float, Key]] = []
    for key, count in recent_counts.items():
        named = _is_name_key(key)
        if cold:
            reach = len(carriers.get(key, ()))
            if not named or reach < COLD_START_SOURCES:
                continue
            # Sources first, then the scripts (languages) carrying it, then mentions.
            score = reach + 0.1 * len(_scripts(surfaces[key])) + 0.001 * count
        else:
            if count < min_count:
                continue
            rate = _rate(baseline_counts.get(key, 0), n_baseline)
            score = math.log(_rate(count, n_recent) / rate)
            if score <= 0:
                continue
            if named:
                score += NAME_BONUS
        candidates.append((score, key))
    # Names first; within each, best first; on a tie the longer name, then a stable order.
    candidates.sort(key=lambda pair: (not _is_name_key(pair[1]), -pair[0], -len(pair[1]), pair[1]))
    chosen = _without_overlaps(candidates, recent_counts, top)
    return [
        TrendingTerm(
            term=_display(surfaces[key]),
            recent_count=recent_counts[key],
            baseline_count=baseline_counts.get(key, 0),
            score=round(score, 4),
            forms=_forms(surfaces[key]),
            sources=len(carriers.get(key, ())),
        )
        for score, key in chosen
    ]


def _is_name_key(key: Key) -> bool:
    return all(part.startswith(_NAME) for part in key)


def _scripts(forms: Counter[str]) -> set[str]:
    return {script_language(form) for form in forms}


def _forms(forms: Counter[str]) -> tuple[tuple[str, str], ...]:
    by_script: dict[str, Counter[str]] = {}
    for form, count in forms.items():
        by_script.setdefault(script_language(form), Counter())[form] += count
    return tuple((script, _display(found)) for script, found in sorted(by_script.items()))


def _rate(count: int, texts: int) -> float:
    """The share of texts that mention a term, pulled towards PRIOR_SHARE when there are
    few texts (and equal to it when there are none)."""
    return (count + SMOOTHING) / (texts + SMOOTHING / PRIOR_SHARE)


def _scan(text: str) -> list[_Token]:
    # Datelines, bylines and credits name agencies and reporters, not the news.
    lines = (strip_dateline(line) for line in without_inside_marks(text).split("\n"))
    text = "\n".join(line for line in lines if line and not is_chrome(line))
    out: list[_Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        surface = match.group("word")
        if "'" in surface or "’" in surface or "-" in surface:
            surface = _bare(surface)
        begin = match.start("word")
        joined = bool(out) and not text[previous_end:begin].strip()
        previous_end = match.end()
        folded = surface.casefold().replace("ё", "е")
        initial = match.group("start") is not None
        out.append(
            _Token(surface, folded, normalize(folded), surface[0].isupper(), initial, joined)
        )
    return out


def _bare(word: str) -> str:
    """The word without a possessive ("Pashinyan's") or an Armenian case suffix hyphenated
    to an acronym ("ՀԱՊԿ-ին")."""
    for mark in ("'", "’"):
        if word.endswith((f"{mark}s", f"{mark}S")):
            word = word[:-2]
    head, _, tail = word.partition("-")
    if tail and len(head) > 1 and head.isupper() and tail.islower():
        return head
    return word


def _name_like(documents: Sequence[Sequence[_Token]]) -> frozenset[str]:
    """Keys of words written with a capital inside sentences at least as often as in lower
    case: names, not sentence starts or words of Title Case headlines. By key, so a name's
    inflected forms ("Սյունիքում" opening a sentence) count as the name."""
    capitals: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for tokens in documents:
        for token in tokens:
            if not token.capital:
                lower[token.key] += 1
            elif not token.initial:
                capitals[token.key] += 1
    return frozenset(key for key, count in capitals.items() if count >= lower[key])


def _is_term(token: _Token) -> bool:
    if token.folded in STOP_WORDS:
        return False
    return len(token.folded) > 2 or (token.capital and token.surface.isupper())


def _is_topic_word(token: _Token) -> bool:
    """A word of a topic's keywords ("Armenian", "Collective", "border"): topics have their
    own briefs (/topic), and such words are in the news every day."""
    concepts = bundled_concepts()
    word = stem(token.folded)
    if concepts.single.get(word, "").startswith(concepts.topic_prefix):
        return True
    return word in concepts.topic_words


def _document_counts(
    documents: Sequence[Sequence[_Token]],
    name_like: frozenset[str],
    surfaces: dict[Key, Counter[str]] | None,
    *,
    carriers: dict[Key, set[str]] | None = None,
    sources: Sequence[str] | None = None,
) -> Counter[Key]:
    counts: Counter[Key] = Counter()
    for number, tokens in enumerate(documents):
        keys: set[Key] = set()
        previous_name: _Token | None = None
        previous_key = ""
        for token in tokens:
            if not _is_term(token) or _is_topic_word(token):
                previous_name = None
                continue
            is_name = token.capital and token.key in name_like
            if is_name:
                named = name_key(token.surface)
                key = _NAME + named if named else token.key
            else:
                key = token.key
            keys.add((key,))
            if surfaces is not None:
                # A capital that only opens a sentence is not how the word is written.
                surface = token.surface if is_name or not token.initial else token.folded
                surfaces.setdefault((key,), Counter())[surface] += 1
            if is_name and previous_name is not None and token.joined:
                pair = (previous_key, key)
                keys.add(pair)
                if surfaces is not None:
                    text = f"{previous_name.surface} {token.surface}"
                    surfaces.setdefault(pair, Counter())[text] += 1
            previous_name = token if is_name else None
            previous_key = key
        counts.update(keys)
        if carriers is not None and sources is not None:
            for found in keys:
                carriers.setdefault(found, set()).add(sources[number])
    return counts


def _without_overlaps(
    candidates: Sequence[tuple[float, Key]], counts: Counter[Key], top: int
) -> list[tuple[float, Key]]:
    """The best candidates, skipping a word that mostly appears inside a chosen two-word
    name, and a two-word name that shares a word with a chosen one ("Minister Nikol" once
    "Nikol Pashinyan" is in); a name that comes after its own words replaces them."""
    chosen: list[tuple[float, Key]] = []
    for score, key in candidates:
        if len(chosen) == top:
            break
        if len(key) == 1:
            if any(_inside(key, other, counts) for _, other in chosen):
                continue
            chosen.append((score, key))
            continue
        if any(len(other) == 2 and set(other) & set(key) for _, other in chosen):
            continue
        explained = {other for _, other in chosen if _inside(other, key, counts)}
        chosen = [pair for pair in chosen if pair[1] not in explained]
        chosen.append((score, key))
    chosen.sort(key=lambda pair: (-pair[0], -len(pair[1]), pair[1]))
    return chosen


def _inside(word: Key, name: Key, counts: Counter[Key]) -> bool:
    """True when `word` is one of `name`'s words and mostly appears inside it."""
    return (
        len(word) == 1
        and len(name) == 2
        and word[0] in name
        and counts[word] <= INSIDE_NAME_SHARE * counts[name]
    )


def _display(forms: Counter[str]) -> str:
    """The most frequent written form; on a tie the shorter, then the first in order."""
    return min(forms.items(), key=lambda pair: (-pair[1], len(pair[0]), pair[0]))[0]
