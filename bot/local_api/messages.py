"""The fake Bot API's sends, edits and deletes, strict like Telegram: invalid HTML, over-long
text, bad buttons and posts where the bot may not post are refused."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from bot.local_api.records import BotApiError, SentMessage, as_int
from bot.local_api.state import TelegramState
from bot.render import (
    ALERT_LIMIT,
    CALLBACK_DATA_LIMIT,
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    html_problems,
    plain_text,
    utf16_len,
)


class MessageMethods(TelegramState):
    def _check_may_post(self, params: dict[str, Any]) -> None:
        """Telegram's answers when the bot may not post where it tries to. Like the chat lookups
        (chats.py), these answer the chat's state, not the message's content, so they count as
        scripted (tests arrange them), not as refusals of what the bot sent."""
        if params.get("allow_paid_broadcast") and self.paid_refusal:
            raise BotApiError(400, self.paid_refusal, scripted=True)
        chat = self.chats.get(as_int(params.get("chat_id")))
        if chat is None or chat.type == "private":
            return
        kind = "channel chat" if chat.type == "channel" else "supergroup chat"
        if chat.bot_status == "kicked":
            raise BotApiError(403, f"Forbidden: bot was kicked from the {kind}", scripted=True)
        if chat.bot_status == "left":
            raise BotApiError(403, f"Forbidden: bot is not a member of the {kind}", scripted=True)
        if chat.type == "channel" and (
            chat.bot_status != "creator"
            and (chat.bot_status != "administrator" or not chat.can_post_messages)
        ):
            raise BotApiError(
                400, "Bad Request: need administrator rights in the channel chat", scripted=True
            )
        thread = as_int(params.get("message_thread_id"))
        if thread and (not chat.is_forum or thread not in chat.threads):
            raise BotApiError(400, "Bad Request: message thread not found", scripted=True)

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        text = params.get("text") or ""
        if utf16_len(text) > ALERT_LIMIT:
            raise BotApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        self._check_may_post(params)
        text = str(params.get("text", ""))
        self._check_text(text, params.get("parse_mode"), limit=MESSAGE_LIMIT)
        return self._store_new(params, "text", text)

    def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._store_file(params, "photo")
        message["photo"] = [
            {"file_id": "photo1", "file_unique_id": "p1", "width": 800, "height": 500}
        ]
        return message

    def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._store_file(params, "document")
        message["document"] = {
            "file_id": "doc1",
            "file_unique_id": "d1",
            "file_name": self.sent[-1].file_name,
        }
        return message

    def _store_file(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        caption = str(params.get("caption", ""))
        if caption:
            self._check_text(caption, params.get("parse_mode"), limit=CAPTION_LIMIT)
        return self._store_new(params, kind, caption)

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, message_id = as_int(params["chat_id"]), as_int(params["message_id"])
        old = self.messages.get((chat_id, message_id))
        if old is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        text = str(params.get("text", ""))
        self._check_text(text, params.get("parse_mode"), limit=MESSAGE_LIMIT)
        markup = _markup(params.get("reply_markup"))
        if text == old.text and markup == old.reply_markup:
            raise BotApiError(
                400,
                "Bad Request: message is not modified: specified new message content "
                "and reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        return self._store_edit(old, text=text, parse_mode=params.get("parse_mode"), markup=markup)

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, message_id = as_int(params["chat_id"]), as_int(params["message_id"])
        old = self.messages.get((chat_id, message_id))
        if old is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        markup = _markup(params.get("reply_markup"))
        if markup == old.reply_markup:
            raise BotApiError(400, "Bad Request: message is not modified")
        return self._store_edit(old, text=old.text, parse_mode=old.parse_mode, markup=markup)

    def _api_deleteMessage(self, params: dict[str, Any]) -> bool:
        key = (as_int(params["chat_id"]), as_int(params["message_id"]))
        if self.messages.pop(key, None) is None:
            raise BotApiError(400, "Bad Request: message to delete not found")
        return True

    # --- helpers -----------------------------------------------------------------------

    def _check_text(self, text: str, parse_mode: Any, *, limit: int) -> None:
        if parse_mode == "HTML":
            problems = [p for p in html_problems(text) if "too long" not in p]
            if problems:
                raise BotApiError(400, f"Bad Request: can't parse entities: {problems[0]}")
            visible = plain_text(text)
        else:
            visible = text
        if not visible.strip():
            raise BotApiError(400, "Bad Request: message text is empty")
        if utf16_len(visible) > limit:
            raise BotApiError(400, "Bad Request: message is too long")

    def _store_new(self, params: dict[str, Any], kind: str, text: str) -> dict[str, Any]:
        chat_id = as_int(params["chat_id"])
        markup = _markup(params.get("reply_markup"))
        _check_markup(markup)
        counter = self._ids.setdefault(chat_id, itertools.count(1))
        preview = params.get("link_preview_options")
        if isinstance(preview, str):
            preview = json.loads(preview)
        message = SentMessage(
            chat_id=chat_id,
            message_id=next(counter),
            kind=kind,
            text=text,
            parse_mode=params.get("parse_mode"),
            reply_markup=markup,
            thread_id=as_int(params["message_thread_id"])
            if params.get("message_thread_id")
            else None,
            link_preview_disabled=bool(preview.get("is_disabled")) if preview else None,
            file_name=params.get("_file_name"),
            file_bytes=params.get("_file_bytes"),
            silent=bool(params.get("disable_notification")),
            paid=bool(params.get("allow_paid_broadcast")),
        )
        self.messages[(chat_id, message.message_id)] = message
        return self._emit(message)

    def _store_edit(
        self, old: SentMessage, *, text: str, parse_mode: Any, markup: dict[str, Any] | None
    ) -> dict[str, Any]:
        _check_markup(markup)
        message = SentMessage(
            chat_id=old.chat_id,
            message_id=old.message_id,
            kind=old.kind,
            text=text,
            parse_mode=parse_mode,
            reply_markup=markup,
            thread_id=old.thread_id,
            edited=True,
        )
        self.messages[(old.chat_id, old.message_id)] = message
        return self._emit(message)

    def _emit(self, message: SentMessage) -> dict[str, Any]:
        self.sent.append(message)
        for listener in list(self.listeners):
            listener(message)
        return self.message_dict(message)

    def message_dict(self, message: SentMessage) -> dict[str, Any]:
        known = self.chats.get(message.chat_id)
        chat_type = known.type if known else "private" if message.chat_id > 0 else "supergroup"
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": {"id": message.chat_id, "type": chat_type},
            "from": {
                "id": self.bot_id,
                "is_bot": True,
                "first_name": "newsbrief",
                "username": self.username,
            },
        }
        if message.kind == "text":
            data["text"] = (
                plain_text(message.text) if message.parse_mode == "HTML" else message.text
            )
        elif message.text:
            data["caption"] = (
                plain_text(message.text) if message.parse_mode == "HTML" else message.text
            )
        if message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.edited:
            data["edit_date"] = int(time.time())
        if message.thread_id:
            data["message_thread_id"] = message.thread_id
        return data


def _markup(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, dict) and value.get("inline_keyboard") else None


def _check_markup(markup: dict[str, Any] | None) -> None:
    if not markup:
        return
    rows = markup.get("inline_keyboard", [])
    buttons = [button for row in rows for button in row]
    if len(buttons) > 100 or any(len(row) > 8 for row in rows):
        raise BotApiError(400, "Bad Request: too many buttons")
    for button in buttons:
        data = button.get("callback_data")
        if data is not None and not 1 <= len(data.encode()) <= CALLBACK_DATA_LIMIT:
            raise BotApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        if not button.get("text"):
            raise BotApiError(400, "Bad Request: button text is empty")
