"""Polite, bounded HTTP fetching of feeds: conditional GET, size cap, guarded redirects.

`Fetcher.fetch` reports every network or HTTP problem in the returned `FetchResult`
instead of raising, so one bad feed can never stop a polling round.

Every socket is opened by `GuardedBackend` (news/transport.py), which resolves the host
once, checks every address with the private-address guard and connects only to those
checked addresses (no second lookup a rebinding DNS server could answer differently).
Bodies are read raw and decoded here with a bound on the output (news/decoding.py), so the
size cap holds while a compressed body inflates, not after.
"""

from __future__ import annotations

import asyncio
import math
import socket
import ssl
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Self

import httpx

from news.decoding import ACCEPT_ENCODING, DecodingRefused, body_decoder
from news.models import FetchResult
from news.netguard import AddressRefused, Resolver, refusal_reason, resolve
from news.transport import GuardedBackend, GuardedTransport

DEFAULT_USER_AGENT = "newsbrief/0.1 (+https://github.com/newsbrief/newsbrief)"
# Feed formats first; HTML is accepted at lower priority so a site's home page can still
# be fetched for feed autodiscovery, and */* keeps picky servers from answering 406.
DEFAULT_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_RETRY_AFTER_STATUSES = frozenset({429, 503})
_MAX_ERROR_LENGTH = 200
_KIB = 1024
_MIB = 1024 * 1024


class _BodyTooLarge(Exception):
    pass


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(limit: int) -> str:
    if limit % _MIB == 0:
        return f"{limit // _MIB} MB"
    if limit % _KIB == 0:
        return f"{limit // _KIB} KB"
    return f"{limit} bytes"


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None if unusable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        seconds = None
    if seconds is not None:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        # RFC 9110 dates are always GMT; a missing zone means the sender dropped it.
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def _retry_after_of(response: httpx.Response) -> float | None:
    if response.status_code not in _RETRY_AFTER_STATUSES:
        return None
    return parse_retry_after(response.headers.get("retry-after"))


def _status_text(response: httpx.Response) -> str:
    reason = response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code)
    return f"HTTP {response.status_code} {reason}".strip()


def _caused_by(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_ERROR_LENGTH else text[: _MAX_ERROR_LENGTH - 1] + "…"


class Fetcher:
    """Fetches feed URLs over one shared connection pool; use as an async context manager."""

    def __init__(
        self,
        *,
        allow_private_network: bool,
        user_agent: str = DEFAULT_USER_AGENT,
        max_bytes: int = 10 * 1024 * 1024,
        connect_timeout: float = 10,
        read_timeout: float = 20,
        max_redirects: int = 5,
        local_sites: Mapping[str, httpx.AsyncBaseTransport] | None = None,
        total_timeout: float = 120,
        resolver: Resolver = resolve,
    ) -> None:
        self._allow_private = allow_private_network
        self._resolver = resolver
        self._max_bytes = max_bytes
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._max_redirects = max_redirects
        # The per-read timeout alone lets a server drip one byte at a time forever.
        self._total_timeout = total_timeout
        sites = {host.lower(): transport for host, transport in (local_sites or {}).items()}
        self._local_hosts = frozenset(sites)
        backend = GuardedBackend(allow_private=allow_private_network, resolver=resolver)
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            # A transport of our own also means proxies from the environment are not used:
            # a proxy would connect where the guard cannot see.
            transport=GuardedTransport(backend),
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(
                connect=connect_timeout,
                read=read_timeout,
                write=read_timeout,
                pool=connect_timeout,
            ),
            mounts={f"all://{host}": transport for host, transport in sites.items()},
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (and the transports given as `local_sites`)."""
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = DEFAULT_ACCEPT,
    ) -> FetchResult:
        """GET `url`; never raises for network or HTTP trouble, only reports it."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with asyncio.timeout(self._total_timeout):
                return await self._follow(url, headers, etag, last_modified)
        except TimeoutError:
            return FetchResult(
                url=url,
                status="error",
                error=f"gave up after {_seconds(self._total_timeout)} in total",
            )

    async def _follow(
        self,
        url: str,
        headers: dict[str, str],
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult:
        current = url
        for _hop in range(self._max_redirects + 1):
            reason = await self._refusal(current)
            if reason is not None:
                return FetchResult(url=url, status="error", final_url=current, error=reason)
            try:
                request = self._client.build_request("GET", current, headers=headers)
                response = await self._client.send(request, stream=True)
            except AddressRefused as refused:
                error = refused.reason
                if not self._allow_private:
                    # The early check passed but the lookup made to connect did not: the
                    # name changed its answer in between (DNS rebinding, or a flaky DNS).
                    error = _clip(f"DNS answer changed before connecting: {error}")
                return FetchResult(url=url, status="error", final_url=current, error=error)
            except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:
                return FetchResult(
                    url=url, status="error", final_url=current, error=self._describe(exc, current)
                )
            try:
                location = response.headers.get("location")
                if response.status_code in _REDIRECT_STATUSES and location:
                    # The body of a redirect is never needed; closing releases the socket.
                    current = str(response.url.join(location.strip()))
                    continue
                return await self._finish(url, response, etag, last_modified)
            except httpx.InvalidURL as exc:
                return FetchResult(
                    url=url,
                    status="error",
                    final_url=current,
                    error=_clip(f"bad redirect target: {exc}"),
                )
            finally:
                await response.aclose()
        return FetchResult(
            url=url,
            status="error",
            final_url=current,
            error=f"too many redirects (more than {self._max_redirects})",
        )

    async def _refusal(self, url: str) -> str | None:
        try:
            host = (httpx.URL(url).host or "").lower()
        except (httpx.InvalidURL, ValueError):
            host = ""
        # Bundled in-process sites never touch the network, so there is nothing to guard.
        allow = self._allow_private or host in self._local_hosts
        return await refusal_reason(url, allow_private=allow, resolver=self._resolver)

    async def _finish(
        self,
        url: str,
        response: httpx.Response,
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult:
        final_url = str(response.url)
        status = response.status_code
        if status == 304:
            # Servers often omit the validators on 304; echo ours so the caller can store
            # whatever comes back without special-casing.
            return FetchResult(
                url=url,
                status="not_modified",
                final_url=final_url,
                content_type=response.headers.get("content-type"),
                etag=response.headers.get("etag") or etag,
                last_modified=response.headers.get("last-modified") or last_modified,
                http_status=status,
            )
        if not 200 <= status < 300:
            return FetchResult(
                url=url,
                status="error",
                final_url=final_url,
                http_status=status,
                error=_clip(_status_text(response)),
                retry_after=_retry_after_of(response),
            )
        body = await self._read_body(response)
        if isinstance(body, str):
            return FetchResult(
                url=url, status="error", final_url=final_url, http_status=status, error=body
            )
        return FetchResult(
            url=url,
            status="ok",
            body=body,
            final_url=final_url,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            http_status=status,
        )

    async def _read_body(self, response: httpx.Response) -> bytes | str:
        """The body of a successful response, or why it could not be read."""
        try:
            return await self._read_capped(response)
        except _BodyTooLarge:
            return f"response larger than {_size(self._max_bytes)}"
        except DecodingRefused as refused:
            return refused.reason
        except zlib.error:
            return "could not decode the compressed response"
        except httpx.HTTPError as exc:
            return self._describe(exc, str(response.url))

    async def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.strip().isdigit() and int(declared) > self._max_bytes:
            raise _BodyTooLarge
        if response.is_stream_consumed:
            # An in-process site (`local_sites`) answered with a body already in memory.
            if len(response.content) > self._max_bytes:
                raise _BodyTooLarge
            return response.content
        decoder = body_decoder(response.headers.get("content-encoding"))
        chunks: list[bytes] = []
        size = 0
        wire = 0
        # Raw bytes, decoded here with a bound: httpx's own decoding would inflate a whole
        # chunk (gigabytes, for a gzip bomb) before anything could count it.
        async for raw in response.aiter_raw():
            # Bytes after the end of a gzip stream pile up undecoded; count the wire too.
            wire += len(raw)
            piece = decoder.decode(raw, self._max_bytes - size)
            size += len(piece)
            if size > self._max_bytes or wire > self._max_bytes:
                raise _BodyTooLarge
            chunks.append(piece)
        return b"".join(chunks)

    def _describe(self, exc: Exception, url: str) -> str:
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            return f"could not connect within {_seconds(self._connect_timeout)}"
        if isinstance(exc, httpx.TimeoutException):
            return f"timed out after {_seconds(self._read_timeout)}"
        if _caused_by(exc, ConnectionRefusedError) or "refused" in str(exc).lower():
            return "connection refused"
        if _caused_by(exc, ConnectionResetError):
            return "connection reset by the server"
        if _caused_by(exc, socket.gaierror):
            return _clip(f"cannot resolve host {httpx.URL(url).host}")
        tls_error = _caused_by(exc, ssl.SSLError)
        if tls_error is not None:
            if isinstance(tls_error, ssl.SSLCertVerificationError):
                return _clip(f"TLS certificate rejected: {tls_error.verify_message}")
            return _clip(f"TLS error: {tls_error}")
        if isinstance(exc, httpx.DecodingError):
            return "could not decode the compressed response"
        if isinstance(exc, httpx.RemoteProtocolError):
            return _clip(f"server broke the HTTP protocol: {exc}")
        if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
            return _clip(f"invalid URL: {exc}")
        if isinstance(exc, UnicodeError):
            return "header value is not ASCII"
        detail = str(exc) or type(exc).__name__
        return _clip(f"request failed: {detail}")
