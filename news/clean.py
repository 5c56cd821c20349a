"""HTML to readable text, and removal of the site chrome that survives extraction."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection

import lxml.etree as etree
import lxml.html

LINE_KEY_PREFIX = "l1:"

# Elements whose text is never part of the story.
_DROPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "button",
        "input",
        "textarea",
    }
)
# Elements that stand apart as paragraphs (a blank line around them).
_PARAGRAPHS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "figure",
        "table",
        "ul",
        "ol",
        "dl",
        "article",
        "section",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "form",
        "address",
        "hr",
        "fieldset",
        "details",
    }
)
# Elements that only start a new line.
_LINES = frozenset(
    {
        "br",
        "li",
        "dt",
        "dd",
        "tr",
        "div",
        "figcaption",
        "caption",
        "summary",
        "option",
        "legend",
    }
)

# Table cells of one row are joined by this (rows are lines), so tables read as text.
TABLE_CELL_SEPARATOR = " | "
_CELLS = frozenset({"td", "th"})
# A data table's cell is a label or a figure; longer text or blocks mean page layout.
_DATA_CELL_MAX_CHARS = 160
_CELL_BLOCKS = _PARAGRAPHS | {"div", "br", "li"}

# Invisible characters that only get in the way of matching and display.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# The same characters as a pattern: re.sub is far faster than str.translate with a dict.
_INVISIBLE_CHARS = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Readable text of an HTML document or fragment: blocks become lines, paragraphs are
    separated by a blank line, entities are decoded and no markup remains."""
    if not html or not html.strip():
        return ""
    # Bytes let lxml accept documents that carry their own encoding declaration.
    data = html.replace("\x00", "").encode("utf-8", errors="replace")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    return normalize_whitespace(_join(_pieces(root)))


# A piece is text, or a break: the number of newlines wanted there, or _BR for a <br>.
_Piece = str | int
_BR = -1


def _pieces(root: lxml.html.HtmlElement) -> list[_Piece]:
    pieces: list[_Piece] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _DROPPED or not tag:
                # Skip the content but keep the tail, which belongs to the parent.
                walker.skip_subtree()
                pieces.append(element.tail or "")
                continue
            if tag in _CELLS and _follows_data_cell(element):
                pieces.append(TABLE_CELL_SEPARATOR)
            pieces.extend((_break_for(tag), element.text or ""))
        else:
            if tag != "br":
                pieces.append(_break_for(tag))
            tail = element.tail or ""
            # Indentation between the cells of a row is not a line break of the text.
            pieces.append("" if tag in _CELLS and not tail.strip() else tail)
    return pieces


def _follows_data_cell(cell: lxml.html.HtmlElement) -> bool:
    """True when `cell` has text and comes after a cell with text in a data table's row,
    so the two read as "a | b" instead of running together."""
    if not is_data_cell(cell) or not cell.text_content().strip():
        return False
    for previous in cell.itersiblings(preceding=True):
        if previous.tag in _CELLS:
            if not is_data_cell(previous):
                return False
            if previous.text_content().strip():
                return True
    return False


def is_data_cell(cell: lxml.html.HtmlElement) -> bool:
    """A table cell holding a label or a figure, not a column of a page's layout."""
    if len(" ".join(cell.text_content().split())) > _DATA_CELL_MAX_CHARS:
        return False
    return not any(isinstance(c.tag, str) and c.tag in _CELL_BLOCKS for c in cell.iterdescendants())


def _break_for(tag: str) -> int:
    if tag == "br":
        return _BR
    if tag in _PARAGRAPHS:
        return 2
    return 1 if tag in _LINES else 0


def _join(pieces: list[_Piece]) -> str:
    # Adjacent block edges merge into one break (the strongest); only <br>s add up, so
    # "<br><br>" still reads as a paragraph break.
    out: list[str] = []
    pending = 0
    for piece in pieces:
        if isinstance(piece, int):
            pending = min(2, pending + 1) if piece == _BR else max(pending, piece)
        elif pending and not piece.strip():
            continue
        elif piece:
            if pending and out:
                out.append("\n" * pending)
            pending = 0
            out.append(piece)
    return "".join(out)


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces inside lines, keep line and paragraph breaks (at most one
    blank line), drop zero-width characters and turn no-break spaces into spaces."""
    text = _LINE_SEPARATORS.sub("\n", _INVISIBLE_CHARS.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def line_key(line: str) -> str:
    """Stable key of one line, equal for lines that differ only in case or spacing."""
    folded = " ".join(line.translate(_INVISIBLE).casefold().split())
    return LINE_KEY_PREFIX + hashlib.sha256(folded.encode("utf-8")).hexdigest()


# --- generic site chrome ------------------------------------------------------------------

# Lines that are chrome when they are the whole line (compared casefolded, trimmed).
_CHROME_LINES = frozenset(
    {
        # English
        "top of page",
        "bottom of page",
        "back to top",
        "go to top",
        "scroll to top",
        "to top",
        "skip to content",
        "skip to main content",
        "advertisement",
        "advertising",
        "ad",
        "sponsored",
        "sponsored content",
        "read more",
        "read more »",
        "continue reading",
        "read the full story",
        "related",
        "related articles",
        "related news",
        "related stories",
        "related posts",
        "more news",
        "more stories",
        "see also",
        "read also",
        "also read",
        "share",
        "share this",
        "share this article",
        "share this story",
        "print",
        "print this article",
        "email",
        "e-mail",
        "tweet",
        "comments",
        "leave a comment",
        "add a comment",
        "no comments",
        "menu",
        "search",
        "home",
        "next article",
        "previous article",
        "next",
        "previous",
        "tags",
        "most read",
        "most popular",
        "latest news",
        "subscribe",
        "newsletter",
        "log in",
        "login",
        "sign in",
        "sign up",
        "register",
        "close",
        "accept",
        "accept all",
        "got it",
        "ok",
        "loading...",
        "subscribe now",
        "sign up now",
        "about us",
        "contact",
        "contact us",
        "privacy policy",
        "terms of use",
        "terms of service",
        "advertise",
        "advertise with us",
        "rss",
        "archive",
        # Russian
        "реклама",
        "читайте также",
        "читать также",
        "читать далее",
        "читать полностью",
        "подробнее",
        "поделиться",
        "наверх",
        "вверх",
        "в начало страницы",
        "печать",
        "версия для печати",
        "комментарии",
        "похожие новости",
        "похожие материалы",
        "по теме",
        "смотрите также",
        "см. также",
        "все права защищены",
        "главная",
        "меню",
        "поиск",
        "новости партнеров",
        "подписаться",
        "самое читаемое",
        "последние новости",
        # Armenian
        "գովազդ",
        "կարդալ ավելին",
        "կարդացեք նաև",
        "կարդացեք նաեւ",
        "տես նաև",
        "տես նաեւ",
        "կիսվել",
        "տպել",
        "մեկնաբանություններ",
        "վերև",
        "վերեւ",
        "դեպի վեր",
        "էջի սկիզբ",
        "առնչվող նորություններ",
        "բոլոր իրավունքները պաշտպանված են",
        "գլխավոր",
        "որոնում",
        "բաժանորդագրվել",
        "վերջին նորություններ",
    }
)

# Lines starting like this are chrome, when short enough to be a label and not prose.
_CHROME_PREFIXES = (
    "ad for subscribing",
    "ad:",
    "advertisement:",
    "advertisement -",
    "sponsored by",
    "subscribe to our",
    "subscribe to the",
    "subscribe for",
    "sign up for our",
    "sign up to our",
    "get our newsletter",
    "join our newsletter",
    "share on ",
    "share via ",
    "follow us on",
    "follow us:",
    "follow us at",
    "find us on",
    "photo:",
    "photo by",
    "photo credit",
    "photograph:",
    "image:",
    "image credit",
    "pictured:",
    "video:",
    "©",
    "(c) ",
    "copyright ©",
    "copyright (c)",
    "read more:",
    "read also:",
    "see also:",
    "related:",
    "more:",
    "this website uses cookies",
    "this site uses cookies",
    "we use cookies",
    "by continuing to use",
    "by using this site",
    "accept cookies",
    "cookie policy",
    "cookie settings",
    "manage cookies",
    "click here to",
    "tap here to",
    "download our app",
    "listen to this article",
    "tags:",
    "log in to",
    "sign in to",
    "login to",
    "register to",
    # Russian
    "реклама:",
    "читайте также:",
    "читайте также ",
    "читать также:",
    "смотрите также:",
    "подписывайтесь на",
    "подпишитесь на",
    "подписывайтесь в",
    "подписаться на",
    "поделиться в",
    "мы используем cookie",
    "мы используем файлы cookie",
    "этот сайт использует",
    "фото:",
    "фото -",
    "фото —",
    "фото с сайта",
    "видео:",
    "источник фото",
    "при использовании материалов",
    "при перепечатке",
    # Armenian
    "գովազդ:",
    "կարդացեք նաև՝",
    "կարդացեք նաեւ՝",
    "տես նաև՝",
    "հետևեք մեզ",
    "հետեւեք մեզ",
    "բաժանորդագրվեք",
    "լուսանկարը՝",
    "լուսանկար՝",
    "լուսանկարը:",
    "լուսանկար:",
    "տեսանյութ՝",
    "կիսվել ",
    "մենք օգտագործում ենք cookie",
)
# Longer than this a line is prose even if it opens like a label.
_CHROME_PREFIX_MAX = 160
_CHROME_CONTAINS = (
    "all rights reserved",
    "все права защищены",
    "բոլոր իրավունքները պաշտպանված են",
)
_CHROME_CONTAINS_MAX = 200
_COMMENT_COUNT = re.compile(
    r"^(?:comments?|комментари[йеяи]{1,2}|մեկնաբանություն(?:ներ)?)\s*[:(\[]?\s*\d+\s*[)\]]?$"
)
_SOCIAL_WORDS = frozenset(
    {
        "facebook",
        "twitter",
        "x",
        "telegram",
        "whatsapp",
        "viber",
        "vk",
        "vkontakte",
        "linkedin",
        "reddit",
        "instagram",
        "youtube",
        "tiktok",
        "threads",
        "bluesky",
        "ok",
        "odnoklassniki",
        "email",
        "e-mail",
        "print",
        "share",
        "copy",
        "link",
        "copy link",
        "mail",
        "messenger",
        "skype",
        "pinterest",
        "вконтакте",
        "одноклассники",
        "телеграм",
        "поделиться",
        "печать",
    }
)
# Bullets, arrows and separators that decorate chrome labels.
_DECORATION = " \t•·|›»«‹→←↑↓▲▼►◄>:-–—*#+/\\[](){}"
_WORD_SPLIT = re.compile(r"[\s,|/•·]+")


def is_boilerplate_line(line: str) -> bool:
    """True for a line that is generic site chrome (English, Russian or Armenian)."""
    folded = " ".join(line.casefold().split())
    if not folded:
        return False
    bare = folded.strip(_DECORATION).rstrip(".!…")
    if not bare:
        # Only separators or arrows: a visual divider.
        return True
    if bare in _CHROME_LINES or folded in _CHROME_LINES or _COMMENT_COUNT.match(bare):
        return True
    if len(folded) <= _CHROME_PREFIX_MAX and (
        folded.startswith(_CHROME_PREFIXES) or bare.startswith(_CHROME_PREFIXES)
    ):
        return True
    if len(folded) <= _CHROME_CONTAINS_MAX and any(c in folded for c in _CHROME_CONTAINS):
        return True
    words = [w.strip(_DECORATION) for w in _WORD_SPLIT.split(bare)]
    words = [w for w in words if w]
    return bool(words) and all(w in _SOCIAL_WORDS for w in words)


# --- bylines and datelines ------------------------------------------------------------------

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
_TOKEN = re.compile(r"[^\W_]+")
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


def _headline_form(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


def clean_text(text: str, *, title: str, learned_boilerplate: Collection[str] = ()) -> str:
    """The story text without chrome: generic boilerplate lines, lines this site repeats
    across articles (`learned_boilerplate` holds their `line_key`s), bylines, datelines and
    the headline repeated on top. Paragraph breaks are kept."""
    headline = _headline_form(title)
    seen_content = False
    kept: list[str] = []
    for line in normalize_whitespace(text).split("\n"):
        if not line:
            if kept and kept[-1]:
                kept.append(line)
            continue
        if len(line) > _CHROME_CONTAINS_MAX and seen_content:
            # A paragraph: longer than any chrome, byline or dateline rule can match.
            kept.append(line)
            continue
        if (
            is_boilerplate_line(line)
            or (learned_boilerplate and line_key(line) in learned_boilerplate)
            or is_byline_or_dateline(line)
        ):
            continue
        if not seen_content and headline and _headline_form(line) == headline:
            seen_content = True
            continue
        seen_content = True
        kept.append(line)
    # Lines are already normalised; only blank runs left by dropped lines need folding.
    return "\n".join(kept).strip("\n")
