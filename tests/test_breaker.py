"""The outage breaker and the error table on their own: which failures count against a
delivery, when the sender pauses, how probes and retries are spaced."""

from __future__ import annotations

import random

import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.breaker import PROBE_MAX, THRESHOLD, Breaker, chat_retry_delay
from bot.send_errors import Outcome, classify, describe, may_have_arrived
from bot.settings import Settings, SettingsError, load_settings
from testkit.botkit import Clock


def breaker(clock: Clock) -> Breaker[str]:
    return Breaker(clock=clock, rng=random.Random(7))


def test_failures_of_one_or_two_chats_are_their_own() -> None:
    b = breaker(Clock(0))
    for _ in range(10):
        for chat in (1, 2):
            ticket = b.ticket()
            assert ticket is not None
            assert b.failed(ticket, chat, f"d{chat}", "Bad Gateway").counts
    assert b.closed and b.outages == 0


def test_three_chats_failing_in_a_row_open_it_and_refund_the_streak() -> None:
    clock = Clock(100)
    b = breaker(clock)
    ticket = b.ticket()
    assert ticket is not None
    assert b.failed(ticket, 1, "d1", "Bad Gateway").counts
    assert b.failed(ticket, 1, "d1-again", "Bad Gateway").counts
    assert b.failed(ticket, 2, "d2", "Bad Gateway").counts
    verdict = b.failed(ticket, 3, "d3", "Bad Gateway")
    assert verdict.opened and not verdict.counts
    assert verdict.refund == ("d1", "d1-again", "d2")
    assert not b.closed and b.since == 100 and b.reason == "Bad Gateway" and b.outages == 1
    assert b.ticket() is None
    # Failures in flight when it opened count against nothing and do not open it again.
    later = b.failed(ticket, 4, "d4", "timed out")
    assert not later.counts and not later.opened and b.outages == 1


def test_an_answer_in_between_means_telegram_is_up() -> None:
    b = breaker(Clock(0))
    for chat in range(1, 20):
        ticket = b.ticket()
        assert ticket is not None
        assert b.failed(ticket, chat, "d", "Bad Gateway").counts
        b.answered(ticket)  # e.g. the next chat's message was accepted, or got a 429
    assert b.closed


def test_probes_back_off_with_jitter_up_to_the_cap_and_the_first_answer_closes() -> None:
    clock = Clock(0)
    b = breaker(clock)
    ticket = b.ticket()
    assert ticket is not None
    for chat in range(THRESHOLD):
        b.failed(ticket, chat, "d", "timed out")
    waits = []
    for _ in range(12):
        assert not b.probe_due()
        waits.append(b.probe_at - clock.now)
        clock.now = b.probe_at
        assert b.probe_due()
        b.probe_failed()
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0 and 2.0 <= waits[2] <= 4.0
    assert all(PROBE_MAX / 2 <= w <= PROBE_MAX for w in waits[6:])
    assert len(set(waits[6:])) > 1  # jittered, not in lockstep
    assert b.close() == pytest.approx(sum(waits))
    assert b.closed and b.ticket() is not None


def test_a_straggler_from_before_it_closed_does_not_reopen_it() -> None:
    b = breaker(Clock(0))
    old = b.ticket()
    assert old is not None
    for chat in range(THRESHOLD):
        b.failed(old, chat, "d", "timed out")
    b.close()
    for chat in range(10, 10 + THRESHOLD):
        assert not b.failed(old, chat, "late", "timed out").counts
    assert b.closed and b.outages == 1


def test_chat_retries_start_fast_and_slow_down_to_ten_minutes() -> None:
    rng = random.Random(1)
    for attempt, (low, high) in enumerate([(0.5, 1), (1, 2), (2, 4), (4, 8)], start=1):
        assert all(low <= chat_retry_delay(attempt, rng) <= high for _ in range(50))
    assert all(300 <= chat_retry_delay(n, rng) <= 600 for n in range(11, 500))


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (RetryAfter(5), Outcome.FLOOD_WAIT),
        (ChatMigrated(-100123), Outcome.MIGRATED),
        (Forbidden("Forbidden: bot was blocked by the user"), Outcome.CHAT_GONE),
        (BadRequest("Bad Request: chat not found"), Outcome.CHAT_GONE),
        (BadRequest("Bad Request: can't parse entities: bad tag"), Outcome.BAD_MARKUP),
        (BadRequest("Bad Request: message is too long"), Outcome.REFUSED),
        (NetworkError("Bad Gateway"), Outcome.UNREACHABLE),
        (NetworkError("Internal Server Error (500)"), Outcome.UNREACHABLE),
        (NetworkError("httpx.ConnectError: connection refused"), Outcome.UNREACHABLE),
        (TimedOut(), Outcome.UNREACHABLE),
        (InvalidToken("Unauthorized"), None),
        (Conflict("terminated by other getUpdates request"), None),
    ],
)
def test_each_telegram_error_has_its_outcome(error: Exception, outcome: Outcome | None) -> None:
    assert classify(error, html=True) is outcome  # type: ignore[arg-type]


def test_plain_text_refused_is_not_resent_as_plain_text_again() -> None:
    error = BadRequest("Bad Request: can't parse entities: bad tag")
    assert classify(error, html=False) is Outcome.REFUSED


def test_a_read_timeout_may_have_arrived_a_pool_timeout_did_not() -> None:
    assert may_have_arrived(TimedOut())
    assert "may have delivered" in describe(TimedOut())
    assert not may_have_arrived(TimedOut("Pool timeout: All connections are occupied"))
    assert not may_have_arrived(NetworkError("Bad Gateway"))


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("86400", 86400), ("24h", 86400), ("90m", 5400), ("2d", 172800), ("1h30m", 5400)],
)
def test_delivery_horizon_takes_seconds_or_a_duration(value: str, seconds: int) -> None:
    settings = Settings(_env_file=None, delivery_horizon=value)  # type: ignore[call-arg]
    assert settings.delivery_horizon == seconds


def test_delivery_horizon_defaults_to_a_day_and_refuses_nonsense() -> None:
    assert Settings(_env_file=None).delivery_horizon == 86400  # type: ignore[call-arg]
    for bad in ("soon", "0", "10s", "40d", "-5h"):
        with pytest.raises(SettingsError, match="NEWSBRIEF_DELIVERY_HORIZON"):
            load_settings(_env_file=None, delivery_horizon=bad)
