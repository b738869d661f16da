"""A status set or cleared in Slack counts at once: Slack's user_change event, between walks."""

from datetime import date, timedelta

import pytest

from bot.db.engine import Database
from bot.db.members import find_member
from tests.fakes.signing import event_body, signed_request
from tests.seed import ALICE, BOB
from tests.slack.harness import SlackHarness
from tests.slack.quiet_steps import berlin, dms_to, extend_cycle, run_prompts_at, set_team

WEEK = date(2026, 11, 23)  # a Monday (2026-W48)
STRANGER = "U0STRANGER1"


@pytest.fixture(autouse=True)
def _walked(slack: SlackHarness, database: Database) -> None:
    """The walk at start has read everyone, with no status yet."""
    for user in (ALICE, BOB):
        slack.fake.set_user(user, tz="Europe/Berlin", name=user.lower())
    extend_cycle(database, date(2027, 6, 30))
    slack.clock.set(berlin(WEEK - timedelta(days=2), 9))
    assert slack.services.profiles.walk().finished


def _change(slack: SlackHarness, user: str, status: tuple[str, str, int]) -> None:
    slack.fake.set_user(user, tz="Europe/Berlin", name=user.lower(), status=status)
    answer = slack.event({"type": "user_change", "user": slack.fake.user(user)})
    assert answer.status == 200
    slack.idle()


@pytest.mark.parametrize("weekday", range(5))
def test_a_status_set_after_the_walk_pauses_the_prompt(
    slack: SlackHarness, database: Database, weekday: int
) -> None:
    set_team(database, prompt_weekday=weekday)
    day = WEEK + timedelta(days=weekday)
    slack.clock.set(berlin(day, 8))
    _change(slack, ALICE, (":palm_tree:", "Vacation", int(berlin(day, 12).timestamp())))
    run_prompts_at(slack, berlin(day, 10, 1))
    assert dms_to(slack, ALICE) == []
    assert len(dms_to(slack, BOB)) == 1
    run_prompts_at(slack, berlin(day, 12, 1))  # expired: asked, as after `/okr away until`
    assert len(dms_to(slack, ALICE)) == 1


def test_a_status_cleared_early_brings_the_prompt_back(
    slack: SlackHarness, database: Database
) -> None:
    slack.clock.set(berlin(WEEK, 8))
    _change(slack, ALICE, ("", "Out of office", 0))
    run_prompts_at(slack, berlin(WEEK, 10, 1))
    assert dms_to(slack, ALICE) == []
    _change(slack, ALICE, ("", "", 0))  # back a day early
    run_prompts_at(slack, berlin(WEEK, 10, 2))
    assert len(dms_to(slack, ALICE)) == 1
    with database.read() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and not alice.status_away


def test_someone_the_bot_does_not_know_is_not_stored(
    slack: SlackHarness, database: Database
) -> None:
    slack.fake.set_user(STRANGER, status=(":palm_tree:", "", 0))
    slack.fake.clear()
    assert slack.event({"type": "user_change", "user": slack.fake.user(STRANGER)}).status == 200
    slack.idle()
    with database.read() as session:
        assert find_member(session, STRANGER) is None
    assert slack.fake.calls == []  # and nothing was asked of Slack about them


@pytest.mark.parametrize(
    "user",
    [
        "U0ALICE001",
        {"id": "not a user id", "profile": {"status_text": "Vacation"}},
        {"id": ["U0ALICE001"]},
        {"id": ALICE, "profile": "Vacation", "tz": 7, "real_name": ["x"]},
        {"id": ALICE, "profile": {"status_text": 5, "status_emoji": None}, "tz": "Europe/Berlin"},
    ],
)
def test_a_malformed_user_object_changes_nothing_and_breaks_nothing(
    slack: SlackHarness, database: Database, user: object
) -> None:
    assert slack.event({"type": "user_change", "user": user}).status == 200
    slack.idle()
    with database.read() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and not alice.status_away
        assert alice.timezone == "Europe/Berlin" and alice.display_name == ALICE.lower()


def test_an_unsigned_user_change_is_not_acted_on(slack: SlackHarness, database: Database) -> None:
    slack.fake.set_user(ALICE, status=(":palm_tree:", "Vacation", 0))
    body = event_body({"type": "user_change", "user": slack.fake.user(ALICE)})
    forged = signed_request(body, "not-the-signing-secret")
    assert slack.app.dispatch(forged).status == 401
    slack.idle()
    with database.read() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and not alice.status_away
