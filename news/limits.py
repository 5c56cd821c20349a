"""Size limits on what the pipeline reads, keeps and summarises.

A feed entry or page may be megabytes (by mistake or on purpose); news is never that long.
Parsing, extraction and summarising cost CPU in proportion to their input, so every stage
gets a bounded prefix: HTML before it is parsed, text before it is stored, text before it
is summarised. Text is cut at a paragraph or sentence end, so what is kept reads whole.
"""

from __future__ import annotations

import re

# HTML handed to lxml or trafilatura: an article page is rarely over a few hundred KB.
MAX_HTML_CHARS = 1_000_000
# An article body as stored: tens of KB is a very long story already.
MAX_BODY_CHARS = 40_000
# What a summary reads: its sentences come from the top of the story.
MAX_SUMMARY_INPUT_CHARS = 12_000
# A title as given by the feed, markup included.
MAX_TITLE_HTML_CHARS = 2_000

_SENTENCE_END = re.compile(r"[.!?։。…][\"'»”)\]]*\s")


def cap_html(html: str, limit: int = MAX_HTML_CHARS) -> str:
    """At most `limit` characters of `html`, cut at the last tag boundary before the limit
    (the parsers close what is left open)."""
    if len(html) <= limit:
        return html
    cut = html.rfind("<", 0, limit)
    return html[: cut if cut > limit // 2 else limit]


def cap_text(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, ended at the last paragraph break in its second
    half, else the last sentence end, else the last space."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    floor = limit // 2
    paragraph = head.rfind("\n\n")
    if paragraph >= floor:
        return head[:paragraph].rstrip()
    line = head.rfind("\n")
    ends = [m.end() for m in _SENTENCE_END.finditer(head, floor)]
    if ends:
        return head[: ends[-1]].rstrip()
    if line >= floor:
        return head[:line].rstrip()
    space = head.rfind(" ")
    return head[: space if space >= floor else limit].rstrip()
