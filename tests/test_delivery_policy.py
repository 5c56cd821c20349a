"""bot/delivery_policy.py: when a chat gets what, as tables of pure decisions."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError

from bot.delivery_policy import (
    FOLD_AFTER,
    FOLD_WINDOW,
    HELD_AFTER,
    Pace,
    PushWindow,
    Route,
    digest_due,
    digest_moment,
    flood_retry_at,
    format_duration,
    in_quiet_hours,
    pace,
    retry_at,
    route,
    stories_wait,
    was_held,
)
from bot.send_errors import refuses_paid
from storage.records import ChatRecord
from storage.states import DeliveryMode

DEFAULT_ZONE = "Asia/Yerevan"  # UTC+4 all year


# A private chat with no settings of its own; each case changes only what it is about.
PRIVATE = ChatRecord(
    id=1, type="private", title="", thread_id=None, language=None, timezone=None,
    delivery_mode=DeliveryMode.INSTANT, digest_time=None, quiet_start=None, quiet_end=None,
    active=True, created_at=0,
)  # fmt: skip


def chat(**fields: object) -> ChatRecord:
    return replace(PRIVATE, **fields)


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


@pytest.mark.parametrize(
    ("quiet", "zone", "at", "quiet_now"),
    [
        (None, None, "2026-03-01 03:00", False),  # no quiet hours set
        (("23:00", "07:00"), None, "2026-03-01 20:00", True),  # 00:00 in Yerevan, overnight
        (("23:00", "07:00"), None, "2026-03-01 02:59", True),  # 06:59 local
        (("23:00", "07:00"), None, "2026-03-01 03:00", False),  # 07:00 local: the end is open
        (("23:00", "07:00"), None, "2026-03-01 18:59", False),  # 22:59 local
        (("23:00", "07:00"), None, "2026-03-01 19:00", True),  # 23:00 local: the start is in
        (("13:00", "15:00"), None, "2026-03-01 09:30", True),  # 13:30 local, same day
        (("13:00", "15:00"), None, "2026-03-01 11:00", False),  # 15:00 local
        (("23:00", "07:00"), "Europe/Berlin", "2026-03-01 20:00", False),  # 21:00 in Berlin
        (("23:00", "07:00"), "Europe/Berlin", "2026-03-01 22:00", True),  # 23:00 in Berlin
    ],
)
def test_quiet_hours_follow_the_chats_own_clock(
    quiet: tuple[str, str] | None, zone: str | None, at: str, quiet_now: bool
) -> None:
    start, end = quiet or (None, None)
    record = chat(quiet_start=start, quiet_end=end, timezone=zone)
    assert in_quiet_hours(record, utc(at), DEFAULT_ZONE) is quiet_now


@pytest.mark.parametrize(
    ("digest_time", "zone", "now", "moment"),
    [
        (None, None, "2026-03-01 12:00", None),
        ("08:00", None, "2026-03-01 12:00", "2026-03-01 04:00"),  # 08:00 Yerevan today
        ("08:00", None, "2026-03-01 03:59", "2026-02-28 04:00"),  # not yet today: yesterday's
        ("08:00", None, "2026-03-01 04:00", "2026-03-01 04:00"),  # the very minute
        ("08:00", "America/New_York", "2026-03-01 12:00", "2026-02-28 13:00"),  # 07:00 there
        ("08:00", "America/New_York", "2026-03-09 12:30", "2026-03-09 12:00"),  # after DST
    ],
)
def test_the_digest_moment_is_the_last_local_digest_time(
    digest_time: str | None, zone: str | None, now: str, moment: str | None
) -> None:
    record = chat(digest_time=digest_time, timezone=zone)
    expected = None if moment is None else utc(moment)
    assert digest_moment(record, utc(now), DEFAULT_ZONE) == expected


@pytest.mark.parametrize(
    ("digest_time", "last_digest_at", "now", "due"),
    [
        ("08:00", None, "2026-03-01 04:00", True),  # never had one
        ("08:00", "2026-02-28 04:00", "2026-03-01 04:00", True),  # yesterday's, today's time
        ("08:00", "2026-03-01 04:00", "2026-03-01 12:00", False),  # today's already went
        ("08:00", "2026-02-28 04:00", "2026-03-01 03:59", False),  # today's time not yet
        (None, None, "2026-03-01 04:00", False),  # no digest time set
    ],
)
def test_a_digest_is_due_once_per_local_day(
    digest_time: str | None, last_digest_at: str | None, now: str, due: bool
) -> None:
    last = None if last_digest_at is None else utc(last_digest_at)
    record = chat(digest_time=digest_time, last_digest_at=last)
    assert digest_due(record, utc(now), DEFAULT_ZONE) is due


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (12.4, "12 s"), (59.6, "1 min 00 s"), (450, "7 min 30 s"), (7500, "2 h 05 min")],
)
def test_durations_read_as_the_log_says_them(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


QUIET_NOW = {"quiet_start": "00:00", "quiet_end": "23:59"}


@pytest.mark.parametrize(
    ("fields", "stories", "expected"),
    [
        ({"linked_by": 7}, 2, Route.CHANNEL),
        ({"linked_by": 7}, 0, Route.CHANNEL),  # nothing to post, still a channel's turn
        (
            {"linked_by": 7, "delivery_mode": DeliveryMode.DIGEST, "digest_time": "08:00"},
            2,
            Route.CHANNEL,
        ),
        ({}, 0, Route.NOTHING),
        ({"delivery_mode": DeliveryMode.DIGEST, "digest_time": "08:00"}, 2, Route.DIGEST_TIME),
        ({"delivery_mode": DeliveryMode.DIGEST}, 2, Route.PUSH),  # digest mode without a time
        (
            {**QUIET_NOW, "delivery_mode": DeliveryMode.DIGEST, "digest_time": "08:00"},
            1,
            Route.DIGEST_TIME,
        ),
        (QUIET_NOW, 1, Route.QUIET),
        ({}, 1, Route.PUSH),
    ],
)
def test_a_chats_stories_go_where_its_settings_say(
    fields: dict[str, object], stories: int, expected: Route
) -> None:
    assert route(chat(**fields), stories, utc("2026-03-01 08:00"), DEFAULT_ZONE) is expected


@pytest.mark.parametrize(
    ("fields", "waits"),
    [
        ({}, False),
        ({"delivery_mode": DeliveryMode.DIGEST, "digest_time": "08:00"}, True),
        ({"delivery_mode": DeliveryMode.DIGEST}, False),  # no time set: pushed
        (QUIET_NOW, True),
        ({**QUIET_NOW, "linked_by": 7}, False),  # a channel posts whatever the hour
    ],
)
def test_the_drain_skips_reading_stories_that_would_only_wait(
    fields: dict[str, object], waits: bool
) -> None:
    assert stories_wait(chat(**fields), utc("2026-03-01 08:00"), DEFAULT_ZONE) is waits


@pytest.mark.parametrize(
    ("stories", "recent", "held", "expected"),
    [
        (1, 0, False, Pace.ONE_BY_ONE),
        (3, 0, False, Pace.ONE_BY_ONE),
        (4, 0, False, Pace.DIGEST),  # too many at once
        (1, 0, True, Pace.DIGEST),  # waited through quiet hours or the fold
        (2, FOLD_AFTER - 2, False, Pace.ONE_BY_ONE),  # exactly fills the hour
        (3, FOLD_AFTER - 2, False, Pace.DIGEST),  # would overflow the hour: one message
        (1, FOLD_AFTER, False, Pace.FOLD),  # the hour is spent
        (5, FOLD_AFTER + 3, True, Pace.FOLD),
    ],
)
def test_pushes_fold_into_digests_when_they_come_too_fast(
    stories: int, recent: int, held: bool, expected: Pace
) -> None:
    assert pace(stories, recent, held=held) is expected


@pytest.mark.parametrize(
    ("now", "oldest", "resumed_at", "held"),
    [
        (1000 + HELD_AFTER, 1000, 0, False),
        (1001 + HELD_AFTER, 1000, 0, True),
        (1001 + HELD_AFTER, 1000, 1500, False),  # it waited through an outage that ended
        (1501 + HELD_AFTER, 1000, 1500, True),
    ],
)
def test_stories_count_as_held_after_waiting_outside_an_outage(
    now: int, oldest: int, resumed_at: int, held: bool
) -> None:
    assert was_held(now, oldest, resumed_at) is held


def test_the_push_window_forgets_pushes_older_than_an_hour() -> None:
    window = PushWindow()
    assert window.recent(5, 10_000) == 0
    assert window.release_at(5, 10_000) == 10_000 + FOLD_WINDOW
    for at in (1_000, 2_000, 3_000):
        window.record(5, at)
    window.record(6, 2_500)
    assert window.recent(5, 3_000) == 3
    assert window.recent(5, 1_000 + FOLD_WINDOW) == 2  # the first one just left
    assert window.release_at(5, 5_000) == 2_000 + FOLD_WINDOW
    assert window.recent(6, 5_000) == 1  # each chat has its own hour


@pytest.mark.parametrize(
    ("now", "queued_at", "horizon", "attempts", "expected"),
    [
        (1000, 1000, 3600, 0, (1001, 1001)),  # the first retry about a second later
        (1000, 1000, 3600, 3, (1004, 1008)),  # the fourth: 4-8 s
        (1000, 1000, 3600, 30, (1300, 1600)),  # at most ten minutes apart
        (1000, 900, 200, 30, (1100, 1100)),  # never past the horizon
        (1000, 800, 200, 0, None),  # the horizon has come: given up
        (1000, None, 200, 0, (1001, 1001)),  # no queueing time: the horizon counts from now
    ],
)
def test_a_chats_own_failures_retry_slower_until_the_horizon(
    now: int,
    queued_at: int | None,
    horizon: int,
    attempts: int,
    expected: tuple[int, int] | None,
) -> None:
    for seed in range(20):
        at = retry_at(
            now=now,
            queued_at=queued_at,
            horizon=horizon,
            attempts=attempts,
            rng=random.Random(seed),
        )
        if expected is None:
            assert at is None
        else:
            assert at is not None and expected[0] <= at <= expected[1]


@pytest.mark.parametrize(("wait", "at"), [(0.0, 101), (1.0, 102), (2.6, 103), (30.0, 131)])
def test_a_flood_wait_retries_just_past_telegrams_wait(wait: float, at: int) -> None:
    assert flood_retry_at(100, wait) == at


@pytest.mark.parametrize(
    ("error", "refused"),
    [
        (BadRequest("Bad Request: not enough Stars to send paid broadcasts"), True),
        (BadRequest("BALANCE_TOO_LOW"), True),
        (Forbidden("Forbidden: paid_broadcast not allowed"), True),
        (BadRequest("Bad Request: chat not found"), False),
        (Forbidden("Forbidden: bot was blocked by the user"), False),
        (NetworkError("payment gateway timed out"), False),  # not a refusal at all
    ],
)
def test_only_a_refused_paid_broadcast_falls_back_to_free(
    error: BadRequest | Forbidden | NetworkError, refused: bool
) -> None:
    assert refuses_paid(error) is refused
