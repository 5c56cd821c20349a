"""The httpx transport that fetching goes through: httpx's own, over an httpcore pool whose
every TCP connection goes only to an address the private-address guard (news/netguard.py)
checked in the same lookup, so no second lookup a rebinding DNS server could answer
differently is ever made."""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx

from news.netguard import Resolver, guarded_addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, but a TCP connection goes only to an address that the
    guard checked in the same lookup."""

    def __init__(self, *, allow_private: bool, resolver: Resolver) -> None:
        self._allow_private = allow_private
        self._resolver = resolver
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        # Raises AddressRefused, which httpcore and httpx pass through untouched.
        addresses = await guarded_addresses(
            host, port, allow_private=self._allow_private, resolver=self._resolver
        )
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            # The host name still goes into the Host header and TLS SNI (httpcore takes
            # both from the request's origin); only the socket uses the checked address.
            try:
                return await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # guarded_addresses never returns an empty list
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport over a connection pool that connects through the guard."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        super().__init__()
        # httpx takes no network backend, and its transport keeps the httpcore pool in
        # `_pool` (httpx 0.27 and 0.28): swap in one built with httpx's default limits
        # and certificate checks, and our backend.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=backend,
        )
