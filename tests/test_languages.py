"""Every reader command answers in the chat's language, as valid Telegram HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage import chats as chat_store
from testkit.botkit import BotHarness
from testkit.processes import console

SCRIPTS = {"ru": re.compile(r"[А-Яа-яЁё]"), "hy": re.compile(r"[\u0531-\u0587]")}
READER_COMMANDS = [
    "/start",
    "/help",
    "/latest 3",
    "/topics",
    "/topic CSTO",
    "/topic Atlantis",
    "/search CSTO",
    "/search qqqzzz",
    "/subscribe EU",
    "/subscriptions",
    "/unsubscribe EU",
    "/settings",
    "/digest",
    "/digest 08:15",
    "/digest 99",
    "/timezone",
    "/timezone Asia/Yervan",
    "/timezone Asia/Yerevan",
    "/quiet",
    "/quiet 23:00-06:30",
    "/quiet x",
    "/language",
    "/stop",
    "/nonsense",
    "hello",
]
# Phrases that would mean an answer fell back to English.
ENGLISH_MARKERS = (
    "Latest stories",
    "Results for",
    "Welcome",
    "Subscribed",
    "Settings for",
    "Nothing found",
    "Which topic",
    "Timezone",
    "Quiet hours",
    "Sorry",
)


@pytest.mark.parametrize("language", ["ru", "hy"])
async def test_every_reader_command_answers_in_the_chat_language(
    bot: BotHarness, language: str
) -> None:
    switched = await bot.send(f"/language {language}")
    assert SCRIPTS[language].search(switched[0].plain)
    for command in READER_COMMANDS:
        sent = await bot.send(command)
        assert sent, f"{command} got no answer"
        for message in sent:
            text = message.plain
            assert SCRIPTS[language].search(text), (command, text)
            for marker in ENGLISH_MARKERS:
                assert marker not in text, (command, text)
            for button in message.buttons:
                label = button["text"]
                if not any(mark in label for mark in ("✅", "➕")) and label not in (
                    "English",
                    "Русский",
                    "Հայերեն",
                ):
                    assert SCRIPTS[language].search(label), (command, label)


async def test_language_buttons_switch_in_place(bot: BotHarness) -> None:
    chooser = (await bot.send("/language"))[0]
    labels = [b["text"] for b in chooser.buttons]
    assert labels == ["English", "Русский", "Հայերեն"]
    [edited] = await bot.press(chooser, "Հայերեն")
    assert edited.message_id == chooser.message_id and SCRIPTS["hy"].search(edited.plain)
    chat = await chat_store.get_chat(bot.services.db, 1)
    assert chat is not None and chat.language == "hy"


async def test_telegram_language_code_is_the_starting_language(bot: BotHarness) -> None:
    [welcome] = await bot.send("/start", user_id=55, language_code="ru-RU")
    assert SCRIPTS["ru"].search(welcome.plain)
    [english] = await bot.send("/help", user_id=56, language_code="de")
    assert "What I can do" in english.plain


async def test_command_menus_exist_for_each_language(bot: BotHarness) -> None:
    languages = {key for key in bot.telegram.commands}
    assert any('"ru"' in key for key in languages) and any('"hy"' in key for key in languages)
    for key, commands in bot.telegram.commands.items():
        if '"ru"' in key:
            assert all(SCRIPTS["ru"].search(c["description"]) for c in commands)


def test_console_language_then_latest_answers_in_russian_and_armenian(tmp_path: Path) -> None:
    russian = console("/language ru\n/latest\n", tmp_path)
    heading = russian.stdout.split("\n\n", 1)[1].splitlines()[0]
    assert SCRIPTS["ru"].search(heading), russian.stdout
    armenian = console("/language hy\n/latest\n", tmp_path)
    latest = armenian.stdout.split("\n\n", 1)[1]
    assert SCRIPTS["hy"].search(latest.splitlines()[0])
