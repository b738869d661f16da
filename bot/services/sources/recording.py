"""A source's new value becomes its key result's check-in value for the owner's current period."""

from bot.db.engine import Session
from bot.db.source_checkins import SourceValue, owned_key_result, record_source_value
from bot.services.members import CalendarDefaults, local_calendar
from bot.services.sources.results import SourceReading


class CheckinRecorder:
    """The ValueRecorder of the running bot: a fetched or pushed value is this period's value,
    with the owner's last confidence; a person's own check-in for the period is never touched."""

    def __init__(self, defaults: CalendarDefaults) -> None:
        self._defaults = defaults

    def __call__(self, session: Session, reading: SourceReading) -> None:
        found = owned_key_result(session, reading.key_result_id)
        if found is None:
            return
        row, owner = found
        assert owner.id is not None
        # The period is the owner's: their team's cadence, in their time zone.
        calendar = local_calendar(session, owner, reading.at, self._defaults)
        if not row.cycle.start_date <= calendar.today <= row.cycle.end_date:
            return
        value = SourceValue(
            reading.key_result_id,
            owner.id,
            calendar.period.key,
            reading.value,
            reading.kind.value,
            reading.at,
        )
        record_source_value(session, value)
