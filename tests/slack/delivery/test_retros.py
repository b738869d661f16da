"""Retro requests over the fake Slack API: once per trigger and person, across replicas;
away members wait; failures are retried; the threshold and the retro digest's week."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.models import Cycle, Digest, RetroRequest, WorkspaceSettings
from bot.runtime import build_services
from bot.scheduling.jobs import find_job
from bot.services.checkins.results import CheckinAnswer
from bot.services.scoring import close_cycle
from bot.settings import Settings
from tests.fakes.slack_api import Call
from tests.seed import ALICE, BOB, Seeded
from tests.slack.harness import SlackHarness
from tests.slack.retro_steps import retro_dms, set_zones

# Every message these tests send to a channel is checked: it must notify nobody.
pytestmark = pytest.mark.usefixtures("quiet_channels")

CHANNEL = "C0GROWTH01"
AFTER_CLOSE = datetime(2027, 1, 4, 15, 0, tzinfo=UTC)  # a Monday: 16:00 Berlin, 10:00 New York


def _close(slack: SlackHarness, database: Database) -> None:
    slack.clock.set(AFTER_CLOSE)
    with database.transaction() as session:
        close_cycle(session, session.exec(select(Cycle)).one(), slack.clock.now())


def _statuses(database: Database) -> list[str]:
    with database.transaction() as session:
        return sorted(r.status for r in session.exec(select(RetroRequest)).all())


def test_two_replicas_at_once_send_each_retro_request_once(
    slack: SlackHarness, database: Database
) -> None:
    set_zones(database, {ALICE: "Europe/Berlin", BOB: "America/New_York"})
    _close(slack, database)
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.fake.base_url)
    replicas = [
        build_services(database, slack.fake.client(), settings, slack.clock) for _ in range(3)
    ]
    job = find_job("retros")
    assert job is not None
    with ThreadPoolExecutor(6) as pool:
        runs = [pool.submit(job.tick, replica) for replica in replicas]
        runs += [pool.submit(job.run_now, replica) for replica in replicas]
        outcomes = [run.result() for run in runs]
    assert len(retro_dms(slack, ALICE)) == 3
    assert len(retro_dms(slack, BOB)) == 1
    started = sum(int(outcome.split(" retro(s)")[0]) for outcome in outcomes)
    assert started == 4
    assert _statuses(database) == ["sent"] * 4


def test_the_workspace_threshold_decides_which_key_results_get_a_retro(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> None:
    slack.clock.set(datetime(2026, 12, 28, 12, 0, tzinfo=UTC))
    slack.services.checkins.save_checkin(
        ALICE, "2026-W53", [CheckinAnswer(seeded.sessions_kr, 2.5, 5)]
    )
    with database.transaction() as session:
        session.add(WorkspaceSettings(id=1, retro_below=0.3))
    _close(slack, database)
    slack.services.retros.run_due(force=True)
    titles = " ".join(str(call.body["blocks"]) for call in retro_dms(slack, ALICE))
    assert "Live scores" in titles and "churn" in titles
    assert "Median monthly" not in titles  # 0.5 is not below 0.3


def test_away_members_are_asked_when_they_are_back(slack: SlackHarness, database: Database) -> None:
    with database.transaction() as session:
        bob = find_member(session, BOB)
        assert bob is not None
        bob.away_until = date(2027, 1, 5)
    _close(slack, database)
    slack.services.retros.run_due(force=True)
    assert retro_dms(slack, BOB) == []
    assert len(retro_dms(slack, ALICE)) == 3
    slack.clock.advance(days=2)
    slack.services.retros.run_due(force=True)
    assert len(retro_dms(slack, BOB)) == 1


def test_a_failed_request_is_recorded_and_retried_on_the_next_run(
    slack: SlackHarness, database: Database
) -> None:
    to_bob = lambda body: body["channel"] in (BOB, "D" + BOB)  # noqa: E731
    slack.fake.fail("chat.postMessage", "fatal_error", when=to_bob, times=1)
    _close(slack, database)
    report = slack.services.retros.run_due(force=True)
    assert report.failed == {BOB: "fatal_error"}
    assert _statuses(database) == ["failed", "sent", "sent", "sent"]
    report = slack.services.retros.run_due(force=True)
    assert report.asked == [BOB]
    assert _statuses(database) == ["sent"] * 4


def test_the_retro_digest_goes_out_a_week_after_close_even_if_answers_are_missing(
    slack: SlackHarness, database: Database
) -> None:
    _close(slack, database)
    job = find_job("retros")
    assert job is not None
    job.run_now(slack.services)

    def in_channel() -> list[Call]:
        return [c for c in slack.fake.calls_to("chat.postMessage") if c.body["channel"] == CHANNEL]

    assert in_channel() == []
    slack.clock.advance(days=7, seconds=-1)
    job.tick(slack.services)
    assert in_channel() == []
    slack.clock.advance(seconds=1)
    job.tick(slack.services)
    job.tick(slack.services)
    [post] = in_channel()
    assert "No retro answers came in this time" in str(post.body["blocks"])
    assert slack.clock.now() - AFTER_CLOSE == timedelta(days=7)
    with database.transaction() as session:
        assert len(session.exec(select(Digest)).all()) == 1
