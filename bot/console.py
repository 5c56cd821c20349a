"""`newsbrief console`: the same Application, handlers and jobs, chatting on stdin/stdout.

python-telegram-bot talks to an in-process Bot API (bot.local_api) instead of Telegram, so
there is no second code path: each input line becomes the Update Telegram would send.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from telegram import Update

from bot.app import build_application
from bot.context import NewsApp
from bot.lifecycle import application_running
from bot.local_api import FakeTelegram, LocalBotApi, SentMessage, UpdateFactory
from bot.numbers import parse_natural
from bot.render import plain_text_with_links
from bot.services import open_services
from bot.settings import Settings
from news.samples import SAMPLE_FEED_URLS

# Never sent anywhere: the in-process Bot API accepts any token.
CONSOLE_TOKEN = "0:console"
MAX_INPUT_CHARS = 4096


class ConsolePrinter:
    """Prints what the bot sends to our chat, the way a person would read it."""

    def __init__(self, telegram: FakeTelegram, *, chat_id: int, out: TextIO) -> None:
        self.telegram = telegram
        self.chat_id = chat_id
        self.out = out

    def show(self, message: SentMessage) -> None:
        if message.chat_id != self.chat_id:
            return
        body = plain_text_with_links(message.text) if message.parse_mode == "HTML" else message.text
        lines: list[str] = []
        if message.edited:
            lines.append("(edited)")
        if message.kind == "photo":
            lines.append("[photo]")
        elif message.kind == "document":
            lines.append(f"[file: {message.file_name or 'document'}]")
        if body:
            lines.append(body)
        number = 1
        for row in (message.reply_markup or {}).get("inline_keyboard", []):
            labels = []
            for button in row:
                labels.append(f"[{number}] {button.get('text', '')}")
                number += 1
            lines.append("  ".join(labels))
        self.out.write("\n".join(lines) + "\n\n")
        self.out.flush()

    def latest_with_buttons(self) -> SentMessage | None:
        mine = [m for (chat, _), m in self.telegram.messages.items() if chat == self.chat_id]
        with_buttons = [m for m in mine if m.buttons]
        return max(with_buttons, key=lambda m: m.message_id) if with_buttons else None


async def _read_lines(stream: TextIO) -> asyncio.Queue[str | None]:
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def reader() -> None:
        for line in stream:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        loop.call_soon_threadsafe(queue.put_nowait, None)

    loop.run_in_executor(None, reader)
    return queue


async def run_console(
    settings: Settings,
    *,
    user_id: int,
    admin: bool,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if admin and user_id not in settings.admin_ids:
        settings = settings.model_copy(update={"admin_ids": [*settings.admin_ids, user_id]})
    services = await open_services(settings, default_feeds=SAMPLE_FEED_URLS)
    telegram = FakeTelegram()
    printer = ConsolePrinter(telegram, chat_id=user_id, out=stdout)
    telegram.listeners.append(printer.show)
    app = build_application(
        services,
        token=CONSOLE_TOKEN,
        request=LocalBotApi(telegram),
        concurrent_updates=False,
        rate_limited=False,
    )
    try:
        async with application_running(
            app,
            # The contract: the console polls every feed once before it reads its input.
            before_jobs=lambda: services.ingestor.poll_all(only_due=False),
        ):
            if stdin.isatty():
                print("newsbrief console: type /help; Ctrl-D quits.", file=sys.stderr)
            await _converse(app, printer, stdin, user_id)
            # Pushes the conversation caused (a new subscription's newest stories) go out too.
            await app.bot_data.delivery.drain()
    finally:
        await services.close()
    return 0


async def _converse(app: NewsApp, printer: ConsolePrinter, stdin: TextIO, user_id: int) -> None:
    """Each input line is a message from the user (or `#n`, a button press) until EOF."""
    updates = UpdateFactory()
    lines = await _read_lines(stdin)
    while (line := await lines.get()) is not None:
        text = line.rstrip("\r\n")[:MAX_INPUT_CHARS]
        if not text.strip():
            continue
        payload = _press(text, printer, updates, user_id)
        if payload is None:
            payload = updates.message(text, user_id=user_id, first_name="Console")
        elif not payload:
            continue
        await app.process_update(Update.de_json(payload, app.bot))


def _press(
    text: str, printer: ConsolePrinter, updates: UpdateFactory, user_id: int
) -> dict[str, object] | None:
    """`#n` presses button n of the latest message with buttons; {} when there is none."""
    stripped = text.strip()
    number = parse_natural(stripped[1:]) if stripped.startswith("#") else None
    if number is None:
        return None
    message = printer.latest_with_buttons()
    buttons = message.buttons if message else []
    if message is None or not 1 <= number <= len(buttons):
        printer.out.write(f"(no button {number})\n\n")
        return {}
    button = buttons[number - 1]
    if "callback_data" not in button:
        printer.out.write(f"(button {number} opens {button.get('url', 'a link')})\n\n")
        return {}
    return updates.callback(
        button["callback_data"],
        user_id=user_id,
        message=printer.telegram.message_dict(message),
        first_name="Console",
    )
