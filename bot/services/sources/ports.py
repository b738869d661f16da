"""Where a source's new value goes besides its own row: the check-in code plugs in here."""

from typing import Protocol

from bot.db.engine import Session
from bot.services.sources.results import SourceReading


class ValueRecorder(Protocol):
    def __call__(self, session: Session, reading: SourceReading) -> None:
        """Record `reading` inside the transaction that stores it on the source.

        Runs in the same unit of work, so the value and the source's health are saved together
        or not at all; it must not raise for a refusal it can answer itself."""
        ...


def keep_on_source_only(session: Session, reading: SourceReading) -> None:
    """The value stays on the source's row (last value, last success) and nowhere else."""
