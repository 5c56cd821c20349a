"""An in-process stand-in for the Telegram Bot API.

`newsbrief console` plugs it into python-telegram-bot's request layer so the real
Application, handlers, jobs and delivery code run with no network; tests use it to see every
message and to script Telegram's errors (429, 403, migration, parse errors) and outages
(`FakeTelegram.outage`). It is strict like Telegram: invalid HTML, over-long text or callback
data are refused with a 400.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from bot.render import CALLBACK_DATA_LIMIT, CAPTION_LIMIT, html_problems, plain_text, utf16_len

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


@dataclass
class FakeTelegram:
    """The Bot API's state and answers, independent of transport."""

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

    def _known(self, chat_ref: Any) -> KnownChat | None:
        if isinstance(chat_ref, str) and chat_ref.startswith("@"):
            wanted = chat_ref[1:].casefold()
            return next(
                (c for c in self.chats.values() if (c.username or "").casefold() == wanted), None
            )
        return self.chats.get(_int(chat_ref))

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
            if error.chat_id is not None and _int(params.get("chat_id")) != error.chat_id:
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

    def _api_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        ref = params["chat_id"]
        known = self._known(ref)
        if known is None:
            if (isinstance(ref, str) and ref.startswith("@")) or _int(ref) <= 0:
                # Unknown name, or a private chat the bot is not in: Telegram cannot tell.
                raise BotApiError(400, "Bad Request: chat not found", scripted=True)
            known = KnownChat(_int(ref), "private")
        if (
            known.type != "private"
            and known.bot_status in ("left", "kicked")
            and not known.username
        ):
            raise BotApiError(400, "Bad Request: chat not found", scripted=True)
        chat: dict[str, Any] = {
            "id": known.id,
            "type": known.type,
            "accent_color_id": 0,
            "max_reaction_count": 11,
        }
        if known.type == "private":
            chat["first_name"] = known.title or "User"
        else:
            chat["title"] = known.title or f"Chat {known.id}"
        if known.username:
            chat["username"] = known.username
        if known.is_forum:
            chat["is_forum"] = True
        return chat

    def _api_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        known = self._known(params["chat_id"])
        user_id = _int(params["user_id"])
        if known is not None and user_id == self.bot_id and known.type != "private":
            return self._bot_member(known)
        chat_id = known.id if known is not None else _int(params["chat_id"])
        status = self.members.get((chat_id, user_id), "creator" if chat_id > 0 else "member")
        member: dict[str, Any] = {
            "status": status,
            "user": {"id": user_id, "is_bot": False, "first_name": "User"},
        }
        if status == "creator":
            member["is_anonymous"] = False
        if status == "administrator":
            member.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": True,
                    "can_restrict_members": True,
                    "can_promote_members": False,
                    "can_change_info": True,
                    "can_invite_users": True,
                    "can_post_stories": False,
                    "can_edit_stories": False,
                    "can_delete_stories": False,
                }
            )
        return member

    def _bot_member(self, chat: KnownChat) -> dict[str, Any]:
        bot = {"id": self.bot_id, "is_bot": True, "first_name": "newsbrief"}
        member: dict[str, Any] = {"status": chat.bot_status, "user": bot}
        if chat.bot_status == "kicked":
            member["until_date"] = 0
        if chat.bot_status == "creator":
            member["is_anonymous"] = False
        if chat.bot_status == "administrator":
            member.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": False,
                    "can_restrict_members": False,
                    "can_promote_members": False,
                    "can_change_info": False,
                    "can_invite_users": True,
                    "can_post_stories": False,
                    "can_edit_stories": False,
                    "can_delete_stories": False,
                }
            )
            if chat.type == "channel":
                member["can_post_messages"] = chat.can_post_messages
                member["can_edit_messages"] = chat.can_post_messages
        return member

    def _check_may_post(self, params: dict[str, Any]) -> None:
        """Telegram's answers when the bot may not post where it tries to. Like the lookups
        above, these answer the chat's state, not the message's content, so they count as
        scripted (tests arrange them), not as refusals of what the bot sent."""
        if params.get("allow_paid_broadcast") and self.paid_refusal:
            raise BotApiError(400, self.paid_refusal, scripted=True)
        chat = self.chats.get(_int(params.get("chat_id")))
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
        thread = _int(params.get("message_thread_id"))
        if thread and (not chat.is_forum or thread not in chat.threads):
            raise BotApiError(400, "Bad Request: message thread not found", scripted=True)

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        text = params.get("text") or ""
        if utf16_len(text) > 200:
            raise BotApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        self._check_may_post(params)
        text = str(params.get("text", ""))
        self._check_text(text, params.get("parse_mode"), limit=4096)
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
        chat_id, message_id = _int(params["chat_id"]), _int(params["message_id"])
        old = self.messages.get((chat_id, message_id))
        if old is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        text = str(params.get("text", ""))
        self._check_text(text, params.get("parse_mode"), limit=4096)
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
        chat_id, message_id = _int(params["chat_id"]), _int(params["message_id"])
        old = self.messages.get((chat_id, message_id))
        if old is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        markup = _markup(params.get("reply_markup"))
        if markup == old.reply_markup:
            raise BotApiError(400, "Bad Request: message is not modified")
        return self._store_edit(old, text=old.text, parse_mode=old.parse_mode, markup=markup)

    def _api_deleteMessage(self, params: dict[str, Any]) -> bool:
        key = (_int(params["chat_id"]), _int(params["message_id"]))
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
        chat_id = _int(params["chat_id"])
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
            thread_id=_int(params["message_thread_id"])
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


def _int(value: Any) -> int:
    return int(value) if value is not None else 0


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
