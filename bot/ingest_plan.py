"""The pure decisions of a feed poll, no I/O: which entries need work this time (and which
of them want their article page), each body's line keys, and the boilerplate lines a batch
shows by itself. bot/ingest.py does the fetching and storing around them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from news.batch import EntryTexts
from news.clean import line_key
from news.dedupe import guid_key, url_key
from news.extract import needs_page
from news.models import Article
from news.normalize import canonical_url

# A line seen in this many different articles of one feed is that site's boilerplate.
BOILERPLATE_MIN_ARTICLES = 3
BOILERPLATE_MAX_LINE = 240

# An entry's dedupe keys: by its guid and by its canonical link (either may be missing).
EntryKeys = tuple[str | None, str | None]


@dataclass(frozen=True)
class Chosen:
    """An entry that is new or changed: stored (again) this poll."""

    texts: EntryTexts
    feed_text: str  # what the feed itself says: its content, or else its summary
    page_link: str | None  # the article page to read for the full text, if it wants one


def entry_keys(feed_url: str, texts: Sequence[EntryTexts]) -> list[EntryKeys]:
    return [
        (
            guid_key(feed_url, t.entry.guid),
            url_key(canonical_url(t.entry.link, feed_url)) if t.entry.link else None,
        )
        for t in texts
    ]


def choose(
    texts: Sequence[EntryTexts], keys: Sequence[EntryKeys], known: Mapping[str, str | None]
) -> list[Chosen]:
    """The entries to store; `known` maps stored keys to their entry's fingerprint."""
    chosen: list[Chosen] = []
    for item, (guid, url) in zip(texts, keys, strict=True):
        stored_key = guid if guid in known else url if url in known else None
        wants_page = needs_page(item.summary, item.content)
        if stored_key is not None and (wants_page or known[stored_key] == item.fingerprint):
            # Known and unchanged, or its page was read when it was new: re-reading
            # every poll would be neither cheap nor polite.
            continue
        link = item.entry.link if wants_page and item.entry.link else None
        chosen.append(Chosen(item, item.content or item.summary, link))
    return chosen


def line_keys(text: str) -> set[str]:
    return {
        line_key(line)
        for line in text.splitlines()
        if line.strip() and len(line) <= BOILERPLATE_MAX_LINE
    }


def batch_boilerplate(keys_per_body: Sequence[set[str]]) -> set[str]:
    """Lines that recur in enough of this batch's bodies to be boilerplate already."""
    counts = Counter(key for keys in keys_per_body for key in keys)
    return {key for key, n in counts.items() if n >= BOILERPLATE_MIN_ARTICLES}


def kept(
    built: Sequence[Article | None], keys_per_body: Sequence[set[str]]
) -> tuple[list[Article], list[set[str]]]:
    """The articles that were built (an entry without a usable text gives none), each with
    its body's line keys."""
    articles: list[Article] = []
    kept_keys: list[set[str]] = []
    for article, keys in zip(built, keys_per_body, strict=True):
        if article is not None:
            articles.append(article)
            kept_keys.append(keys)
    return articles, kept_keys
