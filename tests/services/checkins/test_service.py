"""Checking in: the pre-filled form, saving and replacing, one-click answers, receipts."""

from datetime import UTC, datetime

import pytest

from bot.db.engine import Database
from bot.domain.errors import DomainError, NeedsFullCheckin, NotAllowed
from bot.domain.progress import ConfidenceBands, Status
from bot.services.checkins.home import HomeService
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.members import CalendarDefaults
from bot.services.reading import ReadContext
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, BOB, Seeded, seed_quarter

WEDNESDAY = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)  # 2026-W47


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


def _checkins(database: Database, clock: FrozenClock) -> CheckinService:
    return CheckinService(database, clock, CheckinPolicy())


def _answers(seeded: Seeded, sessions: float = 2.4, confidence: int = 7) -> list[CheckinAnswer]:
    return [
        CheckinAnswer(seeded.sessions_kr, sessions, confidence, "Good week", None),
        CheckinAnswer(seeded.churn_kr, 7.5, 5, None, "Waiting on billing data"),
        CheckinAnswer(seeded.launch_kr, 0, 6),
    ]


def test_the_form_lists_my_key_results_prefilled_with_my_last_answers(
    database: Database, seeded: Seeded
) -> None:
    clock = FrozenClock(datetime(2026, 11, 11, 12, 0, tzinfo=UTC))  # 2026-W46
    checkins = _checkins(database, clock)
    first = checkins.checkin_form(ALICE)
    assert first.period == "2026-W46"
    assert [kr.value for kr in first.key_results] == [None, None, None]

    checkins.save_checkin(ALICE, "2026-W46", _answers(seeded))
    clock.set(WEDNESDAY)
    form = checkins.checkin_form(ALICE)
    assert form.period == "2026-W47"
    assert [(kr.value, kr.confidence) for kr in form.key_results] == [(2.4, 7), (7.5, 5), (0, 6)]


def test_saving_records_one_checkin_per_kr_and_reports_the_change(
    database: Database, seeded: Seeded
) -> None:
    clock = FrozenClock(datetime(2026, 11, 11, 12, 0, tzinfo=UTC))
    checkins = _checkins(database, clock)
    checkins.save_checkin(ALICE, "2026-W46", _answers(seeded, sessions=2.2, confidence=8))
    clock.set(WEDNESDAY)
    saved = checkins.save_checkin(ALICE, "2026-W47", _answers(seeded, sessions=2.5, confidence=5))
    receipt = checkins.receipt(saved)

    first = receipt.lines[0]
    assert (first.value, first.previous_value) == (2.5, 2.2)
    assert (first.confidence, first.previous_confidence) == (5, 8)
    assert receipt.period == "2026-W47"


def test_checking_in_again_in_the_same_period_replaces_that_checkin(
    database: Database, seeded: Seeded
) -> None:
    clock = FrozenClock(WEDNESDAY)
    checkins = _checkins(database, clock)
    checkins.save_checkin(ALICE, "2026-W47", _answers(seeded, sessions=2.4))
    receipt = checkins.receipt(checkins.save_checkin(ALICE, "2026-W47", _answers(seeded, 2.6)))
    assert receipt.lines[0].previous_value is None  # still the first period with an answer
    form = checkins.checkin_form(ALICE)
    assert form.key_results[0].value == 2.6


def test_no_change_repeats_every_last_answer_in_one_click(
    database: Database, seeded: Seeded
) -> None:
    clock = FrozenClock(datetime(2026, 11, 11, 12, 0, tzinfo=UTC))
    checkins = _checkins(database, clock)
    checkins.save_checkin(ALICE, "2026-W46", _answers(seeded))
    clock.set(WEDNESDAY)
    receipt = checkins.receipt(checkins.no_change(ALICE, "2026-W47"))
    assert receipt.one_click
    assert [(line.value, line.previous_value) for line in receipt.lines] == [
        (2.4, 2.4),
        (7.5, 7.5),
        (0, 0),
    ]


def test_no_change_without_an_earlier_answer_asks_for_numbers(
    database: Database, seeded: Seeded
) -> None:
    with pytest.raises(NeedsFullCheckin, match="check in with numbers"):
        _checkins(database, FrozenClock(WEDNESDAY)).no_change(ALICE, "2026-W47")


def test_nobody_checks_in_on_someone_elses_key_result(database: Database, seeded: Seeded) -> None:
    checkins = _checkins(database, FrozenClock(WEDNESDAY))
    with pytest.raises(NotAllowed, match=f"KR-{seeded.sessions_kr}"):
        checkins.save_checkin(BOB, "2026-W47", [CheckinAnswer(seeded.sessions_kr, 9, 9)])
    assert checkins.checkin_form(ALICE).key_results[0].value is None


def test_a_future_or_malformed_period_is_refused(database: Database, seeded: Seeded) -> None:
    checkins = _checkins(database, FrozenClock(WEDNESDAY))
    for period in ("2026-W49", "yesterday", "2026-W99"):
        with pytest.raises(DomainError, match="not a check-in period"):
            checkins.save_checkin(ALICE, period, _answers(seeded))


def test_a_late_answer_counts_for_the_period_it_was_asked_for(
    database: Database, seeded: Seeded
) -> None:
    checkins = _checkins(database, FrozenClock(WEDNESDAY))
    receipt = checkins.save_checkin(ALICE, "2026-W46", _answers(seeded))
    assert receipt.period == "2026-W46"


def test_home_shows_progress_and_status(database: Database, seeded: Seeded) -> None:
    clock = FrozenClock(WEDNESDAY)
    _checkins(database, clock).save_checkin(ALICE, "2026-W47", _answers(seeded, 2.9, 8))
    home = HomeService(
        ReadContext(database, clock, CalendarDefaults(), ConfidenceBands())
    ).home_for(ALICE)
    assert home.checked_in
    sessions, churn, launch = home.key_results
    assert sessions.progress == pytest.approx(0.9)
    assert sessions.status is Status.ON_TRACK
    assert churn.progress == pytest.approx(0.5 / 3)
    assert churn.status is Status.AT_RISK  # confidence 5 and behind pace
    assert launch.status is Status.AT_RISK  # milestone not done at 52 % of the cycle
