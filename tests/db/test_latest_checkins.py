"""The last check-ins of each key result: one statement, a limit per key result, plain rows."""

import pytest
from sqlmodel import select

from bench.work import counted
from bot.db.checkin_points import CheckinPoint, latest_checkins
from bot.db.engine import Database
from bot.db.models import KeyResult
from tests.seed import Seeded, add_checkins, seed_quarter

PERIODS = ["2026-W40", "2026-W41", "2026-W42", "2026-W43"]


@pytest.fixture
def seeded(database: Database) -> Seeded:
    found = seed_quarter(database)
    add_checkins(database, PERIODS, leave_out=[found.launch_kr])  # never checked in on
    return found


def test_each_key_result_gets_its_newest_few_in_one_statement(
    database: Database, seeded: Seeded
) -> None:
    kr_ids = [seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr]
    with database.read() as session:
        session.connection()  # the transaction has begun
        with counted(database.engine) as work:
            latest = latest_checkins(session, kr_ids, 2)
    assert work.statements == 1 and work.rows == 4
    assert set(latest) == {seeded.sessions_kr, seeded.churn_kr}
    assert latest[seeded.sessions_kr] == [
        CheckinPoint(seeded.sessions_kr, "2026-W43", 3.0, 8, None, None),
        CheckinPoint(seeded.sessions_kr, "2026-W42", 2.0, 7, None, None),
    ]


def test_up_to_and_before_a_period(database: Database, seeded: Seeded) -> None:
    with database.read() as session:
        up_to = latest_checkins(session, [seeded.bob_kr], 1, up_to="2026-W42")
        before = latest_checkins(session, [seeded.bob_kr], 1, before="2026-W42")
        nothing = latest_checkins(session, [], 3)
    assert [point.period for point in up_to[seeded.bob_kr]] == ["2026-W42"]
    assert [point.period for point in before[seeded.bob_kr]] == ["2026-W41"]
    assert nothing == {}


def test_ids_may_come_from_a_query(database: Database, seeded: Seeded) -> None:
    bobs = select(KeyResult.id).where(KeyResult.id == seeded.bob_kr)
    with database.read() as session:
        latest = latest_checkins(session, bobs, 3)
    assert [point.period for point in latest[seeded.bob_kr]] == ["2026-W43", "2026-W42", "2026-W41"]
