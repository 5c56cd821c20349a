"""Keys that recognise the same story again: by guid, by canonical URL, by its text.

Keys are stored in the database, so they must never change between runs or Python
versions: sha256 hex with a prefix naming the key kind and its version (bump the version
whenever the normalisation changes, so old and new keys never collide silently).
"""

from __future__ import annotations

import hashlib
import re

from news.normalize import canonical_url, is_web_url

GUID_KEY_PREFIX = "g1:"
URL_KEY_PREFIX = "u1:"
CONTENT_KEY_PREFIX = "c1:"
# Enough text to tell stories apart while ignoring edits far down (corrections, footers).
CONTENT_KEY_CHARS = 2000

_GLOBAL_SCHEMES = ("tag:", "urn:")
_WORDS = re.compile(r"[^\W_]+")


def _digest(prefix: str, *parts: str) -> str:
    # The separator cannot occur in a URL or a stripped guid, so parts never run together.
    joined = "\n".join(parts).encode("utf-8", errors="surrogatepass")
    return prefix + hashlib.sha256(joined).hexdigest()


def _is_global_guid(guid: str) -> bool:
    return is_web_url(guid) or guid.lower().startswith(_GLOBAL_SCHEMES)


def guid_key(feed_url: str, guid: str | None) -> str | None:
    """Key of an entry's guid; None when it has none. A URL, tag: or urn: guid names the
    story everywhere; any other guid ("1234") only means something within its own feed."""
    if guid is None or not guid.strip():
        return None
    guid = guid.strip()
    if _is_global_guid(guid):
        return _digest(GUID_KEY_PREFIX, "global", guid)
    return _digest(GUID_KEY_PREFIX, "feed", canonical_url(feed_url), guid)


def url_key(canonical: str) -> str:
    """Key of an already canonical article URL (see `normalize.canonical_url`)."""
    return _digest(URL_KEY_PREFIX, canonical.strip())


def _folded_words(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def content_key(title: str, body: str) -> str:
    """Key of the story's text, blind to case, punctuation and spacing, so a republished
    copy under another URL matches; the title stands in when there is no body."""
    # Fold a generous raw prefix, then cut, so extra spacing cannot shift the cut point.
    words = _folded_words(body[: CONTENT_KEY_CHARS * 10])[:CONTENT_KEY_CHARS]
    if words:
        return _digest(CONTENT_KEY_PREFIX, "body", words)
    return _digest(CONTENT_KEY_PREFIX, "title", _folded_words(title))
