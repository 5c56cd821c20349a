"""The fake Bot API's answers about chats and members: getChat and getChatMember, for the
chats tests add (channels, forum groups) and the private chats it makes up."""

from __future__ import annotations

from typing import Any

from bot.local_api.records import BotApiError, KnownChat, as_int
from bot.local_api.state import TelegramState


class ChatMethods(TelegramState):
    def _known(self, chat_ref: Any) -> KnownChat | None:
        if isinstance(chat_ref, str) and chat_ref.startswith("@"):
            wanted = chat_ref[1:].casefold()
            return next(
                (c for c in self.chats.values() if (c.username or "").casefold() == wanted), None
            )
        return self.chats.get(as_int(chat_ref))

    def _api_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        ref = params["chat_id"]
        known = self._known(ref)
        if known is None:
            if (isinstance(ref, str) and ref.startswith("@")) or as_int(ref) <= 0:
                # Unknown name, or a private chat the bot is not in: Telegram cannot tell.
                raise BotApiError(400, "Bad Request: chat not found", scripted=True)
            known = KnownChat(as_int(ref), "private")
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
        user_id = as_int(params["user_id"])
        if known is not None and user_id == self.bot_id and known.type != "private":
            return self._bot_member(known)
        chat_id = known.id if known is not None else as_int(params["chat_id"])
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
