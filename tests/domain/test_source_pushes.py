"""A pushed value's body, and a key result's allowance of pushes: a burst, then one a minute."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.source_pushes import (
    PUSH_BURST,
    PUSH_REFILL,
    Push,
    PushAllowance,
    PushBodyError,
    parse_push,
)

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "push"),
    [
        (b'{"value": 47.5}', Push(47.5)),
        (b'{"value": -3}', Push(-3.0)),
        (b'{"value": 0, "id": "deploy-812"}', Push(0.0, "deploy-812")),
        ('{"value": 1e3, "id": "état 1"}'.encode(), Push(1000.0, "état 1")),
    ],
)
def test_good_bodies(body: bytes, push: Push) -> None:
    assert parse_push(body) == push


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        (b"", "body", "must be JSON"),
        (b"value=47", "body", "must be JSON"),
        (b"\xff\xfe", "body", "must be JSON"),
        (b"[47]", "body", "must be a JSON object"),
        (b"47", "body", "must be a JSON object"),
        (b"{}", "value", "must be a number"),
        (b'{"value": "47"}', "value", "must be a number"),
        (b'{"value": true}', "value", "must be a number"),
        (b'{"value": null}', "value", "must be a number"),
        (b'{"value": NaN}', "value", "must be a number"),
        (b'{"value": Infinity}', "value", "must be a number"),
        (b'{"value": 1, "id": 7}', "id", "1 to 128 printable"),
        (b'{"value": 1, "id": ""}', "id", "1 to 128 printable"),
        (b'{"value": 1, "id": "a\\nb"}', "id", "1 to 128 printable"),
        (b'{"value": 1, "id": "' + b"x" * 129 + b'"}', "id", "1 to 128 printable"),
        (b'{"Value": 1}', "Value", "is not a field"),
        (b'{"value": 1, "at": "now"}', "at", "is not a field"),
        (b'{"value": 1, "pad": "' + b"x" * 5000 + b'"}', "body", "at most 4096 bytes"),
    ],
)
def test_bad_bodies_name_the_field(body: bytes, field: str, problem: str) -> None:
    with pytest.raises(PushBodyError, match=problem) as raised:
        parse_push(body)
    assert raised.value.field == field


def test_a_burst_of_pushes_then_one_a_minute() -> None:
    allowance = PushAllowance()
    for _ in range(PUSH_BURST):
        allowance, wait = allowance.take(T0)
        assert wait is None

    refused, wait = allowance.take(T0)
    assert wait == PUSH_REFILL
    assert refused == allowance

    allowance, wait = allowance.take(T0 + timedelta(seconds=30))
    assert wait == timedelta(seconds=30)
    allowance, wait = allowance.take(T0 + PUSH_REFILL)
    assert wait is None
    _, wait = allowance.take(T0 + PUSH_REFILL)
    assert wait == PUSH_REFILL


def test_the_allowance_refills_up_to_the_burst_and_no_further() -> None:
    allowance = PushAllowance(tokens=0, counted_at=T0)

    allowance, wait = allowance.take(T0 + 100 * PUSH_REFILL)

    assert wait is None
    assert allowance.tokens == PUSH_BURST - 1


def test_a_clock_that_steps_back_earns_nothing() -> None:
    allowance = PushAllowance(tokens=0.5, counted_at=T0)

    _, wait = allowance.take(T0 - timedelta(hours=1))

    assert wait == PUSH_REFILL / 2
