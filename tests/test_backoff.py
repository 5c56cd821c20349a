from __future__ import annotations

import random

import pytest

from news.backoff import jittered, next_fetch_delay


def test_no_errors_polls_at_the_normal_interval() -> None:
    assert next_fetch_delay(consecutive_errors=0, poll_interval=300) == 300


def test_delay_doubles_per_consecutive_error() -> None:
    delays = [next_fetch_delay(consecutive_errors=n, poll_interval=300) for n in range(1, 5)]
    assert delays == [600, 1200, 2400, 4800]


def test_delay_is_capped() -> None:
    assert next_fetch_delay(consecutive_errors=10, poll_interval=300, cap=3600) == 3600
    assert next_fetch_delay(consecutive_errors=20, poll_interval=300) == 86400


def test_huge_error_counts_do_not_overflow() -> None:
    assert next_fetch_delay(consecutive_errors=100_000, poll_interval=300) == 86400


def test_never_below_poll_interval_even_when_cap_is_smaller() -> None:
    assert next_fetch_delay(consecutive_errors=3, poll_interval=7200, cap=3600) == 7200


def test_negative_error_count_is_treated_as_none() -> None:
    assert next_fetch_delay(consecutive_errors=-2, poll_interval=300) == 300


def test_retry_after_is_a_floor() -> None:
    assert next_fetch_delay(consecutive_errors=1, poll_interval=300, retry_after=5000) == 5000
    # A shorter Retry-After does not make us poll sooner than the backoff says.
    assert next_fetch_delay(consecutive_errors=1, poll_interval=300, retry_after=10) == 600


def test_retry_after_is_capped_too() -> None:
    delay = next_fetch_delay(
        consecutive_errors=1, poll_interval=300, retry_after=10 * 86400, cap=86400
    )
    assert delay == 86400


def test_retry_after_applies_without_errors() -> None:
    assert next_fetch_delay(consecutive_errors=0, poll_interval=300, retry_after=900) == 900


def test_jitter_stays_within_fraction_and_varies() -> None:
    rng = random.Random(1234)
    values = [jittered(1000, fraction=0.1, rng=rng) for _ in range(500)]
    assert all(900 <= value <= 1100 for value in values)
    assert len({round(value, 6) for value in values}) > 100
    # Both directions actually occur, so feeds spread around the nominal time.
    assert min(values) < 950 and max(values) > 1050


def test_jitter_is_reproducible_with_a_seeded_rng() -> None:
    assert jittered(60, rng=random.Random(7)) == jittered(60, rng=random.Random(7))


def test_jitter_without_rng_uses_the_default_generator() -> None:
    value = jittered(100, fraction=0.2)
    assert 80 <= value <= 120


@pytest.mark.parametrize("fraction", [0.0, 1.0])
def test_jitter_edges(fraction: float) -> None:
    value = jittered(10, fraction=fraction, rng=random.Random(3))
    assert 0 <= value <= 10 * (1 + fraction)
    if fraction == 0.0:
        assert value == 10
