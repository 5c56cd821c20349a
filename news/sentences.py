"""Sentences of English, Russian and Armenian text, and which of them are fit to quote.

Splitting is rule based: a sentence ends at . ! ? … or the Armenian full stop "։" when the
next one starts like a sentence (a capital or a digit, maybe behind a quote or a dash).
Abbreviations, initials, dotted short forms (U.S., т.е.) and decimals do not end one.
"""

from __future__ import annotations

import re

from news.bylines import is_byline_or_dateline
from news.chrome import is_boilerplate_line


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A run of end marks with the quotes or brackets that close after them, before a space.
_END_MARKS = re.compile(r"[.!?…։:]+[\"'»”’)\]]*(?=\s)")
_CLOSERS = "\"'»”’)]"
_OPENERS = "\"'«“„‘([—–- "
# Short forms after which a "." does not end the sentence, whatever follows.
_ABBREVIATIONS = _words(
    """
    mr mrs ms messrs dr prof gen col lt sgt capt maj cmdr adm gov sen rep rev fr st jr sr hon
    pres supt insp vs inc ltd corp co dept univ approx est fig vol eds pp
    г гг им ул пр кв обл ст тыс млн млрд руб долл коп проф акад ген св см рис стр
    թթ պրն տկն դր պրոֆ ք փ մլն մլրդ հազ էջ
    """
)
# Short forms that do not end a sentence when a number follows ("No. 5", "Nov. 28").
_BEFORE_NUMBERS = _words(
    "no nos art p ch sec para jan feb mar apr jun jul aug sep sept oct nov dec № п"
)
# Short forms that end enumerations: a capital after them does start a new sentence.
_ENUMERATION_ENDS = frozenset({"etc", "т.д", "т.п", "др", "и.т.д"})
# U.S., e.g., т.е., մ.թ.ա. : letters and dots, no part longer than three letters.
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
_PARAGRAPHS = re.compile(r"\n")

# Datelines. A place in capitals ("YEREVAN", "ЕРЕВАН", "ԵՐԵՎԱՆ") or in title case, then a
# date and/or an agency, then a dash or a colon: "YEREVAN, Nov 28 (Caucasus Wire) —",
# "MOSCOW (Reuters) -", "ЕРЕВАН, 28 ноября —", "ԵՐԵՎԱՆ, 28 ՆՈՅԵՄԲԵՐԻ, ԱՐՄԵՆՊՐԵՍ:".
_UPPER = "A-ZА-ЯЁԱ-Ֆ"
_LETTER = "A-Za-zА-Яа-яЁёԱ-Ֆա-ֆև"
# Title case: one to three capitalised words ("Yerevan", "Nur-Sultan", "Upper Lars").
_PLACE = rf"[{_UPPER}][{_LETTER}.'’-]+(?: [{_UPPER}][{_LETTER}.'’-]+){{0,2}}"
_UPPER_PLACE = rf"[{_UPPER}][{_UPPER}.'’ -]{{2,30}}?"
_DATE = (
    r"(?:[^—–()/\[\]\n]{0,16}?\d[^—–()/\[\]\n]{0,24}?"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
)
# After a place in title case, only what reads as a date: "Nov 28", "28 ноября", "28.11.2026".
_WORD_DATE = rf"[{_LETTER}]{{3,12}}\.?"
_STRICT_DATE = (
    rf"(?:\d{{1,2}}\s+{_WORD_DATE}|{_WORD_DATE}\s+\d{{1,2}}|\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?"
    rf"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,?\s+\d{{4}})?"
)
# An agency's name starts with a capital: "(Caucasus Wire)", "/TASS/", not "(a member)".
_AGENCY = (
    rf"(?:\([{_UPPER}][^()\n]{{0,39}}\)|/[{_UPPER}][^/\n]{{0,39}}/"
    rf"|\[[{_UPPER}][^\]\n]{{0,39}}\])"
)
_DASH = r"(?:[—–]|-{1,2})"
_AFTER = r"(?:\s+|$)"
_DATELINES = (
    re.compile(rf"^{_PLACE}(?:,\s*{_STRICT_DATE})?\s*{_AGENCY}\s*(?:{_DASH}|:){_AFTER}"),
    re.compile(rf"^{_UPPER_PLACE}(?:,\s*{_DATE})?\s*{_AGENCY}\s*(?:{_DASH}|[:.]){_AFTER}"),
    re.compile(rf"^{_UPPER_PLACE},\s*{_DATE}\s*(?:{_DASH}|[.:]){_AFTER}"),
    re.compile(rf"^{_PLACE},\s*{_STRICT_DATE}\s*{_DASH}{_AFTER}"),
    re.compile(rf"^{_UPPER_PLACE}\s*{_DASH}{_AFTER}"),
)

# Lines no editor would quote in a summary: credits, footers, calls to action, links.
_CREDIT = re.compile(
    r"\(?(?:photo|photos|picture|image|video|file photo|source|credit|caption|editor'?s note|"
    r"correction|update|updated|reporting|writing|editing|additional reporting|"
    r"фото|видео|источник|автор|текст|լուսանկար\w*|տեսանյութ\w*|աղբյուր\w*)"
    r"(?:\s+(?:credit|courtesy))?\s*(?:[:՝]|by\b)",
    re.IGNORECASE,
)
_CREDIT_AT_END = re.compile(r"\((?:photo|фото|լուսանկար\w*)[^)]*\)\s*$", re.IGNORECASE)
_MARKER_WORDS = (
    "©", "all rights reserved", "click here", "newsletter", "follow us on", "read more:",
    "read also:", "see also:", "http://", "https://", "www.",
    "подписывайтесь", "подпишитесь", "читайте также", "все права защищены",
    "բաժանորդագրվեք", "կարդացեք նաև", "կարդացեք նաեւ", "բոլոր իրավունքները",
)  # fmt: skip
# One pattern: a single scan of the line instead of one per marker.
_MARKERS = re.compile("|".join(re.escape(m) for m in _MARKER_WORDS))
_EMAIL = re.compile(r"\S@\S+\.\w")
# Longer than any chrome line the site rules of news.chrome match.
_CHROME_LINE_MAX = 200
# A colon ends an Armenian sentence on sites that type it for "։".
_SENTENCE_END = re.compile(r"(?:[.!?…։]|(?<=[ա-ֆ]):)[\"'»”’)\]]*$")
MIN_WORDS = 3
MIN_CHARS = 15
MAX_CHARS = 400


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, whitespace folded; every line break ends one."""
    sentences: list[str] = []
    for paragraph in _PARAGRAPHS.split(text):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    # Armenian prose ends sentences with "։", where its "." is a colon-like mark or ends a
    # short form ("2026 թ."), so a "." after Armenian letters only counts without any "։".
    armenian_stops = "։" in paragraph
    out: list[str] = []
    start = 0
    for match in _END_MARKS.finditer(paragraph):
        following = match.end()
        while following < len(paragraph) and paragraph[following].isspace():
            following += 1
        if following >= len(paragraph):
            break
        if _ends_sentence(paragraph, match, following, armenian_stops):
            out.append(paragraph[start : match.end()])
            start = following
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return out


def _ends_sentence(paragraph: str, match: re.Match[str], following: int, armenian: bool) -> bool:
    marks = match.group().rstrip(_CLOSERS)
    if "։" in marks:
        return True
    starter = _first_letter(paragraph, following)
    if marks == ":":
        # Some Armenian sites type ":" for "։"; elsewhere a colon never ends a sentence.
        before = paragraph[match.start() - 1] if match.start() else ""
        return _is_armenian(before) and _is_armenian(starter) and starter.isupper()
    if ":" in marks or not (starter.isupper() or starter.isdigit()):
        return False
    if marks != ".":
        return True  # ! ? … and "..." before a capital
    word = paragraph[: match.start()].rsplit(" ", 1)[-1].lstrip(_OPENERS)
    if not word:
        return True
    if armenian and _is_armenian(word[-1]):
        return False
    folded = word.casefold()
    if folded in _ENUMERATION_ENDS:
        return True
    if folded in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False  # an abbreviation or an initial ("В. В. Путин", "J. Smith")
    if _DOTTED.fullmatch(word):
        return False
    return not (starter.isdigit() and folded in _BEFORE_NUMBERS)


def _first_letter(text: str, index: int) -> str:
    while index < len(text) and text[index] in _OPENERS:
        index += 1
    return text[index] if index < len(text) else ""


def _is_armenian(char: str) -> bool:
    return bool(char) and "\u0531" <= char <= "\u0587"


def strip_dateline(sentence: str) -> str:
    """The sentence without a wire-style dateline in front ("YEREVAN, Nov 28 (Caucasus
    Wire) — "); the whole sentence when it has none."""
    for pattern in _DATELINES:
        match = pattern.match(sentence)
        if match:
            return sentence[match.end() :].strip()
    return sentence.strip()


def is_chrome(sentence: str) -> bool:
    """True for a sentence that is site chrome, a byline, a date, a photo credit or a link:
    never worth quoting, whatever it says."""
    if _MARKERS.search(sentence.casefold()):
        return True
    if "@" in sentence and _EMAIL.search(sentence):
        return True
    if _CREDIT.match(sentence) or (sentence.endswith(")") and _CREDIT_AT_END.search(sentence)):
        return True
    if len(sentence) > _CHROME_LINE_MAX:
        return False
    return is_boilerplate_line(sentence) or is_byline_or_dateline(sentence)


def is_quotable(sentence: str, *, max_chars: int = MAX_CHARS) -> bool:
    """True for a whole prose sentence (dateline already stripped) that a summary may quote:
    not chrome, complete (capital or digit in front, end mark at the end, quotation marks
    paired), neither a fragment nor a run-on paragraph."""
    return _is_whole(sentence, max_chars) and not is_chrome(sentence)


def _is_whole(sentence: str, max_chars: int) -> bool:
    if not MIN_CHARS <= len(sentence) <= max_chars:
        return False
    if len(sentence.split()) < MIN_WORDS:
        return False
    first = _first_letter(sentence, 0)
    if not (first.isupper() or first.isdigit()):
        return False
    if not _balanced(sentence):
        return False  # a piece of a longer quotation, cut where one of its sentences ends
    return _SENTENCE_END.search(sentence) is not None


def _balanced(sentence: str) -> bool:
    return (
        sentence.count("«") == sentence.count("»")
        and sentence.count("“") == sentence.count("”")
        and sentence.count('"') % 2 == 0
    )


def quotable_sentences(text: str, *, max_chars: int = MAX_CHARS) -> list[tuple[int, str]]:
    """(position, sentence) for each quotable sentence of `text`, datelines stripped; the
    position counts the article's prose sentences only, so a byline or a photo credit on
    top does not push the lead down."""
    out: list[tuple[int, str]] = []
    position = 0
    for raw in split_sentences(text):
        sentence = strip_dateline(raw)
        if not sentence or is_chrome(sentence):
            continue
        if _is_whole(sentence, max_chars):
            out.append((position, sentence))
        position += 1
    return out
