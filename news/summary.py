"""Sentences and leads: splitting that works for English, Russian and Armenian."""

from __future__ import annotations

import re

# Sentence ends: . ! ? … and the Armenian full stop "։" (also written as ":" by some sites),
# followed by space and a capital letter, digit, quote or opening bracket of any script.
_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?…։])[\"'»”)]?\s+(?=[\"'«“(\[]?[^\W_a-z])", re.UNICODE)
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "jr",
        "sr",
        "vs",
        "no",
        "inc",
        "ltd",
        "co",
        "corp",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "г",
        "гг",
        "т.е",
        "т.д",
        "им",
    }
)
# "YEREVAN, Nov 28 (Caucasus Wire) —" and similar datelines open many wire stories.
_DATELINE = re.compile(
    r"^[A-ZА-ЯЁԱ-Ֆ][A-ZА-ЯЁԱ-Ֆ .'-]{2,40},?\s*(\([^)]{1,40}\)\s*)?[-–—:]\s+"
    r"|^[A-ZА-ЯЁԱ-Ֆ][A-ZА-ЯЁԱ-Ֆa-zа-яёա-ֆ .'-]{2,40},\s+[^—–-]{1,30}\([^)]{1,40}\)\s*[-–—]\s+"
)


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        pending = ""
        for piece in _SENTENCE_BOUNDARY.split(paragraph):
            pending = f"{pending} {piece}".strip() if pending else piece.strip()
            last_word = pending.rsplit(" ", 1)[-1].rstrip(".").casefold()
            is_initial = len(last_word) == 1 and last_word.isalpha()
            if last_word in _ABBREVIATIONS or is_initial:
                continue
            sentences.append(pending)
            pending = ""
        if pending:
            sentences.append(pending)
    return sentences


def strip_dateline(sentence: str) -> str:
    return _DATELINE.sub("", sentence, count=1).strip()


def lead_sentence(text: str, *, fallback: str = "", max_chars: int = 300) -> str:
    """The first real sentence of an article, without its dateline; a very long one is cut
    at a word boundary."""
    for sentence in split_sentences(text or fallback):
        sentence = strip_dateline(sentence)
        if len(sentence) < 25:
            continue
        if len(sentence) > max_chars:
            sentence = sentence[:max_chars].rsplit(" ", 1)[0].rstrip(",;:-") + "…"
        return sentence
    return ""
