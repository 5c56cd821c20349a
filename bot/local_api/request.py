"""LocalBotApi: python-telegram-bot's request layer, answered in-process by a FakeTelegram."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from bot.local_api.fake_telegram import FakeTelegram
from bot.local_api.records import ANSWER_LOST, TIMEOUT, ApiCall


class LocalBotApi(BaseRequest):
    """python-telegram-bot's request layer, answered in-process by a FakeTelegram."""

    def __init__(self, telegram: FakeTelegram | None = None) -> None:
        self.telegram = telegram or FakeTelegram()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if method == "GET" and "/documents/" in url:
            stored = self.telegram.files.get(api_method)
            return (200, stored) if stored is not None else (404, b"")
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            for name, value in request_data.multipart_data.items():
                file_name, upload = value[0], value[1]
                params["_file_name"] = file_name
                params["_file_bytes"] = upload if isinstance(upload, bytes) else upload.read()
                params.setdefault(name, f"attach://{name}")
        if api_method == "getUpdates":
            # Long polling would wait; a short pause keeps an idle updater from spinning.
            await asyncio.sleep(0.05)
        if self.telegram.outage == TIMEOUT:
            self.telegram.calls.append(ApiCall(api_method, params, 0, {"timeout": True}))
            raise TimedOut
        status, response = self.telegram.handle(api_method, params)
        if self.telegram.outage == ANSWER_LOST:
            raise TimedOut  # acted on, but the answer never reached the bot
        return status, json.dumps(response).encode()
