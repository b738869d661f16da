"""Slack redelivers an event it thinks was lost: each event_id is handled once, on any replica."""

import threading
from datetime import datetime, timedelta

from bot.db.engine import Database
from bot.db.event_claims import claim_event, forget_claims_before
from bot.services.ports import Clock

# Slack's last retry comes about 5 minutes after the first delivery; a day is ample.
CLAIM_RETENTION = timedelta(days=1)
FORGET_EVERY = timedelta(hours=1)


class EventDeliveryService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._lock = threading.Lock()
        self._next_forget: datetime | None = None

    def first_delivery(self, event_id: str) -> bool:
        """Claim the event; False when it was delivered before (a retry, here or elsewhere)."""
        now = self._clock.now()
        with self._database.transaction() as session:
            claimed = claim_event(session, event_id, now)
        if self._forget_due(now):
            # Its own transaction: old claims are housekeeping, not part of this delivery.
            with self._database.transaction() as session:
                forget_claims_before(session, now - CLAIM_RETENTION)
        return claimed

    def _forget_due(self, now: datetime) -> bool:
        with self._lock:
            if self._next_forget is not None and now < self._next_forget:
                return False
            self._next_forget = now + FORGET_EVERY
            return True
