"""Which check-ins start a mini-retro: off track twice in a row, or a fall of three points."""

from bot.domain.progress import ConfidenceBands
from bot.domain.retros import (
    CheckinPoint,
    RetroTrigger,
    Trigger,
    ask_trigger,
    checkin_triggers,
    close_trigger,
    trigger_period,
)

BANDS = ConfidenceBands()


def _points(*confidences: int) -> list[CheckinPoint]:
    """Newest first, one week apart, ending in 2026-W47."""
    return [CheckinPoint(f"2026-W{47 - age}", value) for age, value in enumerate(confidences)]


def test_a_fall_of_three_points_in_one_check_in_is_a_confidence_drop() -> None:
    assert checkin_triggers(_points(5, 8), BANDS) == [
        Trigger(RetroTrigger.CONFIDENCE_DROP, "drop:2026-W47")
    ]


def test_a_fall_of_two_points_or_a_rise_starts_nothing() -> None:
    assert checkin_triggers(_points(6, 8), BANDS) == []
    assert checkin_triggers(_points(9, 2), BANDS) == []


def test_off_track_twice_in_a_row_starts_a_mini_retro() -> None:
    assert checkin_triggers(_points(2, 3, 9), BANDS) == [
        Trigger(RetroTrigger.OFF_TRACK, "offtrack:2026-W47")
    ]


def test_once_off_track_is_not_yet_a_pattern() -> None:
    assert checkin_triggers(_points(3, 4), BANDS) == []


def test_falling_deep_into_red_is_both_a_drop_and_off_track() -> None:
    kinds = [trigger.kind for trigger in checkin_triggers(_points(0, 3), BANDS)]
    assert kinds == [RetroTrigger.CONFIDENCE_DROP, RetroTrigger.OFF_TRACK]


def test_a_first_check_in_has_nothing_to_compare_with() -> None:
    assert checkin_triggers(_points(0), BANDS) == []
    assert checkin_triggers([], BANDS) == []


def test_a_team_with_wider_red_band_sees_off_track_sooner() -> None:
    wide = ConfidenceBands(off_track_max=5, at_risk_max=7)
    assert checkin_triggers(_points(5, 5), wide) == [
        Trigger(RetroTrigger.OFF_TRACK, "offtrack:2026-W47")
    ]
    assert checkin_triggers(_points(5, 5), BANDS) == []


def test_keys_make_each_trigger_unique_per_key_result() -> None:
    assert close_trigger(3) == Trigger(RetroTrigger.CYCLE_CLOSE, "close:3")
    assert ask_trigger("2026-W47") == Trigger(RetroTrigger.ON_DEMAND, "ask:2026-W47")
    assert trigger_period("drop:2026-W47") == "2026-W47"
