"""Bytes of a fetched feed or page into text, in the charset the document is really in.

Order of evidence: the Content-Type header's charset, then a byte-order mark, then the
document's own declaration (`<meta charset>`, `<meta http-equiv="Content-Type">`,
`<?xml encoding?>`), then detection by charset-normalizer. A label (header or declaration)
is only believed when the bytes decode cleanly under it, and bytes that are valid non-ASCII
UTF-8 are UTF-8 whatever legacy charset a label names: servers and CMSs keep stale labels,
and a page must never end up full of replacement characters because a label lied.
Pure: no I/O, no logging.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Declarations sit at the very top of a document; HTML5 asks them within the first 1024
# bytes, but real pages put long comments and scripts first, so look a little further.
_SNIFF_BYTES = 4096
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A document that could be read as ASCII cannot really be in these: a declaration naming
# one in readable ASCII bytes is wrong by construction (HTML5 treats it as UTF-8 too).
_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
# Labels that are not legacy charsets. Text in a legacy charset (single-byte, or multi-byte
# like Shift_JIS) practically never forms valid multi-byte UTF-8.
_NOT_LEGACY = frozenset({"utf-8", "utf-8-sig", "ascii"}) | _WIDE

# charset-normalizer's own names, most used on news sites first (W3Techs shares).
_COMMON_ON_THE_WEB = ("cp1252", "cp1251", "koi8_r", "cp1250", "iso8859_15", "iso8859_2")
# The legacy encodings of the WHATWG Encoding Standard, i.e. what a browser would consider:
# left to all of Python's codecs, short Russian feeds come out as DOS code pages.
_WEB_ENCODINGS = (
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "koi8_r", "koi8_u", "mac_cyrillic", "mac_roman", "cp866", "cp874",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr", "utf_16_le", "utf_16_be",
)  # fmt: skip
_TIE_CHAOS = 0.005
_TIE_COHERENCE = 0.05


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    source: str  # "header", "bom", "sniffed", "declaration", "utf-8", "detected", "fallback"


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if it names a known codec."""
    if not content_type:
        return None
    found = _HEADER_CHARSET.search(content_type)
    return _codec(found.group(1)) if found else None


def declared_charset(body: bytes) -> str | None:
    """The charset a document declares about itself, if it names a known codec."""
    head = body[:_SNIFF_BYTES]
    found = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    codec = _codec(found.group(1).decode("ascii"))
    if codec in _WIDE:
        # Read here in ASCII, so the document is not in a 16- or 32-bit encoding.
        return "utf-8"
    return codec


def decode(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a fetched document by its header, BOM, own declaration, else detection."""
    header = header_charset(content_type)
    if header is not None and (text := _utf8_override(body, header)) is not None:
        return Decoded(text, "utf-8", "utf-8")
    if header is not None and (text := _strict(body, header)) is not None:
        return Decoded(text, header, "header")
    for bom, codec in _BOMS:
        if body.startswith(bom) and (text := _strict(body, codec)) is not None:
            return Decoded(text, codec, "bom")
    wide = _sniff_wide(body)
    if wide is not None and (text := _strict(body, wide)) is not None:
        return Decoded(text, wide, "sniffed")
    declared = declared_charset(body)
    if declared is not None and (text := _utf8_override(body, declared)) is not None:
        return Decoded(text, "utf-8", "utf-8")
    if declared is not None and (text := _strict(body, declared)) is not None:
        return Decoded(text, declared, "declaration")
    if (text := _strict(body, "utf-8")) is not None:
        return Decoded(text, "utf-8", "utf-8")
    detected = _detect(body)
    if detected is not None and (text := _strict(body, detected)) is not None:
        return Decoded(text, detected, "detected")
    # Nothing reads it cleanly: windows-1252 maps almost every byte, so at least the
    # ASCII and most Latin text stays readable instead of turning into U+FFFD.
    return Decoded(body.decode("cp1252", errors="replace"), "cp1252", "fallback")


def _detect(body: bytes) -> str | None:
    """charset-normalizer's pick; among candidates it finds equally plausible (short
    texts often tie windows-1252 with windows-1250), the one the web actually uses."""
    results = list(charset_normalizer.from_bytes(body, cp_isolation=list(_WEB_ENCODINGS)))
    if not results:
        return None
    best = results[0]
    tied = [
        m.encoding
        for m in results
        if m.chaos <= best.chaos + _TIE_CHAOS and m.coherence >= best.coherence - _TIE_COHERENCE
    ]
    for common in _COMMON_ON_THE_WEB:
        if common in tied:
            return _codec(common)
    return _codec(best.encoding)


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _sniff_wide(body: bytes) -> str | None:
    """UTF-16 without a BOM, told by where its NUL bytes fall (markup and Cyrillic alike
    have a zero high byte). Such bytes are often valid UTF-8 too, full of NULs, so this
    must come before any UTF-8 reading."""
    head = body[:_SNIFF_BYTES]
    if len(head) < 4 or b"\x00" not in head[:64]:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > half // 4 and even * 8 < odd:
        return "utf-16-le"
    if even > half // 4 and odd * 8 < even:
        return "utf-16-be"
    return None


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8_override(body: bytes, label: str) -> str | None:
    """The body read as UTF-8 when a legacy label sits on bytes that are valid, non-ASCII
    UTF-8; None otherwise."""
    if label in _NOT_LEGACY:
        return None
    if body.isascii() or body.startswith(tuple(bom for bom, _ in _BOMS)):
        return None
    return _strict(body, "utf-8")
