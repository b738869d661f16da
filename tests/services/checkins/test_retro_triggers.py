"""Mini-retros start as a check-in is saved, edits and late answers too; a tick reads no history."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import Cycle, Retro
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.ports import DigestDelivery, PostedMessage
from bot.services.retros.ports import RetroCard, RetroDigest
from bot.services.retros.requests import RetroPolicy, RetroService
from bot.services.scoring import close_cycle
from tests.db_locks import another_writer
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, Seeded, seed_quarter

W46 = datetime(2026, 11, 11, 12, tzinfo=UTC)
W47 = datetime(2026, 11, 18, 12, tzinfo=UTC)
AFTER_CLOSE = datetime(2027, 1, 4, 12, tzinfo=UTC)


class _NoDMs:
    """Detection sends nothing; a request would be a test failure."""

    def send_retro_request(self, channel_id: str, card: RetroCard) -> PostedMessage:
        raise AssertionError("no DM expected")

    def post_retro_digest(self, channel_id: str, digest: RetroDigest) -> DigestDelivery:
        raise AssertionError("no digest expected")


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


def _check_in(database: Database, when: datetime, period: str, kr: int, confidence: int) -> None:
    service = CheckinService(database, FrozenClock(when), CheckinPolicy())
    service.save_checkin(ALICE, period, [CheckinAnswer(kr, 2.2, confidence)])


def _triggers(database: Database) -> set[str]:
    with database.read() as session:
        return {retro.trigger_key for retro in session.exec(select(Retro)).all()}


def test_a_drop_of_three_starts_a_retro_with_the_checkin(
    database: Database, seeded: Seeded
) -> None:
    _check_in(database, W46, "2026-W46", seeded.sessions_kr, 8)
    assert _triggers(database) == set()
    _check_in(database, W47, "2026-W47", seeded.sessions_kr, 5)
    assert _triggers(database) == {"drop:2026-W47"}


def test_an_edited_answer_is_judged_again(database: Database, seeded: Seeded) -> None:
    _check_in(database, W46, "2026-W46", seeded.sessions_kr, 8)
    _check_in(database, W47, "2026-W47", seeded.sessions_kr, 7)
    assert _triggers(database) == set()
    _check_in(database, W47, "2026-W47", seeded.sessions_kr, 2)  # the same week, edited
    assert _triggers(database) == {"drop:2026-W47"}


def test_a_late_answer_makes_a_new_pair_with_the_latest(database: Database, seeded: Seeded) -> None:
    _check_in(database, W47, "2026-W47", seeded.sessions_kr, 2)
    assert _triggers(database) == set()  # one check-in is not yet a pattern
    _check_in(database, W47, "2026-W46", seeded.sessions_kr, 3)  # last week's, answered late
    assert _triggers(database) == {"offtrack:2026-W47"}


def test_a_closed_cycle_starts_its_retros_once_and_ticks_after_that_only_read(
    database: Database, seeded: Seeded
) -> None:
    with database.transaction() as session:
        close_cycle(session, session.exec(select(Cycle)).one(), AFTER_CLOSE)
    retros = RetroService(database, _NoDMs(), FrozenClock(AFTER_CLOSE), RetroPolicy())
    assert retros.detect() == 4  # every key result scored below 0.7
    # Nothing new: the next tick finds that by reading alone, even while another writes.
    with another_writer(database):
        assert retros.detect() == 0
    with database.read() as session:
        assert len(session.exec(select(Retro)).all()) == 4
