"""Decide whether a feed URL may be fetched.

Feed URLs come from users and from redirects chosen by remote servers, so without this
check the bot could be steered into probing the host it runs on or the private network
behind it (SSRF). Every resolved address is checked because a hostname can map to a mix
of public and private addresses.

`refusal_reason` is the early check with a readable reason; `guarded_addresses` is what
the fetcher's connections use (news/fetch.py), so the socket goes to an address that was
checked in the same resolution: a DNS server answering differently the second time (DNS
rebinding) cannot slip a private address in between check and connect.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> every address the name stands for; injectable so tests can play DNS.
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

ALLOW_SETTING = "NEWSBRIEF_ALLOW_PRIVATE_NETWORK"

# 100.64.0.0/10 (carrier-grade NAT) is neither private nor global in `ipaddress`, so the
# generic "not global" fallback would describe it vaguely; name it explicitly.
_SHARED = ipaddress.ip_network("100.64.0.0/10")


def address_kind(address: IPAddress) -> str | None:
    """Name the kind of a non-public address, or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv6 socket reaches the embedded IPv4 host, so judge that host instead;
        # `is_private` alone would wrongly call every mapped address "private".
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            inner = address_kind(embedded)
            prefix = "IPv4-mapped" if address.ipv4_mapped is not None else "6to4"
            return f"{prefix} {inner}" if inner else None
    # Order matters: the specific kinds overlap with `is_private`/`is_reserved`.
    checks: list[tuple[bool, str]] = [
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (isinstance(address, ipaddress.IPv4Address) and address in _SHARED, "shared"),
        (address.is_reserved, "reserved"),
        (address.is_private, "private"),
        (not address.is_global, "non-public"),
    ]
    for matches, kind in checks:
        if matches:
            return kind
    return None


def _describe(address: IPAddress, kind: str) -> str:
    article = "an" if kind[0] in "aeiouIU" else "a"
    return f"{address} is {article} {kind} address (set {ALLOW_SETTING}=true to allow it)"


def _literal_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


class AddressRefused(Exception):
    """A host that must not be connected to; `reason` says why in words a person can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def resolve(host: str, port: int) -> list[IPAddress]:
    """The system resolver (getaddrinfo), every address it answers."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        # IPv6 link-local answers may carry a zone ("fe80::1%eth0"); the zone does not
        # change the kind of address, and ip_address() of Python 3.11 accepts it.
        addresses.append(ipaddress.ip_address(str(sockaddr[0])))
    return addresses


async def guarded_addresses(
    host: str, port: int, *, allow_private: bool, resolver: Resolver = resolve
) -> list[IPAddress]:
    """The addresses `host` may be connected to, resolved once; raises AddressRefused when
    it cannot be resolved or (unless `allow_private`) any of them is not public."""
    literal = _literal_ip(host.strip("[]"))
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = await resolver(host, port)
        except (OSError, UnicodeError, ValueError):
            # gaierror is an OSError; UnicodeError comes from hostnames IDNA rejects.
            raise AddressRefused(f"cannot resolve host {host}") from None
        if not addresses:
            raise AddressRefused(f"cannot resolve host {host}")
    if not allow_private:
        for address in addresses:
            kind = address_kind(address)
            if kind is not None:
                raise AddressRefused(_describe(address, kind))
    return list(dict.fromkeys(addresses))


async def refusal_reason(
    url: str, *, allow_private: bool, resolver: Resolver = resolve
) -> str | None:
    """Return None when `url` may be fetched, else a short reason a person can act on."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"malformed URL {url[:100]!r}"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme!r} " if scheme else ""
        return f"unsupported URL scheme {shown}(only http and https can be fetched)"
    host = parts.hostname
    if not host:
        return "URL has no host"
    if allow_private:
        return None
    try:
        await guarded_addresses(
            host,
            port or (443 if scheme == "https" else 80),
            allow_private=False,
            resolver=resolver,
        )
    except AddressRefused as refused:
        return refused.reason
    return None
