"""Claiming due sources: a claim another replica holds open is skipped, never shared."""

import threading
from datetime import UTC, datetime, timedelta

from bot.db.engine import Database, patient_waits
from bot.db.models import KRSource
from bot.db.sources import claim_due, save_source
from bot.domain.sources import HttpJsonSource, WebhookSource
from tests.seed_sources import many_key_results

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
LEASE = NOW + timedelta(minutes=10)


def test_a_claim_held_open_by_one_replica_is_not_taken_by_another(database: Database) -> None:
    krs = many_key_results(database, 8)
    with database.transaction() as session:
        for kr in krs:
            save_source(session, kr, HttpJsonSource(f"http://s/{kr}", "v"), NOW)
    url = database.engine.url.render_as_string(hide_password=False)
    other = Database.from_url(url)
    claimed_by_other: list[KRSource] = []
    other_done = threading.Event()

    def claim_elsewhere() -> None:
        with patient_waits(), other.transaction() as session:
            claimed_by_other.extend(claim_due(session, NOW, LEASE, 4))
        other_done.set()

    with database.transaction() as session:
        mine = claim_due(session, NOW, LEASE, 4)
        replica = threading.Thread(target=claim_elsewhere)
        replica.start()
        # PostgreSQL's replica skips the locked rows and finishes at once; SQLite's waits for
        # this write to end. Either way it must not come back with these rows.
        other_done.wait(timeout=0.5)
    replica.join(timeout=30)
    other.dispose()

    mine_ids = {row.key_result_id for row in mine}
    theirs = {row.key_result_id for row in claimed_by_other}
    assert len(mine_ids) == 4 and mine_ids.isdisjoint(theirs)
    assert mine_ids | theirs == set(krs)


def test_only_due_pulled_sources_are_claimed_and_their_due_time_becomes_the_lease(
    database: Database,
) -> None:
    due, later, webhook = many_key_results(database, 3)
    with database.transaction() as session:
        save_source(session, due, HttpJsonSource("http://s/due", "v"), NOW)
        save_source(session, later, HttpJsonSource("http://s/later", "v"), NOW + timedelta(1))
        save_source(session, webhook, WebhookSource(), NOW)

    with database.transaction() as session:
        claimed = claim_due(session, NOW, LEASE, 10)
    with database.transaction() as session:
        again = claim_due(session, NOW, LEASE, 10)
        forced = claim_due(session, NOW, LEASE, 10, force=True)

    assert [row.key_result_id for row in claimed] == [due]
    assert claimed[0].next_due_at == LEASE
    assert again == []
    assert {row.key_result_id for row in forced} == {due, later}
