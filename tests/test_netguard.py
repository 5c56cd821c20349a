"""The network guard of the fetcher: private, loopback and odd addresses refused (each
resolved address checked, every redirect hop too), and in-process sites served without it."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import httpx
import pytest

from news.fetch import DEFAULT_USER_AGENT, Fetcher
from news.netguard import refusal_reason
from testkit.feedserver import FeedServer

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


# -- network guard -------------------------------------------------------------------------


async def test_loopback_refused_by_default(feed_server: FeedServer) -> None:
    feed_server.add("/feed.xml", RSS)
    async with Fetcher(allow_private_network=False) as fetcher:
        result = await fetcher.fetch(feed_server.url("/feed.xml"))
    assert result.status == "error"
    assert result.error == (
        "127.0.0.1 is a loopback address (set NEWSBRIEF_ALLOW_PRIVATE_NETWORK=true to allow it)"
    )
    assert feed_server.requests == []


async def test_localhost_name_refused_by_default(feed_server: FeedServer) -> None:
    feed_server.add("/feed.xml", RSS)
    async with Fetcher(allow_private_network=False) as fetcher:
        result = await fetcher.fetch(f"http://localhost:{feed_server.port}/feed.xml")
    assert result.error is not None
    assert "loopback address" in result.error
    assert "NEWSBRIEF_ALLOW_PRIVATE_NETWORK" in result.error
    assert feed_server.requests == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.1.2.3/", "10.1.2.3 is a private address"),
        ("http://192.168.0.1/", "192.168.0.1 is a private address"),
        ("http://169.254.169.254/latest", "169.254.169.254 is a link-local address"),
        ("http://100.64.0.1/", "100.64.0.1 is a shared address"),
        ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
        ("http://0.0.0.0:8080/", "0.0.0.0 is an unspecified address"),
        ("http://240.0.0.1/", "240.0.0.1 is a reserved address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://[fd00::1]/", "fd00::1 is a private address"),
        ("http://[::ffff:10.0.0.1]/", "::ffff:a00:1 is an IPv4-mapped private address"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is an IPv4-mapped loopback address"),
    ],
)
async def test_non_public_literal_addresses_are_refused(url: str, reason: str) -> None:
    refusal = await refusal_reason(url, allow_private=False)
    assert refusal == f"{reason} (set NEWSBRIEF_ALLOW_PRIVATE_NETWORK=true to allow it)"
    assert await refusal_reason(url, allow_private=True) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("gopher://example.com/", "unsupported URL scheme 'gopher'"),
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
        ("example.com/feed", "unsupported URL scheme (only"),
        ("http:///feed.xml", "URL has no host"),
        ("http://example.com:99999/", "malformed URL"),
    ],
)
async def test_bad_urls_are_refused_even_when_private_is_allowed(url: str, reason: str) -> None:
    refusal = await refusal_reason(url, allow_private=True)
    assert refusal is not None and refusal.startswith(reason)


async def test_public_literal_address_is_allowed() -> None:
    assert await refusal_reason("https://93.184.216.34/feed", allow_private=False) is None
    assert await refusal_reason("https://[2606:4700::1111]/", allow_private=False) is None


def _fake_getaddrinfo(addresses: list[str]) -> Any:
    async def getaddrinfo(host: str, port: int, **kwargs: Any) -> list[Any]:
        infos: list[Any] = []
        for address in addresses:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            infos.append((family, socket.SOCK_STREAM, 6, "", (address, port)))
        return infos

    return getaddrinfo


async def test_every_resolved_address_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    loop = asyncio.get_running_loop()
    monkeypatch.setattr(loop, "getaddrinfo", _fake_getaddrinfo(["93.184.216.34", "10.0.0.7"]))
    refusal = await refusal_reason("https://news.example/feed", allow_private=False)
    assert refusal is not None and refusal.startswith("10.0.0.7 is a private address")


async def test_public_hostname_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    loop = asyncio.get_running_loop()
    monkeypatch.setattr(loop, "getaddrinfo", _fake_getaddrinfo(["93.184.216.34"]))
    assert await refusal_reason("https://news.example/feed", allow_private=False) is None


async def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    async def failing(host: str, port: int, **kwargs: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", failing)
    refusal = await refusal_reason("http://example.invalid/feed", allow_private=False)
    assert refusal == "cannot resolve host example.invalid"


async def test_redirect_to_private_address_is_refused() -> None:
    # A public (here: in-process) site must not be able to bounce us into the LAN.
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})

    sites = {"sample.example": httpx.MockTransport(handler)}
    async with Fetcher(allow_private_network=False, local_sites=sites) as fetcher:
        result = await fetcher.fetch("https://sample.example/feed.xml")
    assert result.status == "error"
    assert result.error is not None and result.error.startswith("127.0.0.1 is a loopback")
    assert result.final_url == "http://127.0.0.1:9/admin"


# -- in-process sites ----------------------------------------------------------------------


async def test_local_sites_are_served_in_process(feed_server: FeedServer) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/moved":
            return httpx.Response(301, headers={"Location": "/feed.xml"})
        return httpx.Response(
            200, content=RSS, headers={"Content-Type": "application/rss+xml", "ETag": '"s1"'}
        )

    sites = {"Sample.Example": httpx.MockTransport(handler)}
    # No DNS exists here: were the guard applied, "sample.example" could not resolve.
    async with Fetcher(allow_private_network=False, local_sites=sites) as fetcher:
        result = await fetcher.fetch("https://sample.example/moved")
        other = await fetcher.fetch(feed_server.url("/feed.xml"))

    assert result.ok and result.body == RSS
    assert result.final_url == "https://sample.example/feed.xml"
    assert result.etag == '"s1"'
    assert [request.url.path for request in seen] == ["/moved", "/feed.xml"]
    assert seen[0].headers["user-agent"] == DEFAULT_USER_AGENT
    # Mounting a local site does not open the guard for other hosts.
    assert other.error is not None and "loopback" in other.error
