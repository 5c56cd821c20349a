"""Canonical forms of what an article is stored by: its URL, time, teaser and language."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that only say where a click came from; the page is the same without them.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "gclsrc",
        "yclid",
        "ysclid",
        "msclkid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "rb_clickid",
        "s_cid",
        "wickedid",
        "ref",
        "ref_src",
        "ref_url",
        "cmpid",
        "spm",
        "__twitter_impression",
        "at_medium",
        "at_campaign",
        "ncid",
        "sr_share",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "matomo_", "hsa_", "__hs")


def _is_tracking(name: str) -> bool:
    key = name.strip().lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str, base: str | None = None) -> str:
    """The one spelling of `url` used for keys and links: resolved against `base`, scheme
    and host lower-cased, default port, fragment and tracking parameters removed."""
    url = url.strip()
    try:
        if base:
            url = urljoin(base.strip(), url)
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        # Not a URL we can take apart (bad port, broken IPv6 literal): keep it as given.
        return url
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if parts.hostname is not None:
        host = parts.hostname.lower()
        if ":" in host:
            host = f"[{host}]"
        userinfo = netloc.rpartition("@")[0] + "@" if "@" in netloc else ""
        netloc = userinfo + host
        if port is not None and port != _DEFAULT_PORTS.get(scheme):
            netloc += f":{port}"
    path = parts.path
    if not path and netloc and scheme in _DEFAULT_PORTS:
        path = "/"
    # Split by hand so kept parameters keep their exact original encoding and order.
    kept = [
        piece
        for piece in parts.query.split("&")
        if piece and not _is_tracking(piece.partition("=")[0])
    ]
    return urlunsplit((scheme, netloc, path, "&".join(kept), ""))


def is_web_url(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def to_timestamp(published: datetime | None, *, fetched_at: int, max_skew: int = 600) -> int:
    """Unix seconds (UTC) of a publication time; the fetch time when the feed gave none or
    claimed a time in the future (beyond clock skew), so nothing sorts above real news."""
    if published is None:
        return fetched_at
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    stamp = int(published.timestamp())
    return fetched_at if stamp > fetched_at + max_skew else stamp


# Sentence ends: Latin/Cyrillic punctuation and the Armenian full stop (verjaket).
_SENTENCE_END = re.compile(r"(?<=[.!?…։])[\"'»”’)]*\s+")
_TRAILING_JUNK = " ,;:-–—(«\"'“„"
_ELLIPSIS = "…"
# Whole sentences are preferred, unless they would leave the teaser this much shorter.
_MIN_SENTENCE_SHARE = 0.4


def make_teaser(text: str, limit: int = 280) -> str:
    """The opening of `text` in at most `limit` characters: whole sentences when they fill
    enough of it, otherwise cut on a word boundary and marked with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    taken = ""
    for match in _SENTENCE_END.finditer(flat):
        candidate = flat[: match.start()].rstrip()
        if len(candidate) > limit:
            break
        taken = candidate
    if len(taken) >= limit * _MIN_SENTENCE_SHARE:
        return taken
    cut = flat[: limit - len(_ELLIPSIS)]
    mid_word = not flat[len(cut)].isspace()
    if mid_word and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(_TRAILING_JUNK) + _ELLIPSIS


# Scripts by the languages a regional newsroom sees; the first match wins.
_SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("hy", ((0x0531, 0x058F), (0xFB13, 0xFB17))),
    ("ru", ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))),
    ("ka", ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F))),
    ("en", ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x1E00, 0x1EFF))),
)
_CYRILLIC_LANGUAGES = frozenset(
    {
        "ru",
        "uk",
        "be",
        "bg",
        "sr",
        "mk",
        "kk",
        "ky",
        "tg",
        "mn",
        "tt",
        "ba",
        "cv",
        "os",
        "ab",
    }
)
_NON_LATIN_LANGUAGES = _CYRILLIC_LANGUAGES | {"hy", "ka", "fa", "ar", "he", "zh", "ja", "ko"}


def language_code(tag: str | None) -> str | None:
    """Primary language subtag of a BCP 47 / RSS language tag: "en-US" -> "en"."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


# One character class per script: counting with findall runs in C, not per letter in Python.
_SCRIPT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        language,
        re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]"),
    )
    for language, ranges in _SCRIPTS
)


def detect_language(text: str, default: str | None = None) -> str | None:
    """Language guessed from the script most letters are in: Armenian -> "hy", Cyrillic ->
    "ru", Georgian -> "ka", Latin -> "en". The feed's language (`default`) wins when it is
    written in that same script, since a script alone cannot tell French from English."""
    default = language_code(default)
    counts = {
        language: found
        for language, pattern in _SCRIPT_PATTERNS
        if (found := len(pattern.findall(text)))
    }
    if not counts:
        return default
    script = max(counts, key=lambda name: counts[name])
    if script == "ru" and default in _CYRILLIC_LANGUAGES:
        return default
    if script == "en" and default is not None and default not in _NON_LATIN_LANGUAGES:
        return default
    return script
