"""No prompt right after an update: every KR checked in 48 h before it counts as the answer."""

from datetime import date, timedelta

import pytest

from bot.db.engine import Database
from tests.seed import ALICE, BOB
from tests.slack.harness import SlackHarness
from tests.slack.quiet_steps import berlin, dms_to, run_prompts_at, set_team, store_checkins

MONDAY = date(2026, 11, 16)  # 2026-W47; the prompt goes out at 10:00 Berlin time


@pytest.fixture(autouse=True)
def _both_in_berlin(slack: SlackHarness) -> None:
    slack.fake.set_user(BOB, tz="Europe/Berlin", name="bob")


@pytest.mark.parametrize("weekday", range(7))
def test_someone_who_just_updated_everything_is_not_prompted_nor_reminded(
    slack: SlackHarness, database: Database, weekday: int
) -> None:
    set_team(database, prompt_weekday=weekday)
    due = berlin(MONDAY + timedelta(days=weekday), 10)
    store_checkins(database, ALICE, due - timedelta(hours=47))
    store_checkins(database, BOB, due - timedelta(hours=49))  # too long ago to count

    run_prompts_at(slack, due + timedelta(minutes=1))
    assert dms_to(slack, ALICE) == []
    assert len(dms_to(slack, BOB)) == 1
    # A day on, Bob is reminded; Alice's period counts as answered, so nothing reaches her.
    for hours in range(1, 30):
        run_prompts_at(slack, due + timedelta(hours=hours, minutes=1))
    assert dms_to(slack, ALICE) == []
    # A reminder due on a weekend would wait for Monday, which is past the week's end.
    assert len(dms_to(slack, BOB)) == (2 if weekday < 4 else 1)


@pytest.mark.parametrize("weekday", range(7))
def test_one_key_result_left_out_means_the_prompt_still_comes(
    slack: SlackHarness, database: Database, weekday: int
) -> None:
    set_team(database, prompt_weekday=weekday)
    due = berlin(MONDAY + timedelta(days=weekday), 10)
    store_checkins(database, ALICE, due - timedelta(hours=2), skip=1)

    run_prompts_at(slack, due - timedelta(minutes=1))
    assert dms_to(slack, ALICE) == []
    run_prompts_at(slack, due + timedelta(minutes=1))
    assert len(dms_to(slack, ALICE)) == 1


def test_the_digest_counts_the_fresh_update_as_the_weeks_answer(
    slack: SlackHarness, database: Database
) -> None:
    set_team(database, prompt_weekday=0)
    due = berlin(MONDAY, 10)
    # Saturday's update belongs to last week's period, yet answers this Monday's prompt.
    store_checkins(database, ALICE, due - timedelta(hours=40))
    run_prompts_at(slack, due + timedelta(minutes=1))
    assert dms_to(slack, ALICE) == [] and len(dms_to(slack, BOB)) == 1

    said = str(slack.answer("digest", ALICE)["blocks"])
    assert "*Not checked in this week:* bob" in said
    assert "alice" not in said.split("Not checked in this week")[1]
