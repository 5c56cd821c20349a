"""A small fictional news site served in-process, so the demo works with no network.

Each host under the reserved `.example` TLD is a folder here; a request for
https://yerevanherald.example/rss.xml is answered from yerevanherald.example/rss.xml.
Files may hold time placeholders rendered at request time, so the stories always look fresh:
`{{rfc822_hours_ago:5}}` (RSS dates), `{{iso_hours_ago:5}}` (Atom and JSON Feed dates),
`{{date_hours_ago:5}}` (a human dateline such as "12 November 2026 14:05") and
`{{hours_ago:5}}` (whichever of those suits the file). The ETag is the hash of the file as
stored, so it stays the same between requests and conditional requests get 304.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from importlib import resources
from importlib.resources.abc import Traversable

import httpx

SAMPLE_FEED_URLS: list[str] = [
    "https://yerevanherald.example/rss.xml",
    "https://caucasuswire.example/atom.xml",
    "https://kavkaztoday.example/feed.json",
]
SAMPLE_HOSTS: frozenset[str] = frozenset(
    {"yerevanherald.example", "caucasuswire.example", "kavkaztoday.example"}
)

_PLACEHOLDER = re.compile(r"\{\{(rfc822_|iso_|date_)?hours_ago:(\d+(?:\.\d+)?)\}\}")
_CONTENT_TYPES = {
    ".json": "application/feed+json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
_FEED_TYPES = {
    "rss.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
}


def _site_root() -> Traversable:
    return resources.files(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _content_type(name: str) -> str:
    if name in _FEED_TYPES:
        return _FEED_TYPES[name]
    suffix = name[name.rfind(".") :] if "." in name else ""
    return _CONTENT_TYPES.get(suffix, "application/octet-stream")


def _default_style(name: str, text: str) -> str:
    if name.endswith(".json") or "<feed" in text[:500]:
        return "iso_"
    if name.endswith(".html"):
        return "date_"
    return "rfc822_"


def render(name: str, template: str, now: datetime) -> str:
    """`template` with its time placeholders filled in relative to `now`."""
    default = _default_style(name, template)

    def fill(match: re.Match[str]) -> str:
        when = (now - timedelta(hours=float(match.group(2)))).astimezone(UTC)
        when = when.replace(microsecond=0)
        style = match.group(1) or default
        if style == "iso_":
            return when.isoformat().replace("+00:00", "Z")
        if style == "date_":
            return f"{when.day} {when:%B %Y %H:%M} UTC"
        return format_datetime(when, usegmt=True)

    return _PLACEHOLDER.sub(fill, template)


def _etag_matches(header: str, etag: str) -> bool:
    # If-None-Match uses weak comparison (RFC 9110 13.1.2).
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


class SampleSiteTransport(httpx.AsyncBaseTransport):
    """Answers requests for the bundled sample hosts from package files, in-process."""

    def __init__(self, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._clock = clock

    def _find(self, host: str, path: str) -> Traversable | None:
        if host not in SAMPLE_HOSTS:
            return None
        parts = [part for part in path.split("/") if part]
        # Only plain names inside the host's folder; nothing may climb out of it.
        if any(part in {".", ".."} or "\\" in part for part in parts):
            return None
        node = _site_root().joinpath(host)
        for part in parts or ["index.html"]:
            node = node.joinpath(part)
        if node.is_dir():
            node = node.joinpath("index.html")
        return node if node.is_file() else None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method not in {"GET", "HEAD"}:
            return httpx.Response(405, headers={"Allow": "GET, HEAD"}, request=request)
        host = (request.url.host or "").lower()
        node = self._find(host, request.url.path)
        if node is None:
            return httpx.Response(
                404,
                headers={"Content-Type": "text/plain; charset=utf-8"},
                content=b"Not Found",
                request=request,
            )
        template = node.read_bytes()
        etag = '"' + hashlib.sha256(template).hexdigest()[:32] + '"'
        headers = {"ETag": etag, "Cache-Control": "max-age=60"}
        wanted = request.headers.get("if-none-match")
        if wanted and _etag_matches(wanted, etag):
            return httpx.Response(304, headers=headers, request=request)
        text = render(node.name, template.decode("utf-8"), self._clock())
        body = text.encode("utf-8")
        headers["Content-Type"] = _content_type(node.name)
        return httpx.Response(
            200,
            headers=headers,
            content=b"" if request.method == "HEAD" else body,
            request=request,
        )
