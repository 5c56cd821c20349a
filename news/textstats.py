"""Words of English, Russian and Armenian text, as comparable terms.

`tokens` casefolds and splits on anything that is not a letter or digit; `terms` also drops
stop words and folds word forms together with a crude normaliser, so that "talks" matches
"talk", "саммита" matches "саммит" and "Փաշինյանը" matches "Փաշինյանի".
"""

from __future__ import annotations

import re
from functools import lru_cache

from news.stopwords import ALL as STOP_WORDS

# Armenian emphasis, exclamation and question marks sit inside the word they stress
# ("ինչո՞ւ"); the soft hyphen and zero-width characters hide inside words copied from pages.
_INSIDE_WORD = re.compile("[\u055b\u055c\u055e\u00ad\u200b\u200c\u200d\u2060]")
_WORD = re.compile(r"[^\W_]+")

_CYRILLIC_FIRST, _CYRILLIC_LAST = "\u0400", "\u04ff"
_ARMENIAN_FIRST, _ARMENIAN_LAST = "\u0530", "\u058f"

# Longest first. Russian endings of nouns and adjectives; "ов"/"ев" are left out because
# they also end surnames (Лавров, Алиев) that must keep their identity.
_RUSSIAN_ENDINGS = (
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими",
    "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ую", "юю",
    "ах", "ях", "ам", "ям", "ом", "ем", "ию", "ия", "ии",
    "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
)  # fmt: skip
# Armenian plural, case and article suffixes. "ն" and "ին" are left out: too many stems end
# in them (Փաշինյան, Պուտին) for a blind trim to be right.
_ARMENIAN_ENDINGS = (
    "ներից", "ներում", "ներով", "ներին", "ների", "ները", "ներն", "ներ",
    "երից", "երում", "երով", "երին", "երի", "երը", "երն", "եր",
    "ից", "ում", "ով", "ի", "ը",
)  # fmt: skip
# English words whose final "s" is not a plural.
_KEEP_S = frozenset(
    {"news", "series", "species", "always", "perhaps", "whereas", "means", "lens", "gas",
     "bus", "plus", "status", "census", "focus", "bonus", "virus", "campus", "crisis",
     "analysis", "basis", "thesis", "tennis", "chaos", "kudos", "ethos", "atlas"}
)  # fmt: skip


def without_inside_marks(text: str) -> str:
    """The text without marks that sit inside words (Armenian stress marks, soft hyphens,
    zero-width characters), so a word reads as one."""
    return _INSIDE_WORD.sub("", text)


def tokens(text: str) -> list[str]:
    """Casefolded runs of letters and digits, in text order; "ё" reads as "е"."""
    folded = _INSIDE_WORD.sub("", text).casefold().replace("ё", "е")
    return _WORD.findall(folded)


def script_language(word: str) -> str:
    """The language ("ru", "hy" or "en") whose word forms fit the word's first letter."""
    first = word[:1]
    if _CYRILLIC_FIRST <= first <= _CYRILLIC_LAST:
        return "ru"
    if _ARMENIAN_FIRST <= first <= _ARMENIAN_LAST:
        return "hy"
    return "en"


@lru_cache(maxsize=65536)
def normalize(token: str) -> str:
    """A casefolded token's comparable form: plural and case endings trimmed, crudely."""
    language = script_language(token)
    if language == "ru":
        return trim_ending(token, _RUSSIAN_ENDINGS, min_stem=4)
    if language == "hy":
        return trim_ending(token, _ARMENIAN_ENDINGS, min_stem=3)
    if len(token) <= 3 or not token.endswith("s") or token in _KEEP_S:
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("ss", "us", "is")):
        return token
    return token[:-1]


def trim_ending(token: str, endings: tuple[str, ...], *, min_stem: int) -> str:
    """`token` less the first of `endings` it ends in that leaves `min_stem` letters."""
    for ending in endings:
        if token.endswith(ending) and len(token) - len(ending) >= min_stem:
            return token[: -len(ending)]
    return token


def terms(text: str) -> list[str]:
    """Content terms of `text` in order: tokens that are neither stop words nor single
    characters, normalised."""
    return [
        normalize(token) for token in tokens(text) if len(token) > 1 and token not in STOP_WORDS
    ]


def first_lines(text: str, limit: int) -> list[str]:
    """The non-blank lines of `text` that hold about its first `limit` words, the last one
    cut short (cheaper than tokenising a long body whole)."""
    lines: list[str] = []
    left = limit
    # An average word is under 8 characters, so this slice holds `limit` words and keeps
    # long bodies from being scanned whole.
    for line in text[: limit * 12].split("\n"):
        words = line.split(None, left)
        if not words:
            continue
        lines.append(" ".join(words[:left]))
        left -= len(words)
        if left <= 0:
            break
    return lines


_SENTENCE_OPENERS = ".!?…։\n"
_OPENING_QUOTES = " \t\"'«“„‘(["


def opens_sentence(text: str, index: int) -> bool:
    """Whether the word at `index` of `text` opens a sentence (quotes and brackets before it
    aside)."""
    index -= 1
    while index >= 0 and text[index] in _OPENING_QUOTES:
        index -= 1
    return index < 0 or text[index] in _SENTENCE_OPENERS
