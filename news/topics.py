"""Topics and their keywords: loading the TOML file, and tagging text with topic names.

Matching is literal, case-insensitive and on whole words in any script: a keyword matches
where the characters around it are not letters or digits ("Armen" is not in "Armenian").
A keyword marked `stem` also matches the inflected forms of its words, word by word, by their
Snowball stems ("совещание" matches "совещания", "border commission" matches "border
commissions"); acronyms and words of up to three letters in it stay literal (ЕС, CSTO).
Never a regular expression from users.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from news.stems import stem
from news.textstats import tokens, without_inside_marks

BUNDLED_TOPICS = "topics.toml"
_ALLOWED_KEYS = frozenset({"name", "keywords", "stem"})
_KEYWORD_KEYS = frozenset({"text", "stem"})
_WORDS = re.compile(r"[^\W_]+")
# A word this short, or written in capitals, is an acronym or a particle: never stemmed.
_LITERAL_LENGTH = 3


@dataclass(frozen=True)
class Topic:
    name: str
    keywords: tuple[str, ...]
    # The keywords (among `keywords`) that also match their inflected forms.
    stemmed: tuple[str, ...] = ()


class TopicsFileError(Exception):
    """A topics file that cannot be used; the message is one line naming file and problem."""


def load_topics(path: Path | None = None) -> list[Topic]:
    """Topics from a TOML file of `[[topic]]` tables (name, keywords); the bundled
    topics when `path` is None. Raises TopicsFileError for anything unusable."""
    if path is None:
        where = f"bundled {BUNDLED_TOPICS}"
        text = resources.files("news").joinpath(BUNDLED_TOPICS).read_text(encoding="utf-8")
    else:
        where = str(path)
        try:
            text = Path(path).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise _error(where, "not UTF-8 text") from None
        except OSError as exc:
            raise _error(where, f"cannot read it ({exc.strerror or exc})") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _error(where, f"invalid TOML: {exc}") from None
    return _topics_from(document, where)


def _error(where: str, problem: str) -> TopicsFileError:
    return TopicsFileError(" ".join(f"topics file {where}: {problem}".split()))


def _topics_from(document: dict[str, object], where: str) -> list[Topic]:
    extra = sorted(set(document) - {"topic"})
    if extra:
        raise _error(where, f"unknown top-level key {extra[0]!r} (expected [[topic]] tables)")
    tables = document.get("topic")
    if not isinstance(tables, list) or not tables:
        raise _error(where, "no [[topic]] tables")
    topics: list[Topic] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        topic = _topic_from(table, where, number)
        folded = topic.name.casefold()
        if folded in seen:
            raise _error(where, f"topic {topic.name!r} is defined twice")
        seen.add(folded)
        topics.append(topic)
    return topics


def _topic_from(table: object, where: str, number: int) -> Topic:
    if not isinstance(table, dict):
        raise _error(where, f"topic #{number} is not a table")
    unknown = sorted(set(table) - _ALLOWED_KEYS)
    if unknown:
        raise _error(
            where, f"topic #{number}: unknown key {unknown[0]!r} (use name, keywords, stem)"
        )
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _error(where, f"topic #{number}: name must be a non-empty string")
    name = " ".join(name.split())
    stem_all = table.get("stem", False)
    if not isinstance(stem_all, bool):
        raise _error(where, f"topic {name!r}: stem must be true or false")
    keywords = table.get("keywords", [])
    problem = f"topic {name!r}: keywords must be a list of non-empty strings or tables"
    if not isinstance(keywords, list):
        raise _error(where, problem)
    unique: dict[str, bool] = {}
    for keyword in keywords:
        text, stemmed = _keyword_from(keyword, stem_all, where=where, problem=problem)
        folded = " ".join(text.split())
        unique[folded] = unique.get(folded, False) or stemmed
    return Topic(
        name=name,
        keywords=tuple(unique),
        stemmed=tuple(keyword for keyword, stemmed in unique.items() if stemmed),
    )


def _keyword_from(keyword: object, stem_all: bool, *, where: str, problem: str) -> tuple[str, bool]:
    """(text, stemmed) of one keyword: a string, or a table `{ text = "...", stem = true }`."""
    if isinstance(keyword, str) and keyword.strip():
        return keyword, stem_all
    if not isinstance(keyword, dict):
        raise _error(where, problem)
    unknown = sorted(set(keyword) - _KEYWORD_KEYS)
    if unknown:
        raise _error(where, f"{problem}; unknown key {unknown[0]!r} (use text, stem)")
    text = keyword.get("text")
    stemmed = keyword.get("stem", stem_all)
    if not isinstance(text, str) or not text.strip() or not isinstance(stemmed, bool):
        raise _error(where, f"{problem}: a table needs text (a string) and stem (true/false)")
    return text, stemmed


# --- matching -------------------------------------------------------------------------------


def _fold(text: str) -> str:
    # NFC first so a letter typed as base + combining mark equals its precomposed form.
    return unicodedata.normalize("NFC", text).casefold()


def _keyword_pattern(folded: str) -> re.Pattern[str]:
    # Escaped word by word: keywords are literal text, never regular expressions.
    body = r"\s+".join(re.escape(word) for word in folded.split())
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


# One word of a stemmed keyword: (True, stem) matches any form, (False, word) only itself.
_WordForm = tuple[bool, str]


def _stemmed_forms(keyword: str) -> tuple[_WordForm, ...]:
    """The word forms a stemmed keyword matches: acronyms and short words stay literal."""
    keyword = unicodedata.normalize("NFC", keyword)
    written = _WORDS.findall(without_inside_marks(keyword))
    forms: list[_WordForm] = []
    for original, token in zip(written, tokens(keyword), strict=False):
        literal = len(token) <= _LITERAL_LENGTH or (original.isupper() and len(original) > 1)
        forms.append((False, token) if literal or token.isdigit() else (True, stem(token)))
    return tuple(forms)


class TopicMatcher:
    """Tags texts with topic names. Built once per topic set; `match` is cheap: a keyword
    is only tried with its regex when its first word occurs among the text's words, and a
    stemmed keyword only where its first word's stem does."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._names: list[str] = []
        by_keyword: dict[str, list[int]] = {}
        by_forms: dict[tuple[_WordForm, ...], list[int]] = {}
        for topic in topics:
            if topic.name in self._names:
                index = self._names.index(topic.name)
            else:
                index = len(self._names)
                self._names.append(topic.name)
            stemmed = {" ".join(_fold(keyword).split()) for keyword in topic.stemmed}
            # The topic's own name always counts as one of its keywords.
            for keyword in (topic.name, *topic.keywords):
                folded = " ".join(_fold(keyword).split())
                forms = _stemmed_forms(keyword) if folded in stemmed else ()
                if any(is_stem for is_stem, _ in forms):
                    if index not in by_forms.setdefault(forms, []):
                        by_forms[forms].append(index)
                elif folded and index not in by_keyword.setdefault(folded, []):
                    by_keyword[folded].append(index)
        # First word form -> the stemmed keywords starting with it.
        self._by_form: dict[_WordForm, list[tuple[tuple[_WordForm, ...], list[int]]]] = {}
        for forms, indexes in by_forms.items():
            self._by_form.setdefault(forms[0], []).append((forms, indexes))
        # Stemming every word of every text is slow; only words that start like the first
        # word of a stemmed keyword are stemmed (Snowball only rewrites the end of a word, so
        # a form shares the start of its stem but for the last letter).
        starts = sorted(
            {text[: max(1, len(text) - 1)] if is_stem else text for is_stem, text in self._by_form}
        )
        self._stem_starts = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, starts)) + r")[^\W_]*")
            if starts
            else None
        )
        self._by_anchor: dict[str, list[tuple[re.Pattern[str], list[int]]]] = {}
        # Keywords with no letters or digits ("+++") have no word to look up; always tried.
        self._unanchored: list[tuple[re.Pattern[str], list[int]]] = []
        for folded, indexes in by_keyword.items():
            entry = (_keyword_pattern(folded), indexes)
            words = _WORDS.findall(folded)
            if words:
                self._by_anchor.setdefault(words[0], []).append(entry)
            else:
                self._unanchored.append(entry)

    def match(self, *texts: str) -> list[str]:
        """Names of all topics with a keyword in any of `texts`, in topic order."""
        found: set[int] = set()
        for text in texts:
            if not text:
                continue
            folded = _fold(text)
            candidates = [
                entry
                for word in set(_WORDS.findall(folded)) & self._by_anchor.keys()
                for entry in self._by_anchor[word]
            ]
            for pattern, indexes in (*candidates, *self._unanchored):
                if not found.issuperset(indexes) and pattern.search(folded):
                    found.update(indexes)
            if self._stem_starts is not None:
                self._match_stemmed(_token_text(folded), found)
        return [name for index, name in enumerate(self._names) if index in found]

    def _match_stemmed(self, text: str, found: set[int]) -> None:
        assert self._stem_starts is not None
        for candidate in self._stem_starts.finditer(text):
            word = candidate.group()
            for first in ((False, word), (True, stem(word))):
                for keyword, indexes in self._by_form.get(first, ()):
                    if not found.issuperset(indexes) and _follows(text, candidate.end(), keyword):
                        found.update(indexes)


def _token_text(folded: str) -> str:
    """Casefolded text spelt as `textstats.tokens` spells words (no marks inside words,
    "ё" as "е"), so its words are the tokens stemmed keywords were made of."""
    return without_inside_marks(folded).replace("ё", "е")


def _follows(text: str, end: int, keyword: tuple[_WordForm, ...]) -> bool:
    """The words right after `end` in `text` (apart only by spaces) are the rest of a
    stemmed keyword's words."""
    words = _WORDS.finditer(text, end)
    for wanted in keyword[1:]:
        match = next(words, None)
        if match is None or not text[end : match.start()].isspace():
            return False
        word = match.group()
        if wanted not in ((False, word), (True, stem(word))):
            return False
        end = match.end()
    return True
