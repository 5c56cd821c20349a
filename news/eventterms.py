"""The terms an article is compared by to find the other reports of its event, in whatever
language those are written.

Every word of the title and the top of the body becomes one key, the same in English,
Russian and Armenian wherever the word allows it:

- a concept: news vocabulary (news/concepts.toml) and the topics file, so "summit",
  "саммит" and "գագաթնաժողով" are one key, and "CSTO", "ОДКБ" and "ՀԱՊԿ" another;
- a name (written with a capital inside a sentence): its key from news.names, so Pashinyan,
  Пашиняна and Փաշինյանը are one key;
- a date: "20 November", "Nov 20", "20 ноября" and "նոյեմբերի 20" are one key; a number
  ("5.8", "5,8") is its own key;
- any other word: its Snowball stem, which meets only reports in the same language.

Names, dates and numbers are the event's anchors (the "names" vector: who, where, when,
how many), and so are topics and blocs written as names (CSTO, ОДКБ, Minsk when it is a
topic's keyword); the other concepts and the stems tell what happened (the "words" vector).
The places an event happens in are marked too ("in Minsk", "в Минске", "Մինսկում").
news.cluster weighs the two vectors apart, needs both to agree, and keeps apart two reports
that give different dates or places.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from news.names import name_key
from news.stems import stem
from news.stopwords import ALL as STOP_WORDS
from news.textstats import opens_sentence, without_inside_marks
from news.textstats import tokens as words_of
from news.topics import load_topics
from news.vectors import Vector

_WORD = re.compile(r"[^\W_]+")
DATE_PREFIX = "@"
# Where an event happens: a name after "in", "в", "near", or in the Armenian locative
# (Մինսկում). Marked with a weight too small to count, only so that two reports placing
# their event in different cities are told apart (see news.cluster.disagree).
PLACE_PREFIX = "%"
PLACE_MARK = 1e-3
_PLACE_BEFORE = frozenset({"in", "near", "в", "во", "у", "под", "около", "вблизи"})
_LOCATIVE = "ում"
# Name keys shaped like the region's surnames (Pashinian, Akopian, Lavrov, Aliev,
# Lukashenk): such a word opening a sentence ("Փաշինյանը չի ...") is a name all the same.
_SURNAME_ENDINGS = ("ian", "ov", "ev", "enk")
SMALL_NUMBER = 0.3
# Longest phrase of a concept matched, in words.
_MAX_PHRASE = 4

_MONTHS: dict[str, int] = {}
for _number, _forms in enumerate(
    [
        ("january", "jan", "января", "январь", "հունվարի", "հունվար"),
        ("february", "feb", "февраля", "февраль", "փետրվարի", "փետրվար"),
        ("march", "mar", "марта", "март", "մարտի", "մարտ"),
        ("april", "apr", "апреля", "апрель", "ապրիլի", "ապրիլ"),
        ("may", "мая", "май", "մայիսի", "մայիս"),
        ("june", "jun", "июня", "июнь", "հունիսի", "հունիս"),
        ("july", "jul", "июля", "июль", "հուլիսի", "հուլիս"),
        ("august", "aug", "августа", "август", "օգոստոսի", "օգոստոս"),
        ("september", "sep", "sept", "сентября", "сентябрь", "սեպտեմբերի", "սեպտեմբեր"),
        ("october", "oct", "октября", "октябрь", "հոկտեմբերի", "հոկտեմբեր"),
        ("november", "nov", "ноября", "ноябрь", "նոյեմբերի", "նոյեմբեր"),
        ("december", "dec", "декабря", "декабрь", "դեկտեմբերի", "դեկտեմբեր"),
    ],
    start=1,
):
    for _form in _forms:
        _MONTHS[_form] = _number


@dataclass(frozen=True)
class _Token:
    word: str  # as written
    folded: str
    start: int
    end: int


class Concepts:
    """Concept keys by the stems of their words and phrases."""

    # Concepts made of a topic's keywords are named so.
    topic_prefix = "~topic "

    def __init__(self, concepts: dict[str, list[str]]) -> None:
        self.single: dict[str, str] = {}
        self.phrases: dict[tuple[str, ...], str] = {}
        # Every word of a topic's keywords, phrases included ("collective", "treaty").
        self.topic_words: set[str] = set()
        for name, words in concepts.items():
            key = "~" + name.casefold()
            for word in [name, *words]:
                stems = tuple(stem(t) for t in words_of(word))
                if key.startswith(self.topic_prefix):
                    self.topic_words.update(s for s in stems if s not in STOP_WORDS)
                if len(stems) == 1:
                    self.single.setdefault(stems[0], key)
                elif 1 < len(stems) <= _MAX_PHRASE:
                    self.phrases.setdefault(stems, key)


@lru_cache(maxsize=1)
def bundled_concepts() -> Concepts:
    """News vocabulary and the bundled topics, as concepts."""
    text = resources.files("news").joinpath("concepts.toml").read_text(encoding="utf-8")
    table: dict[str, list[str]] = {
        entry["name"]: list(entry["words"]) for entry in tomllib.loads(text)["concept"]
    }
    for topic in load_topics():
        table.setdefault(Concepts.topic_prefix[1:] + topic.name, []).extend(topic.keywords)
    return Concepts(table)


def _cased_tokens(text: str) -> list[_Token]:
    """The words of a text already without inside marks, with where they stand."""
    return [
        _Token(m.group(), m.group().casefold().replace("ё", "е"), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]


def _is_place(tokens: list[_Token], index: int) -> bool:
    """Whether the name at `index` says where something happens; never a month ("in
    March") or an acronym ("in CSTO exercises")."""
    token = tokens[index]
    if token.folded in _MONTHS or token.word.isupper():
        return False
    if index > 0 and tokens[index - 1].folded in _PLACE_BEFORE:
        return True
    return token.folded.endswith(_LOCATIVE)


def _day(token: _Token | None) -> int | None:
    if token is None or not token.folded.isdigit() or len(token.folded) > 2:
        return None
    day = int(token.folded)
    return day if 1 <= day <= 31 else None


def event_terms(
    title: str, head: str, *, title_weight: float, concepts: Concepts | None = None
) -> tuple[Vector, Vector]:
    """(words, anchors): weighted term counts of a title and the top of a body."""
    concepts = concepts or bundled_concepts()
    words: Vector = {}
    anchors: Vector = {}
    texts = [(without_inside_marks(title), title_weight), (without_inside_marks(head), 1.0)]
    tokenised = [_cased_tokens(text) for text, _ in texts]
    # A capitalised word opening a sentence is a name when it is written so elsewhere.
    written_as_name = {
        token.folded
        for (text, _), tokens in zip(texts, tokenised, strict=True)
        for token in tokens
        if token.word[0].isupper() and not opens_sentence(text, token.start)
    }
    # ... or in another inflection ("Саакяна сообщил ..." beside "... Тиграна Саакяна").
    name_keys = {name_key(folded) for folded in written_as_name}
    name_keys.discard("")
    for (text, weight), tokens in zip(texts, tokenised, strict=True):
        _Reading(text, tokens, weight, concepts, written_as_name, name_keys, words, anchors).read()
    return words, anchors


def _add(vector: Vector, key: str, amount: float) -> None:
    vector[key] = vector.get(key, 0.0) + amount


@dataclass
class _Reading:
    """One text (a title or the top of a body) read into an article's words and anchors."""

    text: str
    tokens: list[_Token]
    weight: float
    concepts: Concepts
    written_as_name: set[str]
    name_keys: set[str]
    words: Vector
    anchors: Vector

    def read(self) -> None:
        tokens = self.tokens
        stems = [stem(token.folded) for token in tokens]
        used = self._dates()
        i = 0
        while i < len(tokens):
            if used[i]:
                i += 1
                continue
            matched = self._phrase(stems, used, i)
            if matched:
                i += matched
                continue
            token = tokens[i]
            i += 1
            if token.folded.isdigit():
                i = self._number(token, i)
                continue
            concept = self.concepts.single.get(stems[i - 1])
            if concept is not None:
                self._concept(concept, i - 1)
                continue
            if len(token.folded) < 2 or token.folded in STOP_WORDS:
                continue
            if token.word[0].isupper() and self._name(i - 1):
                continue
            # A capital that only opens a sentence ("Deputies said ...") is a word.
            _add(self.words, stems[i - 1], self.weight)

    def _dates(self) -> list[bool]:
        """Mark the dates, first: their day is not a number of its own. Which tokens they
        took."""
        tokens = self.tokens
        used = [False] * len(tokens)
        for i, token in enumerate(tokens):
            month = _MONTHS.get(token.folded)
            if month is None:
                continue
            before = _day(tokens[i - 1]) if i > 0 and not used[i - 1] else None
            after = _day(tokens[i + 1]) if i + 1 < len(tokens) else None
            day, at = (before, i - 1) if before is not None else (after, i + 1)
            if day is None:
                continue
            _add(self.anchors, f"{DATE_PREFIX}{month}-{day}", self.weight)
            used[i] = used[at] = True
        return used

    def _phrase(self, stems: list[str], used: list[bool], i: int) -> int:
        """The length of the longest concept phrase starting at `i` (counted), or 0."""
        for length in range(min(_MAX_PHRASE, len(self.tokens) - i), 1, -1):
            phrase = self.concepts.phrases.get(tuple(stems[i : i + length]))
            if phrase is not None and not any(used[i : i + length]):
                _add(self.words, phrase, self.weight)
                return length
        return 0

    def _number(self, token: _Token, i: int) -> int:
        """Count the number `token` opens; the index of the token after it."""
        tokens = self.tokens
        number = token.folded
        # "5.8" and "5,8" are one number: the decimal mark joins two digit tokens.
        if (
            i < len(tokens)
            and tokens[i].folded.isdigit()
            and tokens[i].start == token.end + 1
            and self.text[token.end] in ".,"
        ):
            number = f"{token.folded}.{tokens[i].folded}"
            i += 1
        # One digit is shared by chance (4 delegations, 4 buildings); longer numbers
        # (a 340 km section, a 5.8 quake) tell an event.
        share = self.weight if len(number) > 1 else self.weight * SMALL_NUMBER
        _add(self.anchors, "#" + number, share)
        return i

    def _concept(self, concept: str, index: int) -> None:
        token = self.tokens[index]
        acronym = len(token.word) > 1 and token.word.isupper()
        inside = token.word[0].isupper() and not opens_sentence(self.text, token.start)
        if (acronym or inside) and (concept.startswith(self.concepts.topic_prefix) or acronym):
            # A country, a city or a bloc written as a name (CSTO, ОДКБ, ՀԱՊԿ, Minsk)
            # says who or where, not what happened: an anchor, in every language.
            _add(self.anchors, concept, self.weight)
        else:
            _add(self.words, concept, self.weight)
        if inside and _is_place(self.tokens, index):
            # A place that is a topic (Moscow, Москве, Մոսկվայում): marked by its
            # concept and by its name key, since some forms are keywords and some not.
            for place in (concept, name_key(token.word)):
                if place:
                    _add(self.anchors, PLACE_PREFIX + place, PLACE_MARK)

    def _name(self, index: int) -> bool:
        """Count the capitalised word at `index` as a name, if it is one."""
        token = self.tokens[index]
        key = name_key(token.word)
        if not (
            not opens_sentence(self.text, token.start)
            or token.folded in self.written_as_name
            or key in self.name_keys
            or key.endswith(_SURNAME_ENDINGS)
        ):
            return False
        if key:
            _add(self.anchors, key, self.weight)
            if _is_place(self.tokens, index):
                _add(self.anchors, PLACE_PREFIX + key, PLACE_MARK)
        return True
