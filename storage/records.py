"""Typed rows handed out of the storage layer, so callers never see SQL or sqlite3.Row."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from storage.states import DeliveryMode


def concat_names(value: str | None) -> tuple[str, ...]:
    """The distinct names of a `group_concat(..., char(31))`, sorted; () for NULL."""
    return tuple(sorted(set((value or "").split("\x1f")) - {""}))


@dataclass(frozen=True)
class FeedRecord:
    id: int
    url: str
    title: str
    site_url: str | None
    etag: str | None
    last_modified: str | None
    added_at: int
    last_fetch_at: int | None
    last_success_at: int | None
    last_status: str | None
    last_error: str | None
    consecutive_errors: int
    next_fetch_at: int
    paused: bool

    @property
    def display_name(self) -> str:
        return self.title or self.url

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> FeedRecord:
        return cls(
            id=row["id"],
            url=row["url"],
            title=row["title"],
            site_url=row["site_url"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            added_at=row["added_at"],
            last_fetch_at=row["last_fetch_at"],
            last_success_at=row["last_success_at"],
            last_status=row["last_status"],
            last_error=row["last_error"],
            consecutive_errors=row["consecutive_errors"],
            next_fetch_at=row["next_fetch_at"],
            paused=bool(row["paused"]),
        )


@dataclass(frozen=True)
class ArticleRecord:
    id: int
    feed_id: int | None
    source: str
    url: str
    title: str
    author: str | None
    published_at: int
    teaser: str
    body: str
    language: str | None
    # The first article of the event this one reports; its own id when it is the first.
    story_id: int = 0

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ArticleRecord:
        return cls(
            id=row["id"],
            feed_id=row["feed_id"],
            source=row["source"],
            url=row["url"],
            title=row["title"],
            author=row["author"],
            published_at=row["published_at"],
            teaser=row["teaser"],
            body=row["body"],
            language=row["language"],
            story_id=row["story_id"] or row["id"],
        )


@dataclass(frozen=True)
class SearchHit:
    article: ArticleRecord
    snippet: str
    # Found across scripts (a name or concept written in another language's script).
    foreign: bool = False


@dataclass(frozen=True)
class TopicRecord:
    id: int
    name: str
    keywords: tuple[str, ...]
    origin: str
    # The keywords that also match their inflected forms (topics file `stem`).
    stemmed: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> TopicRecord:
        return cls(
            id=row["id"],
            name=row["name"],
            keywords=tuple(json.loads(row["keywords"])),
            origin=row["origin"],
            stemmed=tuple(json.loads(row["stemmed"])),
        )


@dataclass(frozen=True)
class ChatRecord:
    id: int
    type: str
    title: str
    thread_id: int | None
    language: str | None
    timezone: str | None
    delivery_mode: str
    digest_time: str | None
    quiet_start: str | None
    quiet_end: str | None
    active: bool
    created_at: int
    last_digest_at: int | None = None
    # The languages of the articles this chat receives and sees; empty for all of them.
    article_languages: tuple[str, ...] = ()
    # Set for a channel (or forum topic) an admin linked: the admin's user id.
    linked_by: int | None = None
    username: str | None = None
    silent: bool = False
    inactive_reason: str | None = None

    def zone(self, default: str) -> str:
        """The chat's IANA time zone name, or the bot's default when the chat set none."""
        return self.timezone or default

    @property
    def gets_digest(self) -> bool:
        """Articles wait for one daily digest instead of being pushed one by one."""
        return self.delivery_mode == DeliveryMode.DIGEST and bool(self.digest_time)

    @property
    def is_group(self) -> bool:
        """Paced like a group (20 a minute): groups, supergroups and channels."""
        return self.type in ("group", "supergroup", "channel")

    @property
    def linked(self) -> bool:
        """A channel or forum topic the bot posts stories to, rather than a chat it talks to."""
        return self.linked_by is not None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ChatRecord:
        return cls(
            id=row["id"],
            type=row["type"],
            title=row["title"],
            thread_id=row["thread_id"],
            language=row["language"],
            timezone=row["timezone"],
            delivery_mode=row["delivery_mode"],
            digest_time=row["digest_time"],
            quiet_start=row["quiet_start"],
            quiet_end=row["quiet_end"],
            active=bool(row["active"]),
            created_at=row["created_at"],
            last_digest_at=row["last_digest_at"],
            article_languages=tuple((row["article_languages"] or "").split()),
            linked_by=row["linked_by"],
            username=row["username"],
            silent=bool(row["silent"]),
            inactive_reason=row["inactive_reason"],
        )
