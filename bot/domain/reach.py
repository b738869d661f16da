"""Whether and when a member may be nudged: the one place away, holidays and fresh answers meet.

Slack's away status and personal prompt settings are meant to join here too, so every nudge
(prompt, reminder, retro request) asks the same question the same way."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.domain.away_status import StatusAway, away_now
from bot.domain.working_hours import WorkingHours

# A member who updated every key result this recently before a prompt is not prompted.
FRESH_FOR = timedelta(hours=48)


@dataclass(frozen=True)
class KRUpdate:
    """One of a member's owned key results: its cycle, and when it was last checked in."""

    cycle_start: date
    cycle_end: date
    latest: datetime | None


@dataclass(frozen=True)
class Reach:
    """A member's working days and hours (their public holidays closed) and their absence."""

    hours: WorkingHours
    away_until: date | None = None
    updates: tuple[KRUpdate, ...] = field(default=())
    status: StatusAway | None = None  # away as their Slack status says

    def away_at(self, now: datetime, today: date) -> bool:
        """Away by `/okr away` on their `today`, or by a Slack status not yet expired."""
        return away_now(self.away_until, self.status, today, now)

    def answered_before(self, prompt_at: datetime, now: datetime, today: date) -> bool:
        """Whether every key result active on `today` was checked in from FRESH_FOR before
        the prompt until now: the period counts as answered, whatever surface stored them."""
        active = [u for u in self.updates if u.cycle_start <= today <= u.cycle_end]
        since = prompt_at - FRESH_FOR
        return bool(active) and all(
            u.latest is not None and since <= u.latest <= now for u in active
        )
