"""Hostile hosts against the fetcher's connections (issue 11): a DNS answer changed after
the guard checked it, the resolved address pinned (with SNI and the certificate's name kept
over TLS), and every redirect hop guarded. Every attack runs over real loopback HTTP."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from news.fetch import Fetcher
from news.netguard import IPAddress
from testkit.feedserver import FeedServer
from testkit.loopfeeds import item, rss

LONG = " ".join(["The delegations met again on Tuesday to continue the border talks."] * 12)


# -- 4. connections go to the address the guard checked -----------------------------------


def answers(*rounds: list[str]) -> tuple[Callable[[str, int], Awaitable[list[IPAddress]]], list]:
    """A resolver giving each round's addresses in turn (the last one from then on)."""
    asked: list[str] = []

    async def resolver(host: str, port: int) -> list[IPAddress]:
        asked.append(host)
        current = rounds[min(len(asked), len(rounds)) - 1]
        return [ipaddress.ip_address(a) for a in current]

    return resolver, asked


async def test_dns_rebinding_cannot_reach_loopback(feed_server: FeedServer) -> None:
    feed_server.add("/internal", b"<rss version='2.0'><channel><title>internal</title></channel>")
    # Public when checked, loopback afterwards: the classic rebinding answer.
    resolver, asked = answers(["93.184.216.34"], ["127.0.0.1"])
    async with Fetcher(allow_private_network=False, resolver=resolver) as fetcher:
        result = await fetcher.fetch(f"http://localhost:{feed_server.port}/internal")
    assert result.status == "error"
    assert result.error is not None
    assert result.error.startswith(
        "DNS answer changed before connecting: 127.0.0.1 is a loopback address"
    )
    assert feed_server.requests == []
    assert len(asked) == 2  # checked, then checked again by the connection itself


async def test_connection_uses_the_resolved_address_and_keeps_the_host(
    feed_server: FeedServer,
) -> None:
    feed = rss(item("p1", "Pinned", LONG, "http://127.0.0.1/p1"))
    feed_server.add("/feed.xml", feed)
    resolver, asked = answers(["127.0.0.1"])
    async with Fetcher(allow_private_network=True, resolver=resolver) as fetcher:
        # No DNS knows this name: only the injected answer can get the socket there.
        result = await fetcher.fetch(f"http://news.invalid:{feed_server.port}/feed.xml")
    assert result.ok and result.body == feed
    assert asked == ["news.invalid"]
    assert feed_server.requests[0][2]["host"] == f"news.invalid:{feed_server.port}"


class _TlsHandler(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append(("host", self.headers["Host"]))
        body = rss(item("s1", "Over TLS", LONG, "https://news.test/s1"))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate and key for "news.test"."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subject = ["-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"]
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            *subject,
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


async def test_pinned_https_keeps_sni_and_certificate_name(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = certificate
    server = HTTPServer(("127.0.0.1", 0), _TlsHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: _TlsHandler.seen.append(("sni", name))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    _TlsHandler.seen.clear()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust only this certificate
    resolver, _asked = answers(["127.0.0.1"])
    try:
        async with Fetcher(allow_private_network=True, resolver=resolver) as fetcher:
            port = server.server_address[1]
            result = await fetcher.fetch(f"https://news.test:{port}/feed.xml")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    # The socket went to the pinned address, yet TLS named and verified "news.test".
    assert result.ok, result.error
    assert _TlsHandler.seen == [("sni", "news.test"), ("host", f"news.test:{port}")]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://2130706433:{port}/x", "127.0.0.1 is a loopback address"),  # decimal
        # httpx itself refuses a dotted quad with a leading zero, before any connection.
        ("http://0177.0.0.1:{port}/x", "server broke the HTTP protocol: Invalid URL"),
        ("http://0x7f.1:{port}/x", "127.0.0.1 is a loopback address"),  # hex, short form
        ("http://[::ffff:127.0.0.1]:{port}/x", "::ffff:7f00:1 is an IPv4-mapped loopback"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local"),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://localhost:{port}/x", "127.0.0.1 is a loopback address"),
    ],
)
async def test_every_redirect_hop_is_guarded(
    feed_server: FeedServer, target: str, reason: str
) -> None:
    feed_server.add("/x", b"<rss version='2.0'><channel><title>internal</title></channel>")
    location = target.format(port=feed_server.port)

    # An outside site (served in-process) bounces the fetcher towards the inside.
    def bounce(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": location})

    sites = {"outside.example": httpx.MockTransport(bounce)}
    async with Fetcher(allow_private_network=False, local_sites=sites) as fetcher:
        result = await fetcher.fetch("https://outside.example/feed.xml")
    assert result.status == "error"
    assert result.error is not None and result.error.startswith(reason), result.error
    assert feed_server.requests == []
