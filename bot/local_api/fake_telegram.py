"""FakeTelegram: the Bot API's state and answers, independent of transport. A call goes
through `handle`: an outage or a scripted error first, then the method's own answer."""

from __future__ import annotations

import json
from typing import Any

from bot.local_api.chats import ChatMethods
from bot.local_api.messages import MessageMethods
from bot.local_api.records import BAD_GATEWAY, ApiCall, BotApiError, as_int


class FakeTelegram(ChatMethods, MessageMethods):
    """The Bot API's state and answers, independent of transport."""

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self.outage == BAD_GATEWAY:
            response = {"ok": False, "error_code": 502, "description": "Bad Gateway"}
            self.calls.append(ApiCall(method, params, 502, response))
            return 502, response
        try:
            self._raise_scripted(method, params)
            result = self._dispatch(method, params)
            status, response = 200, {"ok": True, "result": result}
        except BotApiError as exc:
            response = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.scripted:
                response["scripted"] = True
            if exc.parameters:
                response["parameters"] = exc.parameters
            status = exc.code
        self.calls.append(ApiCall(method, params, status, response))
        return status, response

    def _raise_scripted(self, method: str, params: dict[str, Any]) -> None:
        for error in self.scripted:
            if error.method != method or error.times <= 0:
                continue
            if error.chat_id is not None and as_int(params.get("chat_id")) != error.chat_id:
                continue
            error.times -= 1
            raise BotApiError(error.error_code, error.description, error.parameters, scripted=True)

    def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise BotApiError(404, "Not Found: method not found")
        return handler(params)

    # --- methods -----------------------------------------------------------------------

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "newsbrief",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands") or []
        if isinstance(commands, str):
            commands = json.loads(commands)
        if len(commands) > 100:
            raise BotApiError(400, "Bad Request: too many commands")
        for command in commands:
            name, description = command["command"], command["description"]
            if not (1 <= len(name) <= 32) or not all(
                c.islower() or c.isdigit() or c == "_" for c in name
            ):
                raise BotApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise BotApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        key = json.dumps([params.get("scope"), params.get("language_code")], sort_keys=True)
        self.commands[key] = commands
        return True

    def _api_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.updates is None:
            return []
        found = []
        while not self.updates.empty():
            found.append(self.updates.get_nowait())
        return found

    def _api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            raise BotApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(self.files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True
