"""The attention benchmark's counters catch each kind of interruption it is meant to count."""

from datetime import UTC, date, datetime

from bench.attention_count import count, figures
from bench.attention_world import make_world
from tests.fakes.slack_api import Call

WORLD = make_world(people=12, weeks=2)
US = next(p for p in WORLD.people if p.region == "US" and not p.away)
AWAY = next(p for p in WORLD.people if p.away)


def _dm(user: str) -> Call:
    return Call("chat.postMessage", {"channel": user, "text": "Time for your check-in"}, "x")


def test_a_dm_in_working_hours_on_a_plain_day_is_counted_and_nothing_more() -> None:
    tally = count(WORLD, [(datetime(2026, 10, 6, 15, 0, tzinfo=UTC), _dm(US.user_id))])
    assert sum(tally.dms.values()) == 1
    assert (tally.outside_hours, tally.while_away, tally.on_holiday) == ([], [], [])
    assert figures(WORLD, tally).missed() == []


def test_dms_at_night_on_a_saturday_on_a_holiday_or_while_away_are_each_caught() -> None:
    night = datetime(2026, 10, 6, 3, 0, tzinfo=UTC)  # 23:00 the evening before in New York
    saturday = datetime(2026, 10, 10, 15, 0, tzinfo=UTC)
    columbus_day = datetime(2026, 10, 12, 15, 0, tzinfo=UTC)
    assert AWAY.away is not None and AWAY.away[0] == date(2026, 10, 12)
    away = datetime(2026, 10, 13, 10, 0, tzinfo=AWAY.tz())
    tally = count(
        WORLD,
        [
            (night, _dm(US.user_id)),
            (saturday, _dm(US.user_id)),
            (columbus_day, _dm(US.user_id)),
            (away, _dm(AWAY.user_id)),
        ],
    )
    assert len(tally.outside_hours) == 2
    assert len(tally.on_holiday) == 1 and "Columbus Day" in tally.on_holiday[0]
    assert len(tally.while_away) == 1
    assert set(figures(WORLD, tally).missed()) == {"outside hours", "away or holiday"}


def test_mentions_in_channel_posts_are_pings_and_failed_posts_are_not() -> None:
    post = {"channel": "C000000000T", "text": "<@U000000001A> and <!here>", "blocks": []}
    tally = count(
        WORLD,
        [
            (datetime(2026, 10, 9, 15, 0, tzinfo=UTC), Call("chat.postMessage", post, "x")),
            (datetime(2026, 10, 9, 15, 0, tzinfo=UTC), Call("chat.update", post, "x", ok=False)),
        ],
    )
    assert tally.pings == 2 and sum(tally.dms.values()) == 0
    assert "pings" in figures(WORLD, tally).missed()
