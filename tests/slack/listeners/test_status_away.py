"""Away from Slack: an away status, read with the profile refresh, pauses every nudge."""

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.models import Cycle
from bot.scheduling.jobs import find_job
from bot.services.scoring import close_cycle
from tests.seed import ALICE, BOB
from tests.slack.channel_posts import channel_posts
from tests.slack.harness import SlackHarness
from tests.slack.quiet_steps import berlin, dms_to, extend_cycle, run_prompts_at, set_team
from tests.slack.retro_steps import retro_dms

WEEK = date(2026, 11, 23)  # a Monday (2026-W48)


def _status(slack: SlackHarness, user: str, emoji: str, text: str, until: datetime | None) -> None:
    expiration = 0 if until is None else int(until.timestamp())
    slack.fake.set_user(
        user, tz="Europe/Berlin", name=user.lower(), status=(emoji, text, expiration)
    )


@pytest.fixture(autouse=True)
def _berlin(slack: SlackHarness, database: Database) -> None:
    slack.fake.set_user(BOB, tz="Europe/Berlin", name="bob")
    extend_cycle(database, date(2027, 6, 30))


@pytest.mark.parametrize("weekday", range(5))
def test_an_away_status_pauses_the_prompt_until_it_expires(
    slack: SlackHarness, database: Database, weekday: int
) -> None:
    set_team(database, prompt_weekday=weekday)
    day = WEEK + timedelta(days=weekday)
    _status(slack, ALICE, ":palm_tree:", "Urlaub", berlin(day, 12))
    run_prompts_at(slack, berlin(day, 10, 1))
    assert dms_to(slack, ALICE) == []
    assert len(dms_to(slack, BOB)) == 1  # the same tick prompts those who are in
    with database.transaction() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and alice.status_away
        assert alice.status_away_until == berlin(day, 12)
    run_prompts_at(slack, berlin(day, 11, 59))
    assert dms_to(slack, ALICE) == []
    run_prompts_at(slack, berlin(day, 12, 1))  # expired: asked, like after `/okr away until`
    assert len(dms_to(slack, ALICE)) == 1


def test_a_status_that_never_expires_keeps_them_away_all_week_with_no_reminder(
    slack: SlackHarness, database: Database
) -> None:
    _status(slack, ALICE, "", "Elternzeit", None)
    for days in range(7):
        run_prompts_at(slack, berlin(WEEK + timedelta(days=days), 10, 1))
        run_prompts_at(slack, berlin(WEEK + timedelta(days=days), 16))
    assert dms_to(slack, ALICE) == []
    assert len(dms_to(slack, BOB)) == 2  # Bob: his prompt and its one reminder


def test_an_ordinary_status_changes_nothing(slack: SlackHarness, database: Database) -> None:
    _status(slack, ALICE, ":house_with_garden:", "Working from home", None)
    run_prompts_at(slack, berlin(WEEK, 10, 1))
    assert len(dms_to(slack, ALICE)) == 1
    with database.transaction() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and not alice.status_away


def test_the_digest_lists_them_as_away(slack: SlackHarness, database: Database) -> None:
    _status(slack, ALICE, ":face_with_thermometer:", "", None)
    _status(slack, BOB, "", "De férias", berlin(WEEK + timedelta(days=9), 18))
    run_prompts_at(slack, berlin(WEEK, 10, 1))  # the refresh that reads the statuses
    slack.fake.clear()
    slack.clock.set(berlin(WEEK + timedelta(days=4), 15, 1))
    job = find_job("digests")
    assert job is not None
    job.run_now(slack.services)
    [post] = channel_posts(slack.fake)
    lines = [
        line
        for block in post.body["blocks"]
        for element in block.get("elements", [])
        for line in str(element.get("text", "")).split("\n")
    ]
    [away] = [line for line in lines if line.startswith("*Away:*")]
    assert away == f"*Away:* {ALICE.lower()}, {BOB.lower()} (until Dec 2)"
    assert not any(line.startswith("*Not checked in") and ALICE.lower() in line for line in lines)


def test_no_retro_request_while_the_status_says_away(
    slack: SlackHarness, database: Database
) -> None:
    _status(slack, ALICE, ":airplane:", "", berlin(WEEK + timedelta(days=1), 9))
    run_prompts_at(slack, berlin(WEEK, 10, 1))
    with database.transaction() as session:
        cycle = session.exec(select(Cycle)).one()
        cycle.end_date = WEEK - timedelta(days=1)
        close_cycle(session, cycle, slack.clock.now())
    slack.clock.set(berlin(WEEK, 11))
    slack.services.retros.run_due()
    assert retro_dms(slack, ALICE) == []
    assert len(retro_dms(slack, BOB)) == 1
    slack.clock.set(berlin(WEEK + timedelta(days=1), 10))
    slack.services.retros.run_due()
    assert len(retro_dms(slack, ALICE)) >= 1
