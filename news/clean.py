"""The story text without the site chrome that survives extraction: generic boilerplate
(news/chrome.py), lines a site repeats across its articles, bylines and datelines
(news/bylines.py) and the headline repeated on top. HTML to text is news/htmltext.py; its
functions, and the line tests, are importable from here as before."""

from __future__ import annotations

import re
from collections.abc import Collection

from news.bylines import is_byline_or_dateline as is_byline_or_dateline
from news.chrome import CHROME_CONTAINS_MAX
from news.chrome import is_boilerplate_line as is_boilerplate_line
from news.htmltext import html_to_text as html_to_text
from news.htmltext import is_data_cell as is_data_cell
from news.htmltext import line_key as line_key
from news.htmltext import normalize_whitespace as normalize_whitespace

_TOKEN = re.compile(r"[^\W_]+")


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
        if len(line) > CHROME_CONTAINS_MAX and seen_content:
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
