"""/start (with `sub_<topic>` deep links) and /help."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.i18n import Translator
from bot.render import bold, escape
from handlers.commands import ADMIN_COMMANDS, READER_COMMANDS, Command
from handlers.common import (
    ensure_chat,
    refuse_unless_allowed,
    reply,
    services,
    tr_for,
)
from handlers.shared import subscribe_to, topic_buttons

DEEP_LINK_PREFIX = "sub_"


async def start(update: Update, context: Context) -> None:
    chat = await ensure_chat(update, context)
    tr = await tr_for(update, context)
    svc = services(context)
    payload = context.args[0] if context.args else ""
    if payload.startswith(DEEP_LINK_PREFIX):
        name = payload[len(DEEP_LINK_PREFIX) :].replace("_", " ")[:64]
        topic = svc.topics.find(name)
        if topic is not None:
            if await refuse_unless_allowed(update, context):
                return
            await subscribe_to(update, context, topic, tr)
            return
    text = "\n\n".join(
        [
            bold(tr("Welcome to newsbrief!")),
            tr(
                "I bring you the news on Armenia, the South Caucasus and the CSTO: "
                "the latest stories, short briefs on a topic and a search of the archive."
            ),
            tr(
                "Tap a topic below to follow it: new stories on it will come to this chat. "
                "/help lists everything I can do."
            ),
        ]
    )
    await reply(update, context, text, buttons=await topic_buttons(svc, chat.id))


def help_text(tr: Translator, *, admin: bool) -> str:
    blocks = [bold(tr("What I can do")), _command_lines(READER_COMMANDS, tr)]
    if admin and ADMIN_COMMANDS:
        blocks += [bold(tr("Admin commands")), _command_lines(ADMIN_COMMANDS, tr)]
    blocks.append(tr("Example: /topic CSTO or /latest 10 Armenia"))
    return "\n\n".join(blocks)


def _command_lines(commands: tuple[Command, ...], tr: Translator) -> str:
    return "\n".join(f"{escape(tr(c.usage))} — {escape(tr(c.description))}" for c in commands)


async def help_command(update: Update, context: Context) -> None:
    tr = await tr_for(update, context)
    user = update.effective_user
    admin = services(context).is_admin(user.id if user else None)
    await reply(update, context, help_text(tr, admin=admin))
