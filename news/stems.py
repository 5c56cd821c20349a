"""Snowball stems of English, Russian and Armenian words, for search and matching.

A word is stemmed by its script, not by its article's language: a Latin name inside a
Russian report stays an English word. Stems are index keys, never words to show.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from news.textstats import script_language, tokens, trim_ending

# snowballstemmer hands out PyStemmer's C stemmers when that package is installed.
_STEMMERS = {
    language: snowballstemmer.stemmer(language) for language in ("english", "russian", "armenian")
}
_SNOWBALL = {"en": "english", "ru": "russian", "hy": "armenian"}


# Armenian plural, case and article endings, trimmed before the Armenian Snowball stemmer:
# alone it leaves short words' endings on (բերքը, բերքի, բերքին: three stems) and cuts some
# others to the bone (Կապանում -> կա, the stem of կայուն). Longest of each family first.
_ARMENIAN_ENDINGS = ("ներից", "ներում", "ներով", "ներին", "ների", "ները", "ներն", "ներ",
                     "երից", "երում", "երով", "երին", "երի", "երը", "երն", "եր",
                     "ից", "ում", "ով", "ին", "ի", "ը", "ն")  # fmt: skip
_MIN_STEM = 3


def _armenian(token: str) -> str:
    trimmed = trim_ending(token, _ARMENIAN_ENDINGS, min_stem=_MIN_STEM)
    stemmed: str = _STEMMERS["armenian"].stemWord(trimmed)
    return stemmed if len(stemmed) >= _MIN_STEM else trimmed


@lru_cache(maxsize=131072)
def stem(token: str) -> str:
    """The Snowball stem of one casefolded token (as `textstats.tokens` gives it); digits
    and one-letter tokens are their own stem. Armenian words lose their case or article
    ending first (see _ARMENIAN_ENDINGS)."""
    if len(token) < 2 or token.isdigit():
        return token
    language = script_language(token)
    if language == "hy":
        return _armenian(token)
    stemmed: str = _STEMMERS[_SNOWBALL[language]].stemWord(token)
    return stemmed or token


def stems(text: str) -> list[str]:
    """The stems of every token of `text`, in order."""
    return [stem(token) for token in tokens(text)]


def stemmed_text(text: str) -> str:
    """`text` as a space-separated run of stems: what a stemmed full-text column holds."""
    return " ".join(stems(text))
