"""Each Events API event_id is claimed once, across replicas; claims are forgotten after a day."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from bot.db.engine import Database
from bot.services.event_deliveries import EventDeliveryService
from tests.fakes.clock import FrozenClock

START = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


def test_the_first_delivery_is_claimed_and_a_redelivery_is_not(database: Database) -> None:
    deliveries = EventDeliveryService(database, FrozenClock(START))

    assert deliveries.first_delivery("Ev0000000001")
    assert not deliveries.first_delivery("Ev0000000001")
    assert deliveries.first_delivery("Ev0000000002")


def test_replicas_racing_on_the_same_events_claim_each_exactly_once(
    database: Database, database_url: str
) -> None:
    # Two processes: two engines with their own connection pools on one database.
    other = Database.from_url(database_url)
    replicas = [EventDeliveryService(db, FrozenClock(START)) for db in (database, other)]
    event_ids = [f"Ev{n:010d}" for n in range(20)]
    attempts = [(replica, event_id) for event_id in event_ids for replica in replicas * 2]
    try:
        with ThreadPoolExecutor(8) as pool:
            claimed = list(pool.map(lambda a: (a[1], a[0].first_delivery(a[1])), attempts))
    finally:
        other.dispose()

    winners = sorted(event_id for event_id, won in claimed if won)
    assert winners == event_ids


def test_a_claim_is_kept_for_a_day_then_forgotten(database: Database) -> None:
    clock = FrozenClock(START)
    deliveries = EventDeliveryService(database, clock)
    assert deliveries.first_delivery("Ev0000000001")

    clock.advance(hours=23)
    assert deliveries.first_delivery("Ev0000000002")  # forgets what is a day old: nothing yet
    assert not deliveries.first_delivery("Ev0000000001")

    clock.advance(hours=2)
    assert deliveries.first_delivery("Ev0000000003")  # now forgets the first claim
    assert deliveries.first_delivery("Ev0000000001")
    assert not deliveries.first_delivery("Ev0000000002")
