"""A fetched or pushed value becomes this period's check-in value; a person's own answer wins."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.db.engine import Database
from bot.domain.sources import HttpJsonSource, WebhookSource
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.members import CalendarDefaults
from bot.services.sources.recording import CheckinRecorder
from bot.services.sources.results import PushStatus
from bot.services.sources.service import SourceService
from tests.fakes.clock import FrozenClock
from tests.fakes.source_server import SourceServer
from tests.seed import ALICE, Seeded, seed_quarter
from tests.services.sources.conftest import source_service

LAST_WEEK = datetime(2026, 11, 11, 12, 0, tzinfo=UTC)  # a Wednesday of 2026-W46
MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # 2026-W47 starts
FIVE_MINUTES = timedelta(minutes=5)


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


def checked_in_last_week(database: Database, seeded: Seeded) -> CheckinService:
    clock = FrozenClock(LAST_WEEK)
    checkins = CheckinService(database, clock, CheckinPolicy())
    answer = CheckinAnswer(seeded.sessions_kr, 2.4, 7, "Good week", None)
    checkins.save_checkin(ALICE, "2026-W46", [answer])
    return checkins


def recording(database: Database, clock: FrozenClock) -> SourceService:
    return source_service(database, clock, record_value=CheckinRecorder(CalendarDefaults()))


def fetched(database: Database, seeded: Seeded, server: SourceServer, at: datetime) -> None:
    clock = FrozenClock(at)
    sources = recording(database, clock)
    url = server.json("/fans", {"median": 2.9})
    sources.set_source(seeded.sessions_kr, HttpJsonSource(url, "median", FIVE_MINUTES))
    clock.advance(minutes=3)
    assert sources.fetch_due().values == {seeded.sessions_kr: 2.9}


@pytest.mark.parametrize("day", range(7))
def test_a_fetched_value_is_this_period_s_value_with_the_owner_s_confidence(
    database: Database, seeded: Seeded, server: SourceServer, day: int
) -> None:
    checked_in_last_week(database, seeded)
    at = MONDAY + timedelta(days=day)

    fetched(database, seeded, server, at)

    checkins = CheckinService(database, FrozenClock(at + FIVE_MINUTES), CheckinPolicy())
    form = checkins.checkin_form(ALICE)
    kr = next(kr for kr in form.key_results if kr.kr_id == seeded.sessions_kr)
    assert form.period == "2026-W47"
    assert (kr.value, kr.confidence, kr.previous_value) == (2.9, 7, 2.4)
    assert kr.value_source == "http_json"
    assert kr.value_at == at + timedelta(minutes=3)
    latest = checkins.history(seeded.sessions_kr).entries[0]
    assert (latest.period, latest.value, latest.confidence, latest.note) == (
        "2026-W47",
        2.9,
        7,
        None,
    )
    assert latest.source == "http_json" and latest.author_slack_id == ALICE


def test_a_new_value_updates_the_source_s_check_in_in_place(
    database: Database, seeded: Seeded, server: SourceServer
) -> None:
    checked_in_last_week(database, seeded)
    fetched(database, seeded, server, MONDAY)
    clock = FrozenClock(MONDAY + timedelta(hours=2))
    server.json("/fans", {"median": 3.1})

    recording(database, clock).fetch_due()

    history = CheckinService(database, clock, CheckinPolicy()).history(seeded.sessions_kr)
    assert [(e.period, e.value, e.edits, e.source) for e in history.entries] == [
        ("2026-W47", 3.1, 0, "http_json"),
        ("2026-W46", 2.4, 0, None),
    ]


def test_a_person_s_own_check_in_for_the_period_is_never_overwritten(
    database: Database, seeded: Seeded, server: SourceServer
) -> None:
    checked_in_last_week(database, seeded)
    clock = FrozenClock(MONDAY)
    checkins = CheckinService(database, clock, CheckinPolicy())
    mine = CheckinAnswer(seeded.sessions_kr, 2.5, 4, "Mine", None)
    checkins.save_checkin(ALICE, "2026-W47", [mine])

    fetched(database, seeded, server, MONDAY + timedelta(hours=1))

    latest = checkins.history(seeded.sessions_kr).entries[0]
    assert (latest.value, latest.confidence, latest.note, latest.source) == (2.5, 4, "Mine", None)


def test_a_person_answering_after_the_source_makes_the_check_in_theirs(
    database: Database, seeded: Seeded, server: SourceServer
) -> None:
    checked_in_last_week(database, seeded)
    fetched(database, seeded, server, MONDAY)
    clock = FrozenClock(MONDAY + timedelta(hours=1))
    checkins = CheckinService(database, clock, CheckinPolicy())

    checkins.save_checkin(ALICE, "2026-W47", [CheckinAnswer(seeded.sessions_kr, 2.9, 8, "Ok")])
    server.json("/fans", {"median": 9.9})
    clock.advance(hours=2)
    recording(database, clock).fetch_due()

    latest = checkins.history(seeded.sessions_kr).entries[0]
    assert (latest.value, latest.confidence, latest.note, latest.source) == (2.9, 8, "Ok", None)


def test_without_an_earlier_check_in_there_is_no_confidence_to_keep(
    database: Database, seeded: Seeded, server: SourceServer
) -> None:
    fetched(database, seeded, server, MONDAY)

    history = CheckinService(database, FrozenClock(MONDAY), CheckinPolicy()).history(
        seeded.sessions_kr
    )
    assert history.entries == ()
    state = recording(database, FrozenClock(MONDAY)).source_of(seeded.sessions_kr)
    assert state is not None and state.health.last_value == 2.9


def test_a_pushed_value_is_recorded_the_same_way(database: Database, seeded: Seeded) -> None:
    checked_in_last_week(database, seeded)
    clock = FrozenClock(MONDAY)
    sources = recording(database, clock)
    sources.set_source(seeded.sessions_kr, WebhookSource())
    token = sources.issue_token(seeded.sessions_kr)

    result = sources.push(f"KR-{seeded.sessions_kr}", token, json.dumps({"value": 3}).encode())

    assert result.status is PushStatus.ACCEPTED
    checkins = CheckinService(database, clock, CheckinPolicy())
    latest = checkins.history(seeded.sessions_kr).entries[0]
    assert (latest.period, latest.value, latest.confidence, latest.source) == (
        "2026-W47",
        3.0,
        7,
        "webhook",
    )
