"""The minute tick and the read paths do the same work however long the check-in history is."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from bench.work import Work, counted
from bot.db.engine import Database
from bot.domain.cadence import period_key
from bot.domain.refs import Ref, RefKind
from bot.scheduling.scheduler import tick
from bot.services.okrs.listing import ListQuery
from bot.services.registry import Services
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, Seeded, add_checkins, seed_quarter
from tests.slack.harness import slack_harness

MONDAY_NOON = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)  # 2026-W47
RECENT = [period_key(date(2026, 11, 2)), period_key(date(2026, 11, 9))]  # W45, W46
OLDER = [period_key(date(2026, 10, 1) + timedelta(weeks=week)) for week in range(5)]  # W40-W44

READS: dict[str, Callable[[Services, Seeded], object]] = {
    "App Home": lambda services, _: services.home.home_for(ALICE),
    "/okr list team": lambda services, _: services.okr_list.list_okrs(
        ALICE, ListQuery(team_name="Growth")
    ),
    "/okr list at-risk": lambda services, _: services.okr_list.list_okrs(
        ALICE, ListQuery(at_risk=True)
    ),
    "/okr digest": lambda services, _: services.digests.preview(ALICE, "Growth"),
    "check-in modal": lambda services, _: services.checkins.checkin_form(ALICE),
    "/okr tree": lambda services, seeded: services.hypotheses.tree(
        Ref(RefKind.KEY_RESULT, seeded.sessions_kr)
    ),
}


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


def _work(database: Database, action: Callable[[], object]) -> Work:
    with counted(database.engine) as work:
        action()
    return work


def test_a_tick_reads_no_more_with_half_a_year_of_history(
    database: Database, seeded: Seeded
) -> None:
    add_checkins(database, RECENT)
    with slack_harness(database, FrozenClock(MONDAY_NOON)) as slack:
        tick(slack.services)  # this week's prompts go out; later ticks find nothing new
        short = _work(database, lambda: tick(slack.services))
        add_checkins(database, OLDER)
        long = _work(database, lambda: tick(slack.services))
    assert long == short


@pytest.mark.parametrize("read", list(READS))
def test_reads_load_what_they_show_not_the_history(
    database: Database, seeded: Seeded, read: str
) -> None:
    add_checkins(database, RECENT)
    with slack_harness(database, FrozenClock(MONDAY_NOON)) as slack:
        READS[read](slack.services, seeded)  # first contact records the member
        short = _work(database, lambda: READS[read](slack.services, seeded))
        add_checkins(database, OLDER)
        long = _work(database, lambda: READS[read](slack.services, seeded))
    assert long == short
    assert short.rows > 0
