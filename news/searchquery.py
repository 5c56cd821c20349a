"""What a reader typed after /search, read into terms: words, "quoted phrases" and -excluded
words, each with its stems and name keys. Pure: the storage layer turns a parsed query into
its own full-text syntax, so no character a person types ever reaches SQL or FTS as syntax.

Anything goes in: unbalanced quotes, a lone "-", 4,000 characters, right-to-left marks,
control characters. Words are runs of letters and digits as `textstats.tokens` gives them,
so punctuation is only ever a separator.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from news.names import name_key
from news.searchtext import MIN_NAME_KEY
from news.stems import stem
from news.stopwords import ALL as STOP_WORDS
from news.textstats import script_language, tokens

MAX_QUERY_CHARS = 600
MAX_TERMS = 12
MAX_EXCLUDED = 6
MAX_PHRASE_WORDS = 8
MAX_WORD_CHARS = 64
_QUOTES = frozenset('"“”„«»‟″')
_MINUS = frozenset("-−–—")  # a reader's minus may come out as a dash on a phone keyboard


@dataclass(frozen=True)
class Term:
    """One word, or a phrase whose words must stand together in this order; casefolded."""

    words: tuple[str, ...]
    quoted: bool = False

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(word) for word in self.words)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Name keys of the words ("" for a word too short to be a name)."""
        out = []
        for word in self.words:
            key = name_key(word) if not word.isdigit() else ""
            out.append(key if len(key) >= MIN_NAME_KEY else "")
        return tuple(out)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class SearchQuery:
    required: tuple[Term, ...]
    excluded: tuple[Term, ...] = ()
    # The language whose script most of the query's words are in: "en", "ru" or "hy".
    language: str = "en"
    # The reader typed words, but only words too common to search for ("the", "и", "և").
    only_common: bool = False

    @property
    def empty(self) -> bool:
        return not self.required


def parse_query(text: str) -> SearchQuery:
    """The terms of a search query. Unquoted words are required, each on its own (a
    hyphenated or apostrophised word is a phrase: Nagorno-Karabakh); quoted words are one
    phrase; a word or phrase right after a minus sign is excluded. Stop words are left out
    of unquoted words, unless they are all the query has."""
    required: list[Term] = []
    excluded: list[Term] = []
    common: list[Term] = []
    for chunk, quoted, negated in _chunks(_clean(text)):
        if quoted:
            _add(excluded if negated else required, _term(tokens(chunk), quoted=True))
            continue
        for piece in chunk.split():
            minus = piece[0] in _MINUS
            words = tokens(piece[1:] if minus else piece)
            term = _term(words, quoted=False)
            if term is None:
                continue
            if minus:
                _add(excluded, term)
            elif len(term.words) == 1 and term.words[0] in STOP_WORDS:
                _add(common, term)
            else:
                _add(required, term)
    only_common = not required and bool(common)
    required = required[:MAX_TERMS]
    excluded = [t for t in excluded if t not in required][:MAX_EXCLUDED]
    return SearchQuery(
        required=tuple(required),
        excluded=tuple(excluded),
        language=_language(required or common),
        only_common=only_common,
    )


def _clean(text: str) -> str:
    """NFC, bounded, with format characters (right-to-left marks, zero-width joiners)
    dropped and control characters read as spaces."""
    text = unicodedata.normalize("NFC", text[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        out.append(" " if category in ("Cc", "Zl", "Zp") else char)
    return "".join(out)


def _chunks(text: str) -> Iterable[tuple[str, bool, bool]]:
    """(text, quoted, negated) runs: quote marks of any style open and close a phrase; an
    unclosed quote runs to the end. A quoted run is negated by a minus just before it."""
    buffer: list[str] = []
    quoted = False
    negated = False
    for char in text:
        if char not in _QUOTES:
            buffer.append(char)
            continue
        run = "".join(buffer)
        buffer = []
        if quoted:
            yield run, True, negated
            negated = False
        else:
            # `-"border commission"`: the minus touching the quote negates the phrase.
            stripped = run.rstrip()
            if stripped == run and run and run[-1] in _MINUS:
                negated = True
                run = run[:-1]
            yield run, False, False
        quoted = not quoted
    yield "".join(buffer), quoted, negated and quoted


def _term(words: Sequence[str], *, quoted: bool) -> Term | None:
    words = [word[:MAX_WORD_CHARS] for word in words][:MAX_PHRASE_WORDS]
    if not words:
        return None
    return Term(tuple(words), quoted=quoted and len(words) > 1)


def _add(terms: list[Term], term: Term | None) -> None:
    if term is not None and term not in terms:
        terms.append(term)


def _language(terms: Sequence[Term]) -> str:
    counts = Counter(
        script_language(word) for term in terms for word in term.words if not word.isdigit()
    )
    return counts.most_common(1)[0][0] if counts else "en"


# --- concepts: the keywords of one topic name one thing in every script -------------------


def concept_of(term: Term, concepts: Sequence[Sequence[str]]) -> tuple[Term, ...]:
    """The written forms of the concept `term` names, as terms: every capitalised keyword
    (a name or an acronym: CSTO, ОДКБ, ՀԱՊԿ, Armenia, Армения) of the first concept that has
    one equal to the term, word for word or stem for stem. Lower-case keywords ("trade",
    "budget") are topic cues, not names of the topic, and never join scripts."""
    for keywords in concepts:
        forms = _named_forms(tuple(keywords))
        if any(form.words == term.words or form.stems == term.stems for form in forms):
            return forms
    return ()


@lru_cache(maxsize=256)
def _named_forms(keywords: tuple[str, ...]) -> tuple[Term, ...]:
    """The capitalised keywords of one concept, as terms (made once per topic)."""
    names = [keyword for keyword in keywords if keyword[:1].isupper()]
    return tuple(dict.fromkeys(Term(tuple(words)) for words in map(tokens, names) if words))
