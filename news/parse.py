"""Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.x) into `ParsedFeed`; never raises."""

from __future__ import annotations

import calendar
import html
import io
import json
import re
import time
import xml.sax
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from news.charset import decode
from news.models import ParsedFeed, RawEntry
from news.normalize import language_code

_MAX_ERROR = 160
_SNIFF_BYTES = 2048
_XML_ENCODING = re.compile(rb"""(<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._:-]+)(["'])""")
_CHARSET = re.compile(r";\s*charset\s*=\s*[^;]*", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# feedparser flags these but still reads the document correctly: not worth reporting.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document. Malformed input gives whatever entries could be read and
    `error` set to a one-line reason; nothing here raises."""
    try:
        if not body.strip():
            return _failed("empty document")
        if _is_json_feed(body, content_type):
            return _parse_json_feed(body)
        return _parse_xml_feed(body, url=url, content_type=content_type)
    except Exception as exc:  # a parser bug must not take the polling round down with it
        return _failed(_one_line(f"could not parse: {type(exc).__name__}: {exc}"))


def _failed(error: str) -> ParsedFeed:
    return ParsedFeed(title="", site_url=None, language=None, entries=[], error=error)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_ERROR else text[: _MAX_ERROR - 1] + "…"


def _is_json_feed(body: bytes, content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "application/feed+json":
        return True
    # No XML document starts with a brace, so JSON is the only reading worth trying; the
    # JSON branch then checks for the jsonfeed.org version.
    return body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


# --- RSS and Atom ---------------------------------------------------------------------------


def _parse_xml_feed(body: bytes, *, url: str, content_type: str | None) -> ParsedFeed:
    body, content_type = _as_utf8(body, content_type)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # Our text comes from html_to_text, which drops all markup and links, so feedparser's
    # own sanitizing and link rewriting of every content block would be wasted work.
    # A stream, never the bytes themselves: feedparser opens a bytes or str argument as a
    # file name (or URL) when it can, so a body reading "/dev/zero" would be read from disk.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    feed = parsed.get("feed", {})
    language = language_code(feed.get("language"))
    entries = [e for e in (_raw_entry(item, language) for item in parsed.entries) if e]
    error = _bozo_reason(parsed)
    if not entries and not parsed.get("version"):
        error = _not_a_feed(body, error)
    return ParsedFeed(
        title=_plain(feed.get("title", "")),
        site_url=feed.get("link") or None,
        language=language,
        entries=entries,
        error=error,
    )


def _as_utf8(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """The document re-encoded as UTF-8 and labelled so: feedparser alone falls back to
    windows-1252 for a feed with no header charset and no declaration, and believes stale
    declarations; news.charset reads the bytes as what they really are."""
    decoded = decode(body, content_type)
    if decoded.encoding == "utf-8" and not body.startswith(_UNICODE_BOMS):
        data = body
    else:
        data = decoded.text.encode("utf-8")
    data = _XML_ENCODING.sub(rb"\1utf-8\3", data, count=1)
    media = _CHARSET.sub("", content_type or "application/xml").strip()
    return data, f"{media}; charset=utf-8"


def _bozo_reason(parsed: Mapping[str, Any]) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if exc is None or isinstance(exc, _BENIGN_BOZO):
        return None
    if isinstance(exc, xml.sax.SAXParseException):
        return _one_line(f"malformed XML: {exc.getMessage()} (line {exc.getLineNumber()})")
    return _one_line(f"malformed feed: {exc}" if str(exc) else type(exc).__name__)


def _not_a_feed(body: bytes, error: str | None) -> str:
    if _HTML_START.match(body[:_SNIFF_BYTES]):
        return "not a feed (got an HTML page, not RSS, Atom or JSON Feed)"
    if error:
        return f"not a feed ({error})"
    return "not a feed (no RSS, Atom or JSON Feed found)"


def _raw_entry(item: Mapping[str, Any], feed_language: str | None) -> RawEntry | None:
    content = item.get("content") or []
    content_html = (content[0].get("value") or "") if content else ""
    summary_html = item.get("summary") or ""
    if content_html and summary_html == content_html:
        # feedparser copies lone content into summary; a teaser identical to it adds nothing.
        summary_html = ""
    guid = (item.get("id") or "").strip() or None
    link = (item.get("link") or "").strip() or None
    title = _plain(item.get("title") or "")
    if not (guid or link or title or summary_html or content_html):
        return None
    detail = item.get("author_detail") or {}
    author = (detail.get("name") or item.get("author") or "").strip() or None
    language = language_code((item.get("title_detail") or {}).get("language")) or feed_language
    return RawEntry(
        guid=guid,
        link=link,
        title=title,
        author=author,
        published=_struct_time_utc(item.get("published_parsed") or item.get("updated_parsed")),
        summary_html=summary_html,
        content_html=content_html,
        language=language,
    )


def _plain(text: str) -> str:
    return " ".join(str(text).split())


def _struct_time_utc(value: time.struct_time | None) -> datetime | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


# --- JSON Feed ------------------------------------------------------------------------------


def _parse_json_feed(body: bytes) -> ParsedFeed:
    try:
        try:
            document = json.loads(body)
        except UnicodeDecodeError:
            # JSON Feed must be UTF-8; a few bad bytes should not cost the whole feed.
            document = json.loads(body.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        return _failed(_one_line(f"malformed JSON: {exc.msg} (line {exc.lineno})"))
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version")):
        return _failed("not a feed (JSON without a jsonfeed.org version)")
    language = language_code(_text(document.get("language")))
    items = document.get("items")
    if not isinstance(items, list):
        items = []
    entries: list[RawEntry] = []
    skipped = 0
    for item in items:
        entry = _json_entry(item, language) if isinstance(item, dict) else None
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    error = None
    if "items" not in document or not isinstance(document.get("items"), list):
        error = "malformed JSON Feed: no items list"
    elif skipped:
        error = f"malformed JSON Feed: {skipped} item(s) unreadable"
    return ParsedFeed(
        title=_plain(_text(document.get("title"))),
        site_url=_text(document.get("home_page_url")) or None,
        language=language,
        entries=entries,
        error=error,
    )


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _json_entry(item: Mapping[str, Any], feed_language: str | None) -> RawEntry | None:
    guid = _text(item.get("id")) or None
    link = _text(item.get("url")) or _text(item.get("external_url")) or None
    title = _plain(_text(item.get("title")))
    content_html = _text(item.get("content_html"))
    if not content_html and (content_text := _text(item.get("content_text"))):
        content_html = _paragraphs_html(content_text)
    summary = _text(item.get("summary"))
    summary_html = html.escape(summary) if summary else ""
    if not (guid or link or title or content_html or summary_html):
        return None
    published = _iso_datetime(_text(item.get("date_published"))) or _iso_datetime(
        _text(item.get("date_modified"))
    )
    return RawEntry(
        guid=guid,
        link=link,
        title=title,
        author=_json_author(item),
        published=published,
        summary_html=summary_html,
        content_html=content_html,
        language=language_code(_text(item.get("language"))) or feed_language,
    )


def _paragraphs_html(text: str) -> str:
    # Escaped, with the plain text's paragraphs and line breaks kept as markup.
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def _json_author(item: Mapping[str, Any]) -> str | None:
    # JSON Feed 1.1 has "authors"; 1.0 had a single "author".
    authors = item.get("authors")
    candidates = authors if isinstance(authors, list) else [item.get("author")]
    names = [_plain(_text(a.get("name"))) for a in candidates if isinstance(a, dict)]
    names = [n for n in names if n]
    return ", ".join(names) or None


def _iso_datetime(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        # JSON Feed requires an offset; a missing one is most often UTC.
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
