"""Topics and their keywords: loading the TOML file, and tagging text with topic names.

Matching is literal, case-insensitive and on whole words in any script: a keyword matches
where the characters around it are not letters or digits ("Armen" is not in "Armenian").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

BUNDLED_TOPICS = "topics.toml"
_ALLOWED_KEYS = frozenset({"name", "keywords"})
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Topic:
    name: str
    keywords: tuple[str, ...]


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
        raise _error(where, f"topic #{number}: unknown key {unknown[0]!r} (use name, keywords)")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _error(where, f"topic #{number}: name must be a non-empty string")
    name = " ".join(name.split())
    keywords = table.get("keywords", [])
    if not isinstance(keywords, list) or not all(
        isinstance(k, str) and k.strip() for k in keywords
    ):
        raise _error(where, f"topic {name!r}: keywords must be a list of non-empty strings")
    unique = dict.fromkeys(" ".join(k.split()) for k in keywords)
    return Topic(name=name, keywords=tuple(unique))


# --- matching -------------------------------------------------------------------------------


def _fold(text: str) -> str:
    # NFC first so a letter typed as base + combining mark equals its precomposed form.
    return unicodedata.normalize("NFC", text).casefold()


def _keyword_pattern(folded: str) -> re.Pattern[str]:
    # Escaped word by word: keywords are literal text, never regular expressions.
    body = r"\s+".join(re.escape(word) for word in folded.split())
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


class TopicMatcher:
    """Tags texts with topic names. Built once per topic set; `match` is cheap: a keyword
    is only tried with its regex when its first word occurs among the text's words."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._names: list[str] = []
        by_keyword: dict[str, list[int]] = {}
        for topic in topics:
            if topic.name in self._names:
                index = self._names.index(topic.name)
            else:
                index = len(self._names)
                self._names.append(topic.name)
            # The topic's own name always counts as one of its keywords.
            for keyword in (topic.name, *topic.keywords):
                folded = " ".join(_fold(keyword).split())
                if folded and index not in by_keyword.setdefault(folded, []):
                    by_keyword[folded].append(index)
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
        return [name for index, name in enumerate(self._names) if index in found]
