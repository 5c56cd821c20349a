"""The fake Bot API's records: what the bot sent, the chats it knows, the calls it saw, and
the errors it answers with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.render import plain_text

BOT_ID = 7000000001
BOT_USERNAME = "newsbrief_bot"
# Kinds of FakeTelegram.outage.
BAD_GATEWAY = "bad_gateway"
TIMEOUT = "timeout"
ANSWER_LOST = "answer_lost"


@dataclass
class SentMessage:
    """A message the bot sent (or its latest edit)."""

    chat_id: int
    message_id: int
    kind: str  # "text", "photo", "document"
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    thread_id: int | None = None
    edited: bool = False
    link_preview_disabled: bool | None = None
    file_name: str | None = None
    file_bytes: bytes | None = None
    silent: bool = False  # disable_notification
    paid: bool = False  # allow_paid_broadcast

    @property
    def plain(self) -> str:
        return plain_text(self.text) if self.parse_mode == "HTML" else self.text

    @property
    def buttons(self) -> list[dict[str, Any]]:
        if not self.reply_markup:
            return []
        return [b for row in self.reply_markup.get("inline_keyboard", []) for b in row]


@dataclass
class ScriptedError:
    method: str
    error_code: int
    description: str
    chat_id: int | None = None
    parameters: dict[str, Any] | None = None
    times: int = 1


@dataclass
class KnownChat:
    """A channel or group as getChat describes it, and what the bot may do there."""

    id: int
    type: str  # "channel", "supergroup", "group", "private"
    title: str = ""
    username: str | None = None
    is_forum: bool = False
    threads: tuple[int, ...] = ()
    # The bot's own membership: "administrator", "creator", "member", "left", "kicked".
    bot_status: str = "administrator"
    can_post_messages: bool = True


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any]


class BotApiError(Exception):
    def __init__(
        self,
        code: int,
        description: str,
        parameters: dict[str, Any] | None = None,
        *,
        scripted: bool = False,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters
        self.scripted = scripted


def as_int(value: Any) -> int:
    """A chat or message id as the Bot API takes it: a number, or its digits as text."""
    return int(value) if value is not None else 0
