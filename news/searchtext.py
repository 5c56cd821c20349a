"""What the search index holds for an article beyond its words as written, and the snippet
shown for a hit.

Stems let "совещания" find "совещание"; name keys let "Pashinyan" find "Пашиняна" and
"Փաշինյանը". Only capitalised words count as names: a common word of one language that
happens to romanise like a word of another must not join them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from news.names import name_key
from news.stems import stem, stemmed_text
from news.stopwords import ALL as STOP_WORDS
from news.textstats import script_language, without_inside_marks

# A name key this short says too little to join scripts (ОН / on, ЕС / es); the index
# and a query (news.searchquery) keep the same ones.
MIN_NAME_KEY = 4
SNIPPET_WORDS = 18
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class IndexedText:
    """The stemmed columns of one article and the name keys it mentions, by script."""

    title: str
    body: str
    names: str
    name_scripts: frozenset[tuple[str, str]]


def index_text(title: str, body: str) -> IndexedText:
    keys: list[str] = []
    scripts: set[tuple[str, str]] = set()
    for text in (title, body):
        for match in _WORD.finditer(without_inside_marks(text)):
            word = match.group()
            if not word[0].isupper() or word.casefold() in STOP_WORDS:
                continue
            key = name_key(word)
            if len(key) >= MIN_NAME_KEY:
                keys.append(key)
                scripts.add((key, script_language(word.casefold())))
    return IndexedText(
        title=stemmed_text(title),
        body=stemmed_text(body),
        names=" ".join(keys),
        name_scripts=frozenset(scripts),
    )


def snippet(
    text: str,
    *,
    words: Collection[str],
    stems: Collection[str] = (),
    keys: Collection[str] = (),
    start_mark: str,
    end_mark: str,
    size: int = SNIPPET_WORDS,
) -> str:
    """About `size` words of `text` around its first matched word, every matched word
    between the marks: a word matches as written (casefolded), by its stem or by its name
    key. The text's start when nothing matches."""
    text = without_inside_marks(text)
    found = list(_WORD.finditer(text))
    if not found:
        return ""

    def hit(word: str) -> bool:
        folded = word.casefold().replace("ё", "е")
        if folded in words or (stems and stem(folded) in stems):
            return True
        return bool(keys) and word[0].isupper() and name_key(word) in keys

    first = next((i for i, match in enumerate(found) if hit(match.group())), 0)
    low = max(0, first - size // 3)
    high = min(len(found), low + size)
    out: list[str] = ["…"] if low > 0 else []
    cursor = found[low].start()
    for match in found[low:high]:
        out.append(text[cursor : match.start()])
        out.append(
            f"{start_mark}{match.group()}{end_mark}" if hit(match.group()) else match.group()
        )
        cursor = match.end()
    tail = text[cursor : found[high].start()] if high < len(found) else text[cursor:]
    out.append(tail if high == len(found) else tail.rstrip() + " …")
    return " ".join("".join(out).split())
