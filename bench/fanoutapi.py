"""The fan-out benchmark's Bot API stand-in: FakeTelegram with Telegram's flood limits."""

from __future__ import annotations

import time
from collections import Counter, deque
from typing import Any

from bot.local_api import BAD_GATEWAY, BotApiError, FakeTelegram

TELEGRAM_LIMIT = 30  # messages per sliding second the stand-in accepts in scenario A
RETRY_AFTER = 1
PAID_LIMIT = 1000  # messages per sliding second the stand-in accepts in all, paid scenario


class LimitedTelegram(FakeTelegram):
    """FakeTelegram whose sendMessage accepts at most `limit` messages in any sliding second
    and answers a 429 with retry_after beyond that; limit None accepts everything. Keeps
    per-chat counts and the time of every attempt; the call log is bounded."""

    def __init__(self, limit: int | None, paid_limit: int | None = None) -> None:
        super().__init__()
        self.limit = limit
        # Paid broadcasts: `limit` counts only sends without allow_paid_broadcast, and
        # `paid_limit` counts every send.
        self.paid_limit = paid_limit
        self.all_window: deque[float] = deque()
        self.paid_accepted = 0
        self.calls = deque(maxlen=200)  # type: ignore[assignment]
        self.window: deque[float] = deque()
        self.accepted_at: list[float] = []
        self.refused_at: list[float] = []
        self.per_chat: Counter[int] = Counter()
        self.statuses: Counter[int] = Counter()
        self.other_errors: list[str] = []
        self.handle_seconds = 0.0
        # Outage scenario: Telegram goes down (502) once this many messages were accepted.
        self.down_after: int | None = None
        self.down_at = 0.0

    def reset(self) -> None:
        self.window.clear()
        self.accepted_at.clear()
        self.refused_at.clear()
        self.per_chat.clear()
        self.statuses.clear()
        self.other_errors.clear()
        self.all_window.clear()
        self.paid_accepted = 0
        self.sent.clear()
        self.messages.clear()
        self.handle_seconds = 0.0

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        started = time.perf_counter()
        status, response = super().handle(method, params)
        self.handle_seconds += time.perf_counter() - started
        if method == "sendMessage":
            self.statuses[status] += 1
            if status not in (200, 429) and len(self.other_errors) < 5:
                self.other_errors.append(str(response.get("description")))
        return status, response

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        now = time.monotonic()
        paid = bool(params.get("allow_paid_broadcast"))
        if self.paid_limit is not None:
            self._refuse_over(self.all_window, self.paid_limit, now)
        if self.limit is not None and not paid:
            self._refuse_over(self.window, self.limit, now)
        result = super()._api_sendMessage(params)
        if not paid:
            self.window.append(now)
        self.all_window.append(now)
        self.paid_accepted += paid
        self.accepted_at.append(now)
        self.per_chat[int(params["chat_id"])] += 1
        if self.down_after is not None and len(self.accepted_at) == self.down_after:
            self.outage, self.down_at = BAD_GATEWAY, now
        return result

    def _refuse_over(self, window: deque[float], limit: int, now: float) -> None:
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= limit:
            self.refused_at.append(now)
            raise BotApiError(
                429,
                f"Too Many Requests: retry after {RETRY_AFTER}",
                {"retry_after": RETRY_AFTER},
            )
