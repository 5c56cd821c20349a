"""Checks that run before any handler (their own handler group)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import Context


async def ignore_other_bots_commands(update: Update, context: Context) -> None:
    """`/latest@otherbot` in a group is for another bot: no reply, not even a hint."""
    message = update.effective_message
    if message is None or not message.text or not message.text.startswith("/"):
        return
    command = message.text.split(maxsplit=1)[0]
    _, _, addressee = command.partition("@")
    if addressee and addressee.casefold() != (context.bot.username or "").casefold():
        raise ApplicationHandlerStop


async def count_update(update: object, context: Context) -> None:
    context.bot_data.services.metrics.updates.inc()
