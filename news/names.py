"""One key for a name however it is written: Pashinyan, Пашинян, Пашиняна, Փաշինյան,
Փաշինյանը all give "pashinian".

The key is made in four steps: the case or article ending of the word's own language is
trimmed (Тасмагамбетовым, Երևանում), the word is romanised with anyascii (the most
consistent romaniser for Russian and Armenian; see shared notes), the spelling is folded where
the scripts differ in sound (Yerevan / Erevan, Hovhannisyan / Ованнисян, Gyumri / Gyowmri),
and trailing vowels go, which also takes away single-vowel case endings (Минска, Армении,
Lukashenko / Лукашенко). Keys are for comparing, never for showing.

Acronyms of different languages (CSTO, ОДКБ, ՀԱՊԿ) never meet by spelling: the topics file
lists them as one concept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from news.textstats import script_language, tokens, trim_ending

# Consonant-led Russian case endings, longest first. Single-vowel endings are left to the
# trailing-vowel trim after romanising, which treats every language alike. "ов"/"ев"/"ин"
# end surnames (Лавров, Алиев, Путин) and are never trimmed.
_RUSSIAN_ENDINGS = ("ыми", "ими", "ами", "ями", "ого", "его", "ому", "ему",
                    "ым", "им", "ом", "ем", "ой", "ей", "ах", "ях")  # fmt: skip
# Armenian case, plural and article endings; "ն" is left out: names end in it (Փաշինյան);
# so is the instrumental "ով": Russian surnames end in it (Լավրով, Բայրամով).
_ARMENIAN_ENDINGS = ("ներից", "ներում", "ներով", "ներին", "ների", "ները", "ներ",
                     "ից", "ում", "ին", "ի", "ը")  # fmt: skip
_MIN_STEM = 3
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# Digraphs whose "h" is a sound of its own; any other "h" is dropped, since Russian writes
# Armenian and English "h" as nothing or as "г". ("zh" is folded into "j" before this.)
_DIGRAPHS = (("sh", "\x01"), ("ch", "\x02"))
_VOWELS = "aeiou"
_STOPS = str.maketrans("bgd", "pkt")


def _fold(romanised: str) -> str:
    key = _NOT_LETTERS.sub("", romanised.lower())
    if key.startswith("ye"):
        key = key[1:]
    # Inside a word "ye" is the Russian "е" as English writes it (Savelyev, Савельев).
    # Russian writes the English and Armenian "j" as "дж" (Иджеван) or "ж" (Дилижан).
    key = key.replace("ye", "e").replace("dzh", "j").replace("zh", "j")
    key = key.replace("kh", "x").replace("ts", "c").replace("tz", "c")
    key = key.replace("ow", "u").replace("w", "v")
    for digraph, mark in _DIGRAPHS:
        key = key.replace(digraph, mark)
    key = key.replace("h", "")
    for digraph, mark in _DIGRAPHS:
        key = key.replace(mark, digraph)
    key = key.replace("y", "i").replace("j", "i")
    # Russian writes Armenian voiced stops unvoiced and back (Hakobyan / Акопян,
    # Gevorgyan / Геворкян): one letter for each pair.
    key = key.translate(_STOPS)
    key = _DOUBLED.sub(r"\1", key)
    while len(key) > _MIN_STEM and key[-1] in _VOWELS:
        key = key[:-1]
    return key


@lru_cache(maxsize=131072)
def name_key(word: str) -> str:
    """The script-independent key of one word of a name; "" for a word with no letters."""
    folded = word.casefold().replace("ё", "е")
    language = script_language(folded)
    if language == "ru":
        folded = trim_ending(folded, _RUSSIAN_ENDINGS, min_stem=_MIN_STEM)
    elif language == "hy":
        folded = trim_ending(folded, _ARMENIAN_ENDINGS, min_stem=_MIN_STEM)
    elif folded.endswith("'s"):
        folded = folded[:-2]
    return _fold(anyascii(folded))


def name_keys(text: str) -> list[str]:
    """The name key of every word of `text`, in order (words without letters left out)."""
    return [key for key in map(name_key, tokens(text)) if key]
