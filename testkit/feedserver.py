"""A real HTTP/1.1 server on 127.0.0.1 for tests, serving canned responses.

Runs in a daemon thread so async tests can talk to it over real sockets without sharing
their event loop.
"""

from __future__ import annotations

import gzip as gzip_module
import sys
import threading
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, ClassVar, Self

RequestRecord = tuple[str, str, dict[str, str]]


@dataclass(frozen=True)
class Route:
    body: bytes
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0
    gzip: bool = False
    chunked: bool = False


def _etag_matches(header: str, etag: str) -> bool:
    # Weak comparison (RFC 9110 13.1.2) is what If-None-Match uses.
    wanted = etag.removeprefix("W/")
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or wanted in tags


def _not_modified_since(header: str, last_modified: str) -> bool:
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return header.strip() == last_modified.strip()


class FeedServer:
    """Loopback HTTP server; register responses with `add` / `redirect` before fetching.

    `requests` holds (method, path, headers) for every request seen, with header names
    lower-cased, e.g. `server.requests[-1][2]["if-none-match"]`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, Route] = {}
        self._requests: list[RequestRecord] = []
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        self._stopping.clear()
        server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            # A short poll interval keeps stop(), and so every test's teardown, fast.
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="feed-server",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        # Wakes handlers sleeping in a `delay` so they don't outlive the test.
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- configuration -----------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FeedServer is not started")
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(
        self,
        path: str,
        body: bytes,
        *,
        content_type: str = "application/rss+xml",
        etag: str | None = None,
        last_modified: str | None = None,
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0,
        gzip: bool = False,
        chunked: bool = False,
    ) -> None:
        """Serve `body` at `path` (matched with its query string, then without).

        `chunked` sends the body without Content-Length, in several chunks.
        """
        route = Route(
            body=body,
            content_type=content_type,
            etag=etag,
            last_modified=last_modified,
            status=status,
            headers=dict(headers or {}),
            delay=delay,
            gzip=gzip,
            chunked=chunked,
        )
        with self._lock:
            self._routes[path] = route

    def redirect(self, path: str, to_path: str, status: int = 302) -> None:
        """Answer `path` with a redirect; `to_path` goes into Location verbatim."""
        self.add(path, b"", content_type="text/plain", status=status, headers={"Location": to_path})

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._requests)

    def paths_requested(self) -> list[str]:
        return [path for _method, path, _headers in self.requests]

    # -- used by the handler thread ----------------------------------------------------

    def _record(self, method: str, path: str, headers: dict[str, str]) -> Route | None:
        with self._lock:
            self._requests.append((method, path, headers))
            return self._routes.get(path) or self._routes.get(path.split("?", 1)[0])


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients in timeout and size-cap tests hang up on purpose; that is not a failure.
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Answers from the routes of `owner` (set on a subclass per server)."""

    protocol_version = "HTTP/1.1"
    owner: ClassVar[FeedServer]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, *, send_body: bool) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        route = self.owner._record(self.command, self.path, headers)
        if route is None:
            self._send(404, b"not found\n", {"Content-Type": "text/plain"}, send_body)
            return
        if route.delay and self.owner._stopping.wait(route.delay):
            return
        validators: dict[str, str] = {}
        if route.etag is not None:
            validators["ETag"] = route.etag
        if route.last_modified is not None:
            validators["Last-Modified"] = route.last_modified
        if 200 <= route.status < 300 and self._unchanged(route, headers):
            self._send(304, b"", {**validators, **route.headers}, send_body=False)
            return
        body = route.body
        extra = {"Content-Type": route.content_type, **validators, **route.headers}
        if route.gzip:
            body = gzip_module.compress(body)
            extra["Content-Encoding"] = "gzip"
        self._send(route.status, body, extra, send_body, chunked=route.chunked)

    def _unchanged(self, route: Route, headers: dict[str, str]) -> bool:
        # If-None-Match wins over If-Modified-Since when both are sent (RFC 9110).
        if route.etag is not None and "if-none-match" in headers:
            return _etag_matches(headers["if-none-match"], route.etag)
        if route.last_modified is not None and "if-modified-since" in headers:
            return _not_modified_since(headers["if-modified-since"], route.last_modified)
        return False

    def _send(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str],
        send_body: bool,
        *,
        chunked: bool = False,
    ) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not send_body or status == 304:
            return
        if not chunked:
            self.wfile.write(body)
            return
        piece = 16 * 1024
        for start in range(0, len(body), piece):
            chunk = body[start : start + piece]
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")


def _make_handler(owner: FeedServer) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"owner": owner})
