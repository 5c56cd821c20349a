"""Bylines and datelines: lines that only say who wrote a story and/or when, in English,
Russian and Armenian (a table row with figures among its cells is never one)."""

from __future__ import annotations

import re

_BYLINE = re.compile(
    r"^(?:by|written by|reporting by|reported by|text by|story by|author:|автор:?|"
    r"текст:?|հեղինակ[՝:]?|հեղինակ՝)\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bи\b|\bև\b|\bեւ\b)\s*", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")
_BYLINE_MAX = 100
_DATE_WORDS = frozenset(
    {
        # English months, weekdays and connectives
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
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
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "am",
        "pm",
        "utc",
        "gmt",
        "amt",
        "msk",
        "at",
        "on",
        "published",
        "updated",
        "posted",
        "last",
        "modified",
        "st",
        "nd",
        "rd",
        "th",
        "h",
        # Russian
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
        "понедельник",
        "вторник",
        "среда",
        "четверг",
        "пятница",
        "суббота",
        "воскресенье",
        "в",
        "г",
        "года",
        "год",
        "опубликовано",
        "обновлено",
        "мск",
        # Armenian
        "հունվարի",
        "փետրվարի",
        "մարտի",
        "ապրիլի",
        "մայիսի",
        "հունիսի",
        "հուլիսի",
        "օգոստոսի",
        "սեպտեմբերի",
        "հոկտեմբերի",
        "նոյեմբերի",
        "դեկտեմբերի",
        "հունվար",
        "փետրվար",
        "մարտ",
        "ապրիլ",
        "մայիս",
        "հունիս",
        "հուլիս",
        "օգոստոս",
        "սեպտեմբեր",
        "հոկտեմբեր",
        "նոյեմբեր",
        "դեկտեմբեր",
        "թ",
        "ժ",
        "ժամը",
        "հրապարակվել",
        "է",
        "թարմացվել",
    }
)
# Digits and letters apart, so "2026թ", "12th" and "2026г" read as number plus suffix.
_DATE_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_DATELINE_MAX = 80
_FIGURE = re.compile(r"[−+-]?(?:\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?|\d+[.,]\d+)%?|\d+%")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SEGMENT_SPLIT = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*")


def _is_byline(text: str) -> bool:
    match = _BYLINE.match(text)
    if match is None or len(text) > _BYLINE_MAX:
        return False
    names = [n for n in _NAME_JOINERS.split(match.group("names").strip(" .")) if n]
    if not names:
        return False
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 4:
            return False
        if not all(_NAME_WORD.match(w) and w[0].isupper() for w in words):
            return False
    return True


def _is_dateline(text: str) -> bool:
    if len(text) > _DATELINE_MAX:
        return False
    tokens = _DATE_TOKEN.findall(text.casefold())
    if not any(t.isdigit() for t in tokens):
        return False
    return all(t.isdigit() or t in _DATE_WORDS for t in tokens)


def _is_figure(segment: str) -> bool:
    """A table cell's number that no date has: grouped thousands, a decimal, a percentage
    or a whole number above 31 that is not a year."""
    if _FIGURE.fullmatch(segment):
        return True
    return segment.isdigit() and int(segment) > 31 and not _YEAR.fullmatch(segment)


def is_byline_or_dateline(line: str) -> bool:
    """True for a line that only says who wrote the story and/or when. A table row
    ("2024 | 1,037") has a figure among its cells and is never one."""
    text = " ".join(line.split())
    if not text:
        return False
    segments = [s.strip() for s in _SEGMENT_SPLIT.split(text) if s.strip()]
    if len(segments) > 1 and any(_is_figure(s) for s in segments):
        return False
    return bool(segments) and all(_is_byline(s) or _is_dateline(s) for s in segments)
