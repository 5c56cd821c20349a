"""Bounded decoding of a response's Content-Encoding.

A few KB of gzip can inflate to gigabytes, and a decoder that returns whatever one chunk
inflates to has already used the memory before any size check can look at it. Here every
call is told how many bytes it may still produce and never returns more than one byte
past that, so the caller's cap holds during decoding, not after it.
"""

from __future__ import annotations

import zlib
from typing import Protocol

# What we ask servers for: only codings that can be decoded with a bound on the output.
ACCEPT_ENCODING = "gzip, deflate"

_GZIP_WBITS = 16 + zlib.MAX_WBITS


class DecodingRefused(Exception):
    """The response's encoding is not one we decode; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BodyDecoder(Protocol):
    def decode(self, data: bytes, room: int) -> bytes:
        """Decoded bytes of `data`: at most `room` + 1 of them (more than `room` means
        the body is over the cap and the caller stops)."""
        ...


class _Identity:
    def decode(self, data: bytes, room: int) -> bytes:
        return data


class _Zlib:
    def __init__(self, *, gzip: bool) -> None:
        self._gzip = gzip
        self._started = False
        self._inflate = zlib.decompressobj(_GZIP_WBITS if gzip else zlib.MAX_WBITS)

    def decode(self, data: bytes, room: int) -> bytes:
        # max_length stops inflating once the output is full; input left over then sits
        # in unconsumed_tail, but a full output already means "too large", so no loop.
        limit = max(room, 0) + 1
        if self._gzip or self._started:
            return self._inflate.decompress(data, limit)
        self._started = True
        try:
            return self._inflate.decompress(data, limit)
        except zlib.error:
            # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate.
            self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflate.decompress(data, limit)


def body_decoder(content_encoding: str | None) -> BodyDecoder:
    """The decoder for a Content-Encoding header; raises DecodingRefused for codings we
    do not decode and for stacked ones ("gzip, gzip" is how a 3.5 KB bomb reaches 4 GB)."""
    codings = [
        coding.strip().lower()
        for coding in (content_encoding or "").split(",")
        if coding.strip() and coding.strip().lower() != "identity"
    ]
    if not codings:
        return _Identity()
    if len(codings) > 1:
        raise DecodingRefused(f"stacked content encodings refused ({', '.join(codings)[:80]})")
    coding = codings[0]
    if coding in ("gzip", "x-gzip"):
        return _Zlib(gzip=True)
    if coding == "deflate":
        return _Zlib(gzip=False)
    raise DecodingRefused(f"unsupported content encoding {coding[:40]!r}")
