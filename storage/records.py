"""Typed rows handed out of the storage layer, so callers never see SQL or sqlite3.Row."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING, Any

from storage.states import DeliveryMode

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def concat_names(value: str | None) -> tuple[str, ...]:
    """The distinct names of a `group_concat(..., char(31))`, sorted; () for NULL."""
    return tuple(sorted(set((value or "").split("\x1f")) - {""}))


@cache
def _field_names(record: type[DataclassInstance]) -> tuple[str, ...]:
    return tuple(field.name for field in fields(record))


def _columns(
    record: type[DataclassInstance], row: sqlite3.Row, **converted: object
) -> dict[str, Any]:
    """Each field of a record read from the row's column of the same name, except the
    fields given here already converted (flags to bool, lists to tuples)."""
    return {
        name: converted[name] if name in converted else row[name] for name in _field_names(record)
    }


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
        return cls(**_columns(cls, row, paused=bool(row["paused"])))


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
        return cls(**_columns(cls, row, story_id=row["story_id"] or row["id"]))


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
            **_columns(
                cls,
                row,
                keywords=tuple(json.loads(row["keywords"])),
                stemmed=tuple(json.loads(row["stemmed"])),
            )
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
            **_columns(
                cls,
                row,
                active=bool(row["active"]),
                article_languages=tuple((row["article_languages"] or "").split()),
                silent=bool(row["silent"]),
            )
        )
