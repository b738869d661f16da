"""Profiles come from Slack's member list by the page, over HTTP to the fake Slack; users.info
only for someone new since; a walk paused by an error resumes where it stopped."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.db.engine import Database
from bot.db.members import find_member, get_or_create_member
from bot.db.models import KeyResult, Member
from bot.runtime import build_services
from bot.services.registry import Services
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_files import Body
from tests.fakes.timer import FakeTimer
from tests.seed import ALICE, BOB, LEAD, seed_quarter

MONDAY_1600_UTC = datetime(2026, 11, 16, 16, 0, tzinfo=UTC)
CAROL = "U0CAROL001"


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(validate_blocks=False, strict_users=True) as api:
        yield api


def _services(
    database: Database, fake: FakeSlackApi, clock: FrozenClock, timer: FakeTimer
) -> Services:
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
    return build_services(database, fake.client(timeout=0.5), settings, clock, timer)


def _workspace(database: Database, fake: FakeSlackApi, people: int) -> list[str]:
    """`people` in Slack, all of them members of the bot, none with a profile yet."""
    ids = [f"U{n:08d}" for n in range(people)]
    for user in ids:
        fake.set_user(user, tz="Asia/Tokyo")
    with database.transaction() as session:
        session.add_all(Member(slack_user_id=user) for user in ids)
    return ids


def _has_cursor(body: Body) -> bool:
    return bool(body.get("cursor"))


def test_two_thousand_profiles_come_from_ten_pages(database: Database, fake: FakeSlackApi) -> None:
    ids = _workspace(database, fake, 2000)
    fake.set_user("U99999999", tz="UTC")  # in Slack, never seen by the bot: not stored
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC), FakeTimer())

    report = services.profiles.walk()

    pages = fake.calls_to("users.list")
    assert report.finished and (report.pages, report.stored) == (11, 2000)
    assert [call.body["limit"] for call in pages] == ["200"] * 11
    assert fake.calls_to("users.info") == []
    with database.transaction() as session:
        last = find_member(session, ids[-1])
        assert last is not None and last.timezone == "Asia/Tokyo"
        assert last.profile_fetched_at == MONDAY_1600_UTC
        assert find_member(session, "U99999999") is None


def test_the_walk_stores_names_zones_and_flags_and_prompts_need_no_users_info(
    database: Database, fake: FakeSlackApi
) -> None:
    seed_quarter(database)
    fake.set_user(ALICE, tz="Europe/Berlin", name="alice")
    fake.set_user(BOB, tz="America/New_York", is_admin=True)
    fake.set_user(LEAD, tz="Europe/Berlin", deleted=True)
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC), FakeTimer())
    services.profiles.walk()

    assert sorted(services.prompts.send_due_prompts(force=True).sent) == [ALICE, BOB]

    assert fake.calls_to("users.info") == []
    with database.transaction() as session:
        alice, bob, lead = (find_member(session, u) for u in (ALICE, BOB, LEAD))
        assert alice is not None and (alice.display_name, alice.timezone) == (
            "alice",
            "Europe/Berlin",
        )
        assert bob is not None and bob.slack_admin and bob.timezone == "America/New_York"
        assert lead is not None and lead.deactivated


def test_a_new_key_result_owner_without_a_profile_gets_one_users_info(
    database: Database, fake: FakeSlackApi
) -> None:
    seeded = seed_quarter(database)
    for user in (ALICE, BOB, LEAD):
        fake.set_user(user)
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC), FakeTimer())
    services.profiles.walk()
    # Carol joined Slack after the walk and has just been given Bob's key result.
    fake.set_user(CAROL, tz="Asia/Kolkata")
    with database.transaction() as session:
        carol = get_or_create_member(session, CAROL)
        assert carol.id is not None
        session.get_one(KeyResult, seeded.bob_kr).owner_id = carol.id
    fake.clear()

    assert sorted(services.prompts.send_due_prompts(force=True).sent) == [ALICE, CAROL]
    assert [call.body["user"] for call in fake.calls_to("users.info")] == [CAROL]
    assert fake.calls_to("users.list") == []


def test_a_rate_limited_page_is_asked_again_after_retry_after(
    database: Database, fake: FakeSlackApi
) -> None:
    _workspace(database, fake, 450)
    timer = FakeTimer()
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC), timer)
    fake.fail_http("users.list", 429, retry_after=30, when=_has_cursor, times=1)

    report = services.profiles.walk()

    assert report.finished and (report.pages, report.stored) == (3, 450)
    assert [call.ok for call in fake.calls_to("users.list")] == [True, False, True, True]
    assert sum(timer.sleeps) >= 30  # Slack's Retry-After, waited out by the paced sender


def test_a_walk_stopped_by_an_error_resumes_from_its_page_at_the_next_tick(
    database: Database, fake: FakeSlackApi
) -> None:
    _workspace(database, fake, 450)
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC), FakeTimer())
    fake.fail("users.list", "fatal_error", when=_has_cursor, times=1)

    paused = services.profiles.walk_if_due()
    assert (paused.pages, paused.stored, paused.finished, paused.error) == (
        1,
        200,
        False,
        "fatal_error",
    )
    resumed = services.profiles.walk_if_due()

    assert resumed.finished and (resumed.pages, resumed.stored) == (2, 250)
    cursors = [call.body.get("cursor") for call in fake.calls_to("users.list")]
    assert cursors[0] is None and cursors[1] == cursors[2]  # page one was not read again
    assert "paused (fatal_error)" in paused.describe()


def test_the_walk_is_due_at_start_and_then_weekly(database: Database, fake: FakeSlackApi) -> None:
    _workspace(database, fake, 3)
    clock = FrozenClock(MONDAY_1600_UTC)
    services = _services(database, fake, clock, FakeTimer())

    assert services.profiles.walk_if_due().finished
    clock.advance(days=6, hours=23)
    assert not services.profiles.walk_if_due().due
    clock.advance(hours=1)
    assert services.profiles.walk_if_due().finished
    assert len(fake.calls_to("users.list")) == 2
