"""The story text of an article web page, for feeds that only carry a teaser.

`extract_main_text` is CPU-bound and synchronous: async callers run it in a thread.
"""

from __future__ import annotations

import logging

import trafilatura

from news.clean import html_to_text, normalize_whitespace
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


def extract_main_text(html: str, *, url: str | None = None) -> str:
    """Main text of an article page, paragraphs separated by blank lines; "" if none."""
    if not html or not html.strip():
        return ""
    # Extraction costs CPU and memory in proportion to the page: read a bounded prefix.
    html = cap_html(html)
    try:
        # HTML output keeps paragraph boundaries, which plain-text output flattens.
        extracted = trafilatura.extract(
            html,
            url=url,
            output_format="html",
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura has failed on odd markup before; fall back, never crash
        log.debug("trafilatura failed on %s", url, exc_info=True)
        extracted = None
    text = html_to_text(extracted) if extracted else ""
    if not text:
        # html_to_text skips <head>, scripts and styles, so this is the body's text.
        text = html_to_text(html)
    return normalize_whitespace(text)


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
