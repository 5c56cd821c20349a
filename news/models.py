"""Plain data passed between the pipeline stages: fetch -> parse -> extract/clean -> normalize."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from news.searchtext import IndexedText


@dataclass(frozen=True)
class FetchResult:
    """What one HTTP fetch produced. `status` is "ok", "not_modified" or "error"."""

    url: str
    status: str
    body: bytes = b""
    final_url: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    error: str | None = None
    # Seconds the server asked us to wait (Retry-After on 429/503), if any.
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class RawEntry:
    """One feed item as the feed gave it, before any cleaning."""

    guid: str | None
    link: str | None
    title: str
    author: str | None
    published: datetime | None
    summary_html: str
    content_html: str
    language: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site_url: str | None
    language: str | None
    entries: list[RawEntry]
    # Set when the document was malformed; `entries` then holds what could be read.
    error: str | None = None


@dataclass
class Article:
    """A clean article ready to store."""

    guid: str | None
    url: str
    title: str
    author: str | None
    published_at: int  # unix seconds, UTC
    teaser: str
    body: str
    language: str | None
    guid_key: str | None
    url_key: str
    content_key: str
    topics: list[str] = field(default_factory=list)
    # Hash of what the feed said about the entry (news.batch.fingerprint), to skip it unchanged.
    fingerprint: str | None = None
    # Its stems and name keys for the search index, when made beside the other CPU work
    # (news.batch, in a worker process); the storage layer makes them otherwise.
    index: IndexedText | None = None
