"""The fake Bot API's state: what tests arrange (chats, files, scripted errors, outages) and
what it saw (calls, messages). The methods that read and change it are in chats.py and
messages.py; fake_telegram.py puts them together."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.local_api.records import (
    BOT_ID,
    BOT_USERNAME,
    ApiCall,
    KnownChat,
    ScriptedError,
    SentMessage,
)


@dataclass
class TelegramState:
    """What the fake Bot API holds; FakeTelegram adds the methods that answer from it."""

    bot_id: int = BOT_ID
    username: str = BOT_USERNAME
    messages: dict[tuple[int, int], SentMessage] = field(default_factory=dict)
    sent: list[SentMessage] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)
    scripted: list[ScriptedError] = field(default_factory=list)
    # Telegram down for every chat and method while set: BAD_GATEWAY answers 502;
    # TIMEOUT never answers (the request is not acted on; LocalBotApi raises TimedOut);
    # ANSWER_LOST acts on the request, then the answer never comes (TimedOut too).
    outage: str | None = None
    # (chat_id, user_id) -> "creator" | "administrator" | "member"; private chats: creator.
    members: dict[tuple[int, int], str] = field(default_factory=dict)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    listeners: list[Callable[[SentMessage], None]] = field(default_factory=list)
    updates: asyncio.Queue[dict[str, Any]] | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    # Chats getChat knows beyond private ones (channels, forum groups), by id.
    chats: dict[int, KnownChat] = field(default_factory=dict)
    # Set: a send with allow_paid_broadcast is refused with this description (no Stars).
    paid_refusal: str | None = None
    _ids: dict[int, itertools.count[int]] = field(default_factory=dict)

    def add_chat(self, chat: KnownChat) -> KnownChat:
        self.chats[chat.id] = chat
        return chat

    def add_file(self, data: bytes) -> str:
        """A file a person sent: its file_id, to put in a document update."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = data
        return file_id

    def script(self, method: str, error_code: int, description: str, **kwargs: Any) -> None:
        self.scripted.append(ScriptedError(method, error_code, description, **kwargs))

    def refused(self) -> list[ApiCall]:
        """Calls Telegram would have refused for their content (not scripted errors)."""
        return [
            call for call in self.calls if call.status == 400 and "scripted" not in call.response
        ]
