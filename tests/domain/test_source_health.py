"""A source's health: failing after 3 failures in a row or 24 h; its owner told once each way."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.source_health import (
    MAX_JITTER,
    HealthNotice,
    SourceHealth,
    first_due,
    next_due,
)

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def run(
    health: SourceHealth, outcomes: list[str | float], every: timedelta
) -> tuple[SourceHealth, list[HealthNotice | None]]:
    """Apply fetch outcomes one `every` apart: a float is a value, a text an error."""
    notices: list[HealthNotice | None] = []
    for step, outcome in enumerate(outcomes):
        at = T0 + step * every
        if isinstance(outcome, str):
            health, notice = health.failed(outcome, at)
        else:
            health, notice = health.succeeded(outcome, at)
        notices.append(notice)
    return health, notices


def test_a_success_records_the_value_and_its_time() -> None:
    health, notice = SourceHealth().succeeded(47.5, T0)

    assert notice is None
    assert (health.last_value, health.last_success_at, health.failures_in_a_row) == (47.5, T0, 0)
    assert not health.failing


def test_two_failures_in_a_row_are_a_blip_the_third_is_failing() -> None:
    health, notices = run(SourceHealth(), [1.0, "HTTP 503", "HTTP 503"], timedelta(hours=1))
    assert notices == [None, None, None]
    assert not health.failing
    assert health.failures_in_a_row == 2
    assert health.failing_since == T0 + timedelta(hours=1)

    health, notice = health.failed("HTTP 502", T0 + timedelta(hours=3))

    assert notice is HealthNotice.FAILING
    assert health.failing
    assert health.last_error == "HTTP 502"
    assert health.failing_since == T0 + timedelta(hours=1)


def test_a_daily_source_is_failing_after_24_hours_of_failures() -> None:
    health, notices = run(SourceHealth(), ["timeout", "timeout"], timedelta(days=1))

    assert notices == [None, HealthNotice.FAILING]
    assert health.failures_in_a_row == 2
    assert health.failing


def test_failures_just_under_24_hours_apart_are_not_yet_failing() -> None:
    health, notices = run(SourceHealth(), ["timeout", "timeout"], timedelta(hours=23, minutes=59))

    assert notices == [None, None]
    assert not health.failing


def test_the_owner_hears_once_per_failing_spell_and_once_on_recovery() -> None:
    failures: list[str | float] = ["HTTP 503"] * 50
    outcomes = [*failures, 42.0, 43.0, "timeout", 44.0, *(["HTTP 500"] * 10), 45.0]

    health, notices = run(SourceHealth(), outcomes, timedelta(minutes=5))

    told = [(step, notice) for step, notice in enumerate(notices) if notice is not None]
    assert told == [
        (2, HealthNotice.FAILING),
        (50, HealthNotice.RECOVERED),
        (56, HealthNotice.FAILING),
        (64, HealthNotice.RECOVERED),
    ]
    assert health.last_value == 45.0
    assert not health.failing and not health.owner_told_failing


def test_a_recovery_nobody_was_told_about_is_not_announced() -> None:
    _, notices = run(SourceHealth(), ["HTTP 503", "HTTP 503", 12.0], timedelta(hours=1))

    assert notices == [None, None, None]


def test_a_failure_keeps_the_last_good_value_and_a_short_error() -> None:
    health, _ = run(SourceHealth(), [12.0, "x" * 1000], timedelta(hours=1))

    assert health.last_value == 12.0
    assert health.last_success_at == T0
    assert health.last_error == "x" * 300


@pytest.mark.parametrize("fraction", [0.0, 0.25, 0.999])
def test_a_new_source_is_fetched_within_five_minutes(fraction: float) -> None:
    for every in (timedelta(minutes=5), timedelta(hours=1), timedelta(days=1)):
        due = first_due(T0, every, fraction)
        assert T0 <= due < T0 + MAX_JITTER
    assert first_due(T0, timedelta(hours=1), 0.5) == T0 + timedelta(minutes=2, seconds=30)


def test_the_next_fetch_is_never_sooner_than_every_and_at_most_a_little_later() -> None:
    assert next_due(T0, timedelta(minutes=5), 0.0) == T0 + timedelta(minutes=5)
    assert next_due(T0, timedelta(minutes=5), 0.5) == T0 + timedelta(minutes=5, seconds=15)
    assert next_due(T0, timedelta(hours=1), 0.999) < T0 + timedelta(minutes=66)
    assert next_due(T0, timedelta(days=1), 0.5) == T0 + timedelta(days=1, minutes=2, seconds=30)


@pytest.mark.parametrize("fraction", [-0.1, 1.0, 2.0])
def test_a_jitter_fraction_outside_zero_to_one_is_a_bug(fraction: float) -> None:
    with pytest.raises(ValueError, match="jitter"):
        next_due(T0, timedelta(hours=1), fraction)
