"""An in-process stand-in for the Telegram Bot API.

`newsbrief console` plugs it into python-telegram-bot's request layer so the real
Application, handlers, jobs and delivery code run with no network; tests use it to see every
message and to script Telegram's errors (429, 403, migration, parse errors) and outages
(`FakeTelegram.outage`). It is strict like Telegram: invalid HTML, over-long text or callback
data are refused with a 400.

The pieces: records.py (what was sent, known chats, calls, errors), state.py (what tests
arrange and what it saw), chats.py and messages.py (the methods it answers),
fake_telegram.py (FakeTelegram: state plus methods, scripted errors and outages),
request.py (LocalBotApi, the request layer) and updates.py (UpdateFactory, a person's
updates).
"""

from __future__ import annotations

from bot.local_api.fake_telegram import FakeTelegram
from bot.local_api.records import (
    ANSWER_LOST,
    BAD_GATEWAY,
    BOT_ID,
    BOT_USERNAME,
    TIMEOUT,
    ApiCall,
    BotApiError,
    KnownChat,
    ScriptedError,
    SentMessage,
)
from bot.local_api.request import LocalBotApi
from bot.local_api.updates import UpdateFactory

__all__ = [
    "ANSWER_LOST",
    "BAD_GATEWAY",
    "BOT_ID",
    "BOT_USERNAME",
    "TIMEOUT",
    "ApiCall",
    "BotApiError",
    "FakeTelegram",
    "KnownChat",
    "LocalBotApi",
    "ScriptedError",
    "SentMessage",
    "UpdateFactory",
]
