"""Readers' own alerts: a phrase typed by a reader, turned into literal keywords for the
topic matcher (news/topics.py), never into a regular expression.

`Upper Lars` is one phrase (its words together, in that order); commas separate
alternatives (`Upper Lars, Верхний Ларс`); a "quoted phrase" stays whole even with a comma
inside. Matching is the topics' own: case-insensitive, whole words, any script.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from news.stopwords import ALL as STOP_WORDS
from news.topics import Topic, TopicMatcher

MAX_ALERT_CHARS = 100
MAX_ALERTS_PER_CHAT = 20
_PART = re.compile(r'"([^"]*)"|([^,"]+)|(,)|(")')
_WORD = re.compile(r"[^\W_]", re.UNICODE)
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class AlertPhrase:
    alternatives: tuple[str, ...]

    @property
    def text(self) -> str:
        """How the alert is shown and stored: its alternatives, comma-separated, with the
        ones holding a comma quoted so the text parses back the same."""
        return ", ".join(f'"{a}"' if "," in a else a for a in self.alternatives)

    @property
    def key(self) -> str:
        """Equal for alerts that match the same texts: case and spacing folded."""
        return fold(self.text)


class AlertProblem(ValueError):
    """Why a text is not an alert: 'empty', 'too_long', 'no_words' or 'too_common'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def parse_alert(text: str, *, refuse_common: bool = True) -> AlertPhrase:
    """The alert a reader typed; raises AlertProblem when it is empty, longer than
    MAX_ALERT_CHARS, or an alternative has no letter or digit (punctuation only) or, with
    `refuse_common`, only very common words (not when removing an alert saved before
    such alerts were refused)."""
    # Invisible format characters (bidi overrides, zero-width marks) are dropped: an
    # override would turn the rest of every line that shows the alert around.
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    cleaned = " ".join(unicodedata.normalize("NFC", visible).split())
    if not cleaned.strip(' ,"'):
        raise AlertProblem("empty")
    if len(cleaned) > MAX_ALERT_CHARS:
        raise AlertProblem("too_long")
    alternatives: list[str] = []
    current: list[str] = []
    for quoted, plain, comma, stray in _PART.findall(cleaned):
        if comma:
            alternatives.append(" ".join(current))
            current = []
        elif stray:
            continue  # an unmatched quote mark: the words around it still count
        else:
            current.append(quoted or plain)
    alternatives.append(" ".join(current))
    kept = [" ".join(a.split()) for a in alternatives if a.strip()]
    if not kept:
        raise AlertProblem("empty")
    if any(not _WORD.search(a) for a in kept):
        raise AlertProblem("no_words")
    if refuse_common and any(too_common(a) for a in kept):
        raise AlertProblem("too_common")
    unique = dict.fromkeys(kept)
    folded_seen: dict[str, str] = {}
    for alternative in unique:
        folded_seen.setdefault(fold(alternative), alternative)
    return AlertPhrase(tuple(folded_seen.values()))


def too_common(alternative: str) -> bool:
    """Only very common words ("the", "и") or a single character: such an alert would
    match nearly every story and turn the whole archive's flow into pushes."""
    words = _WORDS.findall(fold(alternative))
    return len("".join(words)) < 2 or all(word in STOP_WORDS for word in words)


class AlertMatcher:
    """Which alerts a text matches. Alerts with the same key (the same phrase followed by
    several chats) are matched once. Built on TopicMatcher, so alerts match exactly as
    topic keywords do, and gain whatever it learns (stems, say) with no change here."""

    def __init__(self, alerts: Iterable[tuple[int, str]]) -> None:
        self._ids: dict[str, list[int]] = {}
        phrases: dict[str, AlertPhrase] = {}
        for alert_id, text in alerts:
            try:
                phrase = parse_alert(text)
            except AlertProblem:
                continue
            self._ids.setdefault(phrase.key, []).append(alert_id)
            phrases.setdefault(phrase.key, phrase)
        # The key is the topic's name, which TopicMatcher also tries as a keyword: a key
        # is its alternatives joined by commas, so it can only match where its first
        # alternative already does.
        self._matcher = TopicMatcher(Topic(key, p.alternatives) for key, p in phrases.items())

    def __len__(self) -> int:
        return len(self._ids)

    def match(self, *texts: str) -> list[int]:
        if not self._ids:
            return []
        return [alert_id for key in self._matcher.match(*texts) for alert_id in self._ids[key]]
