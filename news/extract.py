"""The story text of an article web page, for feeds that only carry a teaser.

`extract_main_text` is CPU-bound and synchronous: async callers run it in a thread.
"""

from __future__ import annotations

import logging

import lxml.etree as etree
import lxml.html
import trafilatura

from news.clean import clean_text
from news.htmltext import html_to_text, is_data_cell, normalize_whitespace
from news.limits import cap_html

log = logging.getLogger(__name__)

# Below this a summary is a teaser rather than the story.
TEASER_MAX_CHARS = 500
_TEASER_ENDINGS = (
    "...",
    "…",
    "[…]",
    "[...]",
    "(…)",
    "(...)",
    "read more",
    "read more »",
    "read more →",
    "continue reading",
    "more »",
    "читать далее",
    "подробнее",
    "читать полностью",
    "կարդալ ավելին",
)


# Chosen by measurement (bench/extraction.py --sweep, bench/README.md): without tables every
# mode loses real text; with them, precision and balanced modes tie on the tuning pages and
# recall mode lets newsletter boxes and link lists in. Balanced, because on trafilatura's
# public benchmark favor_precision cost most of the recall lost (issue 12). Reader comments
# are never the story.
SETTINGS: dict[str, bool] = {
    "favor_precision": False,
    "favor_recall": False,
    "include_tables": True,
    "include_comments": False,
}
# Less than this, once bylines, datelines and chrome are gone, is not a story: the page's
# extraction was only its date or byline, so the next source is tried.
STORY_MIN_CHARS = 80
_LINK_LIST_SHARE = 0.6
_EDGE = "\u2424"
_BLOCK_EDGES = (
    "p", "div", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "section", "article", "header", "footer", "figure",
    "figcaption", "table", "aside", "nav", "main", "address", "pre", "hr",
)  # fmt: skip


def extract_main_text(html: str, *, url: str | None = None) -> str:
    """Main text of an article page, paragraphs separated by blank lines and table rows as
    lines of cells; "" when the page holds no story, so the caller uses the feed's own."""
    if not html or not html.strip():
        return ""
    # Extraction costs CPU and memory in proportion to the page: read a bounded prefix.
    html = cap_html(html)
    text = extract_with(html, url=url, **SETTINGS)
    if has_story(text):
        return text
    text = baseline_text(html)
    return text if has_story(text) else ""


def extract_with(
    html: str,
    *,
    url: str | None = None,
    favor_precision: bool,
    favor_recall: bool,
    include_tables: bool,
    include_comments: bool,
) -> str:
    """trafilatura's main text with the given switches, as plain text ("" on failure)."""
    try:
        # HTML output keeps paragraph and table structure, which plain-text output flattens.
        extracted = trafilatura.extract(
            html,
            url=url,
            output_format="html",
            include_comments=include_comments,
            include_tables=include_tables,
            include_images=False,
            # Links only to tell a layout table's link-list cells apart; text keeps none.
            include_links=True,
            favor_precision=favor_precision,
            favor_recall=favor_recall,
            deduplicate=False,
        )
    except Exception:  # trafilatura has failed on odd markup before; fall back, never crash
        log.debug("trafilatura failed on %s", url, exc_info=True)
        return ""
    return normalize_whitespace(html_to_text(_without_link_columns(extracted))) if extracted else ""


def baseline_text(html: str) -> str:
    """trafilatura's baseline (the JSON-LD articleBody, the <article>, the paragraphs), with
    its block boundaries kept as line breaks so the line-wise chrome rules still apply."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", errors="replace"))
        # baseline flattens an <article> into one run of text; a "␤" at every block edge
        # (printable, so baseline keeps it; never seen in news) is a line break again below.
        for element in root.iter(*_BLOCK_EDGES):
            element.text = _EDGE + (element.text or "")
            element.tail = _EDGE + (element.tail or "")
        _element, text, _length = trafilatura.baseline(root)
    except Exception:  # odd markup, as above: fall through to the feed's own text
        log.debug("trafilatura baseline failed", exc_info=True)
        return ""
    return normalize_whitespace((text or "").replace(_EDGE, "\n"))


def has_story(text: str) -> bool:
    """True when something besides a byline, a dateline and site chrome is left."""
    return len(clean_text(text, title="")) >= STORY_MIN_CHARS


def _without_link_columns(fragment: str) -> str:
    """A table used for page layout (trafilatura keeps old table-layout sites whole) loses
    its cells that are mostly links: "most read" columns and navigation beside the story.
    Data tables are left alone; html_to_text writes their rows as "a | b" lines."""
    try:
        root = lxml.html.document_fromstring(fragment)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return fragment
    changed = False
    for table in list(root.iter("table")):
        cells = list(table.iter("td", "th"))
        if all(is_data_cell(c) for c in cells):
            continue
        for cell in cells:
            if cell.getparent() is not None and _link_share(cell) > _LINK_LIST_SHARE:
                cell.drop_tree()
                changed = True
    return lxml.html.tostring(root, encoding="unicode") if changed else fragment


def _link_share(cell: lxml.html.HtmlElement) -> float:
    text = len("".join(cell.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in cell.iter("a"))
    return linked / text if text else 0.0


def needs_page(summary_text: str, content_text: str) -> bool:
    """True when the entry carries only a teaser, so the article page must be read: no
    content and a short summary, or text that ends the way teasers do ("…", "Read more")."""
    text = (content_text or summary_text).strip()
    if not text:
        return True
    ending = text.casefold().rstrip(" .»›→>\u00a0")
    if text.endswith(("...", "…")) or ending.endswith(_TEASER_ENDINGS):
        return True
    return not content_text.strip() and len(summary_text.strip()) < TEASER_MAX_CHARS
