"""`newsbrief run`'s decisions before and while it polls, without starting it: when it
refuses to start, and which getUpdates errors stop it (tests/test_run.py runs it for real)."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import Conflict, NetworkError, TelegramError, TimedOut

from bot.runner import PollingErrors, start_refusal
from bot.settings import Settings

TOKEN = "123:ABC"


@pytest.mark.parametrize(
    ("token", "webhook_url", "secret", "refusal"),
    [
        (None, None, None, "NEWSBRIEF_BOT_TOKEN is required"),
        ("", None, None, "NEWSBRIEF_BOT_TOKEN is required"),
        (None, "https://bot.example/hook", "s3cret", "NEWSBRIEF_BOT_TOKEN is required"),
        (TOKEN, "https://bot.example/hook", None, "NEWSBRIEF_WEBHOOK_SECRET is required"),
        (TOKEN, "https://bot.example/hook", "s3cret", None),
        (TOKEN, None, None, None),
    ],
)
def test_run_refuses_to_start_without_a_token_or_a_webhook_secret(
    token: str | None, webhook_url: str | None, secret: str | None, refusal: str | None
) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=token,
        webhook_url=webhook_url,
        webhook_secret=secret,
    )
    found = start_refusal(settings)
    if refusal is None:
        assert found is None
    else:
        assert found is not None and refusal in found


@pytest.mark.parametrize(
    ("error", "shared", "exit_code", "stops"),
    [
        # A second poller with our token, not one of ours: stop rather than get half the updates.
        (Conflict("terminated by other getUpdates request"), False, 1, True),
        # Instances on one database hand the updates lease over: a 409 while they do is fine.
        (Conflict("terminated by other getUpdates request"), True, 0, False),
        (NetworkError("Bad Gateway"), False, 0, False),
        (TimedOut(), False, 0, False),
        (TimedOut(), True, 0, False),
    ],
)
def test_only_a_foreign_poller_stops_the_bot(
    error: TelegramError, shared: bool, exit_code: int, stops: bool
) -> None:
    stop = asyncio.Event()
    errors = PollingErrors(stop, shared=shared)
    errors(error)
    assert (errors.exit_code, stop.is_set()) == (exit_code, stops)
