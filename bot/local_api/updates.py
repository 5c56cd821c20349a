"""UpdateFactory: the updates a person's actions produce, as Telegram would send them."""

from __future__ import annotations

import itertools
import time
from typing import Any

from bot.render import utf16_len


class UpdateFactory:
    """Builds the updates a person's actions produce, as Telegram would send them."""

    def __init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100000)

    def message(
        self,
        text: str,
        *,
        user_id: int,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str | None = "en",
        thread_id: int | None = None,
        document: dict[str, Any] | None = None,
        first_name: str = "Reader",
    ) -> dict[str, Any]:
        chat_id = user_id if chat_id is None else chat_id
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type, first_name),
            "from": _user(user_id, first_name, language_code),
        }
        if document is not None:
            message["document"] = document
            if text:
                message["caption"] = text
        else:
            message["text"] = text
            command = text.split(maxsplit=1)[0] if text.startswith("/") and text.strip() else ""
            if command:
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
                ]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        return {"update_id": next(self._update_ids), "message": message}

    def callback(
        self,
        data: str,
        *,
        user_id: int,
        message: dict[str, Any],
        language_code: str | None = "en",
        first_name: str = "Reader",
    ) -> dict[str, Any]:
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._message_ids)),
                "from": _user(user_id, first_name, language_code),
                "chat_instance": "console",
                "data": data,
                "message": message,
            },
        }


def _chat(chat_id: int, chat_type: str, first_name: str) -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = first_name
    else:
        chat["title"] = f"Group {chat_id}"
    return chat


def _user(user_id: int, first_name: str, language_code: str | None) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    return user
