"""The command list: one place for /help, the command menus and the admin check."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    # English message id, translated when shown; kept short for the menu (<= 256 chars).
    description: str
    admin: bool = False


READER_COMMANDS: tuple[Command, ...] = (
    Command("start", "/start", "Welcome and topics to follow"),
    Command("help", "/help", "What I can do"),
    Command("latest", "/latest [N] [topic]", "The newest stories"),
    Command("topics", "/topics", "Topics, with buttons to follow them"),
    Command("topic", "/topic NAME", "A brief of the newest stories on a topic"),
    Command("search", "/search WORDS", "Search the archive"),
    Command("subscribe", "/subscribe TOPIC", "Get new stories on a topic"),
    Command("unsubscribe", "/unsubscribe TOPIC", "Stop a topic"),
    Command("subscriptions", "/subscriptions", "The topics you follow"),
    Command("settings", "/settings", "Delivery, digest, timezone and quiet hours"),
    Command("digest", "/digest HH:MM|off", "One daily digest at your local time"),
    Command("timezone", "/timezone Area/City", "Your timezone, e.g. Asia/Yerevan"),
    Command("quiet", "/quiet HH:MM-HH:MM|off", "Hours without pushes"),
    Command("stop", "/stop", "Unsubscribe and delete your data"),
)

ADMIN_COMMANDS: tuple[Command, ...] = ()


def all_commands() -> tuple[Command, ...]:
    return READER_COMMANDS + ADMIN_COMMANDS
