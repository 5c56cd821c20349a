"""The in-process Bot API (bot.local_api.FakeTelegram) served over real HTTP on loopback, so
`newsbrief run` can be tested as a separate process through NEWSBRIEF_TELEGRAM_API_URL."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qsl

from bot.local_api import FakeTelegram, SentMessage, UpdateFactory


class FakeBotServer:
    KILL_GRACE = 1.5
    def __init__(self, token: str) -> None:
        self.token = token
        self.telegram = FakeTelegram()
        self.factory = UpdateFactory()
        self._pending: list[dict[str, Any]] = []
        self._lock = threading.Condition()
        self.methods: list[str] = []
        self.refuse_token = False
        # (n, "before" | "after", pid): SIGKILL that process at the n-th sendMessage, before
        # the message is accepted or after it was accepted but before the answer goes back.
        self.kill_at: tuple[int, str, int] | None = None
        self.send_count = 0
        # Arrival time (monotonic) of every sendMessage accepted, for rate checks.
        self.accepted_at: list[float] = []
        self.frozen = threading.Event()
        self.killed = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def start(self) -> FakeBotServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def revive(self) -> None:
        """After a kill: accept requests again (from the restarted process)."""
        self.frozen.clear()
        self.killed.clear()

    def push(self, text: str, *, user_id: int = 1) -> None:
        with self._lock:
            self._pending.append(self.factory.message(text, user_id=user_id))
            self._lock.notify_all()

    def wait_for(self, predicate: Any, timeout: float = 30) -> list[SentMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                sent = list(self.telegram.sent)
            if predicate(sent):
                return sent
            time.sleep(0.05)
        raise AssertionError(f"timed out; sent so far: {[m.text[:80] for m in sent]}")

    def _take_updates(self, timeout: float) -> list[dict[str, Any]]:
        with self._lock:
            if not self._pending:
                self._lock.wait(timeout=min(timeout, 1.0))
            taken, self._pending = self._pending, []
            return taken

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"server_state": self})


class _Handler(BaseHTTPRequestHandler):
    """Answers as the Bot API of `server_state` (set on a subclass per server)."""

    server_state: ClassVar[FakeBotServer]

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        server = self.server_state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode()
        if "json" in (self.headers.get("Content-Type") or ""):
            params = json.loads(raw or "{}")
        else:
            params = dict(parse_qsl(raw))
        prefix, _, method = self.path.rpartition("/")
        server.methods.append(method)
        if prefix != f"/bot{server.token}" or server.refuse_token:
            self._answer(401, {"ok": False, "error_code": 401,
                               "description": "Unauthorized"})
            return
        if method == "getUpdates":
            updates = server._take_updates(float(params.get("timeout", 0) or 0))
            self._answer(200, {"ok": True, "result": updates})
            return
        if server.frozen.is_set():
            # The process is being killed: nothing that arrives now is accepted.
            server.killed.wait(timeout=10)
            return
        kill = None
        if method == "sendMessage" and server.kill_at is not None:
            with server._lock:
                server.send_count += 1
                if server.send_count == server.kill_at[0]:
                    kill, server.kill_at = server.kill_at, None
                    server.frozen.set()
        status = 0
        response: dict[str, Any] = {}
        if kill is None or kill[1] == "after":
            arrived = time.monotonic()
            with server._lock:
                status, response = server.telegram.handle(method, params)
                if method == "sendMessage" and status == 200:
                    server.accepted_at.append(arrived)
        if kill is not None:
            # Let answers already on their way arrive and be recorded by the bot, so
            # the only message in doubt is this one.
            time.sleep(server.KILL_GRACE)
            os.kill(kill[2], signal.SIGKILL)
            server.killed.set()
            return
        self._answer(status, response)

    do_GET = do_POST

    def _answer(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
