"""What the read-only services (Home, `/okr list`, `/okr export`) share, built once."""

from dataclasses import dataclass

from bot.db.engine import Database
from bot.domain.progress import ConfidenceBands
from bot.services.members import CalendarDefaults
from bot.services.ports import Clock


@dataclass(frozen=True)
class ReadContext:
    """The database, the clock, the calendar defaults and the built-in confidence bands."""

    database: Database
    clock: Clock
    defaults: CalendarDefaults
    bands: ConfidenceBands


class ReadService:
    """A service that reads OKRs for one person, in that person's own calendar."""

    def __init__(self, reads: ReadContext) -> None:
        self._db = reads.database
        self._clock = reads.clock
        self._defaults = reads.defaults
        self._bands = reads.bands
