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

from news.sentences import is_chrome, strip_dateline
from news.stopwords import ALL as STOP_WORDS
from news.textstats import normalize, without_inside_marks

SMOOTHING = 2.0
# The share of texts those pseudo-mentions stand for (so SMOOTHING / PRIOR_SHARE pseudo-texts).
PRIOR_SHARE = 0.05
# Added to a name's score: readers recognise "Syunik" or "Upper Lars" at a glance, where
# a rising common word ("closed", "road") says little on its own.
NAME_BONUS = math.log(2.0)
# A unigram whose mentions are mostly inside a chosen two-word name adds nothing to it.
INSIDE_NAME_SHARE = 1.5

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
) -> list[TrendingTerm]:
    """The `top` terms and names of `recent` (say, the last 24 hours) whose share rose most
    against `baseline` (say, the 7 days before), best first."""
    recent_tokens = [_scan(text) for text in recent]
    baseline_tokens = [_scan(text) for text in baseline]
    name_like = _name_like([*recent_tokens, *baseline_tokens])
    surfaces: dict[Key, Counter[str]] = {}
    recent_counts = _document_counts(recent_tokens, name_like, surfaces)
    baseline_counts = _document_counts(baseline_tokens, name_like, None)
    n_recent, n_baseline = len(recent), len(baseline)
    candidates: list[tuple[float, Key]] = []
    for key, count in recent_counts.items():
        if count < min_count:
            continue
        score = math.log(_rate(count, n_recent) / _rate(baseline_counts.get(key, 0), n_baseline))
        if score <= 0:
            continue
        display = _display(surfaces[key])
        if len(key) == 2 or (display[0].isupper() and key[0] in name_like):
            score += NAME_BONUS
        candidates.append((score, key))
    # Best first; on a tie the longer name, then a stable order.
    candidates.sort(key=lambda pair: (-pair[0], -len(pair[1]), pair[1]))
    chosen = _without_overlaps(candidates, recent_counts, top)
    return [
        TrendingTerm(
            term=_display(surfaces[key]),
            recent_count=recent_counts[key],
            baseline_count=baseline_counts.get(key, 0),
            score=round(score, 4),
        )
        for score, key in chosen
    ]


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


def _document_counts(
    documents: Sequence[Sequence[_Token]],
    name_like: frozenset[str],
    surfaces: dict[Key, Counter[str]] | None,
) -> Counter[Key]:
    counts: Counter[Key] = Counter()
    for tokens in documents:
        keys: set[Key] = set()
        previous_name: _Token | None = None
        for token in tokens:
            if not _is_term(token):
                previous_name = None
                continue
            keys.add((token.key,))
            is_name = token.capital and token.key in name_like
            if surfaces is not None:
                # A capital that only opens a sentence is not how the word is written.
                surface = token.surface if is_name or not token.initial else token.folded
                surfaces.setdefault((token.key,), Counter())[surface] += 1
            if is_name and previous_name is not None and token.joined:
                pair = (previous_name.key, token.key)
                keys.add(pair)
                if surfaces is not None:
                    text = f"{previous_name.surface} {token.surface}"
                    surfaces.setdefault(pair, Counter())[text] += 1
            previous_name = token if is_name else None
        counts.update(keys)
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
