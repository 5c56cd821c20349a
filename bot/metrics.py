"""Operational figures for Prometheus, and an optional HTTP endpoint with /healthz and
/metrics (NEWSBRIEF_METRICS_LISTEN). Each Metrics has its own registry, so tests and several
bots in one process never share counters."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

log = logging.getLogger(__name__)

# The scheduler ticks at least this often; a longer silence means the bot is stuck.
HEALTHY_TICK_AGE = 180.0
# newsbrief_telegram_breaker_state: sending, Telegram unreachable, probing it.
BREAKER_CLOSED, BREAKER_OPEN, BREAKER_PROBING = 0, 1, 2


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = self._counter("newsbrief_updates_total", "Telegram updates handled")
        self.deliveries = self._counter(
            "newsbrief_deliveries_total", "Outbox deliveries by outcome", "outcome"
        )
        self.fetches = self._counter(
            "newsbrief_feed_fetches_total", "Feed fetches by outcome", "outcome"
        )
        self.queue_depth = self._gauge(
            "newsbrief_outbox_pending", "Deliveries waiting in the outbox"
        )
        self.send_rate = self._gauge(
            "newsbrief_send_rate", "Messages sent per second over the last drain"
        )
        self.breaker_state = self._gauge(
            "newsbrief_telegram_breaker_state",
            "Delivery circuit breaker: 0 closed (sending), 1 open (Telegram unreachable, "
            "pushes paused), 2 probing",
        )
        self.outages = self._counter(
            "newsbrief_telegram_outages_total", "Telegram-wide outages seen by the outbox worker"
        )
        self.paid_messages = self._counter(
            "newsbrief_paid_broadcast_messages_total",
            "Messages sent with allow_paid_broadcast (charged in Telegram Stars)",
        )
        self.last_tick = time.monotonic()
        # Unix time the current Telegram outage began, None when there is none.
        self.outage_since: float | None = None
        # Set while several instances share a database (bot/cluster.py): what /healthz says
        # of it, and why it cannot be reached (None while it can).
        self.database_line: str | None = None
        self.database_error: str | None = None

    def _counter(self, name: str, documentation: str, *labels: str) -> Counter:
        return Counter(name, documentation, labels, registry=self.registry)

    def _gauge(self, name: str, documentation: str) -> Gauge:
        return Gauge(name, documentation, registry=self.registry)

    def tick(self) -> None:
        self.last_tick = time.monotonic()

    @property
    def healthy(self) -> bool:
        return time.monotonic() - self.last_tick < HEALTHY_TICK_AGE

    def health(self) -> tuple[int, str]:
        """/healthz: 503 when the scheduler stalled (a restart may help); 200 "degraded"
        during a Telegram outage (a restart would not: the outbox waits and resumes)."""
        if not self.healthy:
            return 503, "stalled\n"
        if self.database_error is not None:
            return 503, f"database unreachable: {self.database_error}\n"
        since = self.outage_since
        if since is not None:
            moment = datetime.fromtimestamp(since, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            return 200, f"degraded: Telegram unreachable since {moment}, pushes paused\n"
        if self.database_line is not None:
            return 200, f"ok\n{self.database_line}\n"
        return 200, "ok\n"

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsServer:
    """A small threaded HTTP server: /healthz (200 ok or degraded, 503 stalled) and /metrics."""

    def __init__(self, metrics: Metrics, host: str, port: int) -> None:
        self.metrics = metrics
        self._server = ThreadingHTTPServer((host, port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> MetricsServer:
        self._thread.start()
        log.info("health and metrics on port %s", self.port)
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        metrics = self.metrics

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                if self.path.split("?")[0] == "/healthz":
                    status, body = metrics.health()
                    self._send(status, body.encode(), "text/plain; charset=utf-8")
                elif self.path.split("?")[0] == "/metrics":
                    self._send(200, metrics.render(), CONTENT_TYPE_LATEST)
                else:
                    self._send(404, b"not found\n", "text/plain; charset=utf-8")

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
