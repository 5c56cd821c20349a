"""One feed entry plus its text into a clean, keyed `Article` (topics are tagged later)."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Collection

from news.clean import clean_text
from news.dedupe import content_key, guid_key, url_key
from news.htmltext import html_to_text, normalize_whitespace
from news.limits import MAX_BODY_CHARS, MAX_TITLE_HTML_CHARS, cap_html, cap_text
from news.models import Article, RawEntry
from news.normalize import canonical_url, detect_language, is_web_url, make_teaser, to_timestamp

log = logging.getLogger(__name__)

TITLE_FROM_TEXT_CHARS = 100
# Enough text to tell the script apart without scanning whole long stories.
LANGUAGE_SAMPLE_CHARS = 1000
_MARKUP = re.compile(r"<[a-zA-Z/!]")
_TEASER_TAILS = re.compile(
    r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|read more\W*|continue reading\W*|"
    r"читать далее\W*|подробнее\W*|կարդալ ավելին\W*)$",
    re.IGNORECASE,
)


def build_article(
    entry: RawEntry,
    *,
    feed_url: str,
    feed_language: str | None,
    fetched_at: int,
    body_text: str,
    learned_boilerplate: Collection[str] = (),
) -> Article | None:
    """The article for `entry`, with `body_text` (page or feed text) as its body; None when
    it has no usable URL or neither a title nor any text."""
    url = _article_url(entry, feed_url)
    if url is None:
        return None
    title = _plain_title(entry.title[:MAX_TITLE_HTML_CHARS])
    # Stored text is bounded (cleaning reads a little more, as it drops lines).
    head = cap_text(body_text, 2 * MAX_BODY_CHARS)
    body = clean_text(head, title=title, learned_boilerplate=learned_boilerplate)
    capped = cap_text(body, MAX_BODY_CHARS)
    if len(capped) < len(body) or len(head) < len(body_text):
        log.info("article %s: %d characters of text, %d kept", url, len(body_text), len(capped))
    body = capped
    summary = _summary_text(cap_html(entry.summary_html), title, learned_boilerplate)
    if not title:
        title = make_teaser((body or summary).split("\n")[0], TITLE_FROM_TEXT_CHARS)
    if not title:
        return None
    sample = f"{title}\n{(body or summary)[:LANGUAGE_SAMPLE_CHARS]}"
    return Article(
        guid=entry.guid,
        url=url,
        title=title,
        author=_plain_author(entry.author),
        published_at=to_timestamp(entry.published, fetched_at=fetched_at),
        teaser=make_teaser(summary or body),
        body=body,
        language=detect_language(sample, default=entry.language or feed_language),
        guid_key=guid_key(feed_url, entry.guid),
        url_key=url_key(url),
        content_key=content_key(title, body),
    )


def _article_url(entry: RawEntry, feed_url: str) -> str | None:
    for candidate in (entry.link, entry.guid if is_web_url(entry.guid) else None):
        if candidate and candidate.strip():
            url = canonical_url(candidate, base=feed_url)
            if is_web_url(url):
                return url
    return None


def _plain_title(raw: str) -> str:
    title = html_to_text(raw) if _MARKUP.search(raw) else html.unescape(raw)
    return " ".join(title.split())


def _plain_author(author: str | None) -> str | None:
    if author is None:
        return None
    return " ".join(author.split()) or None


def _summary_text(summary_html: str, title: str, learned: Collection[str]) -> str:
    if not summary_html:
        return ""
    text = clean_text(html_to_text(summary_html), title=title, learned_boilerplate=learned)
    trimmed = _TEASER_TAILS.sub("", text).rstrip()
    if trimmed != text and trimmed and not trimmed.endswith(("…", "...")):
        # The feed cut this summary short; say so rather than end mid-thought.
        trimmed += "…"
    return normalize_whitespace(trimmed)
