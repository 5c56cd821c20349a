"""Failures end in a short answer to the person and a log line without secrets."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from telegram.error import InvalidToken

from bot.logs import RedactingFormatter
from testkit.botkit import BotHarness

TOKEN = "987654:AAExampleSecretTokenValue"


def test_log_lines_never_carry_the_token_even_in_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    for as_json in (False, True):
        handler.setFormatter(RedactingFormatter([TOKEN, "hook-secret"], as_json=as_json))
        logger = logging.getLogger(f"redaction-test-{as_json}")
        logger.addHandler(handler)
        try:
            raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")
        except InvalidToken:
            logger.exception("start-up failed for https://api.telegram.org/bot%s/getMe", TOKEN)
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert TOKEN not in text
    assert text.count("[REDACTED]") >= 4


async def test_a_failing_command_gets_a_brief_apology(tmp_path: Path) -> None:
    bot = await BotHarness.start(tmp_path, feeds=[])
    try:
        bot.telegram.script("sendMessage", 500, "Internal Server Error", times=1)
        sent = await bot.send("/help")
        assert [m.plain for m in sent] == [
            "Sorry, something went wrong. Please try again in a moment."
        ]
    finally:
        await bot.stop()


async def test_blocked_user_gets_no_retry_storm(tmp_path: Path) -> None:
    bot = await BotHarness.start(tmp_path, feeds=[])
    try:
        bot.telegram.script("sendMessage", 403, "Forbidden: bot was blocked by the user", times=5)
        assert await bot.send("/help") == []
        attempts = [c for c in bot.telegram.calls if c.method == "sendMessage"]
        assert len(attempts) == 1
    finally:
        await bot.stop()
