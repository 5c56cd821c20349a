"""HTML to readable text: blocks become lines, tables read as "a | b" rows; whitespace
normalised, and the stable key of a line (for boilerplate a site repeats)."""

from __future__ import annotations

import hashlib
import re

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
