"""The owners a plan reads: per cycle since when each has owned a key result there."""

from datetime import UTC, datetime

from sqlmodel import col, select

from bench.monday_seed import MONDAY, Size, seed
from bot.db.engine import Database
from bot.db.models import KeyResult
from bot.db.prompt_planning import LISTED_AT_MOST, Owners, owner_ids, owner_page
from tests.seed import Q4, Seeded, seed_quarter

HANDED = datetime(2026, 10, 14, 9, tzinfo=UTC)


def _alices_since(database: Database, seeded: Seeded, since: list[datetime | None]) -> object:
    alice_krs = [seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr]
    with database.transaction() as session:
        for kr_id, when in zip(alice_krs, since, strict=True):
            session.get_one(KeyResult, kr_id).owner_since = when
    with database.read() as session:
        ids = owner_ids(session, Q4[0])
        page = owner_page(session, Q4[0], Owners(ids[0], ids[-1]))
        alice = session.exec(
            select(KeyResult.owner_id).where(col(KeyResult.id) == seeded.sessions_kr)
        ).one()
    (ownership,) = next(krs for row, krs in page if row.id == alice)
    assert ownership.cycle_start == Q4[0] and ownership.cycle_end == Q4[1]
    return ownership.since


def test_the_earliest_of_the_cycles_key_results_is_kept(database: Database) -> None:
    seeded = seed_quarter(database)
    later = HANDED.replace(day=20)
    assert _alices_since(database, seeded, [later, HANDED, later]) == HANDED


def test_one_owned_since_before_it_was_recorded_makes_it_unknown(database: Database) -> None:
    seeded = seed_quarter(database)
    assert _alices_since(database, seeded, [HANDED, None, HANDED]) is None


def test_a_page_by_list_holds_just_the_owners_listed_short_or_long(database: Database) -> None:
    """A long list is read by its range (cheaper than a long IN list), and still only the
    listed owners come back."""
    seed(database, Size(people=2 * LISTED_AT_MOST + 10, teams=2, key_results=440, weeks=1), [])
    with database.read() as session:
        everyone = owner_ids(session, MONDAY.date())
        for listed in (everyone[1:4], everyone[1::2]):
            page = owner_page(session, MONDAY.date(), Owners.listed(listed))
            assert [row.id for row, _ in page] == listed
    assert len(everyone[1::2]) > LISTED_AT_MOST
