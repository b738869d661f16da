"""Away and back: nothing is sent to a member while they are away."""

from datetime import date, timedelta

from bot.db import prompts
from bot.db.engine import Database
from bot.domain.errors import DomainError
from bot.services.checkins.results import AwayResult, PromptMessage
from bot.services.members import CalendarDefaults, acting_member, local_calendar, reading_as
from bot.services.ports import Clock

LONGEST_AWAY = timedelta(days=366)


class AwayService:
    def __init__(self, database: Database, clock: Clock, defaults: CalendarDefaults) -> None:
        self._db = database
        self._clock = clock
        self._defaults = defaults

    def go_away(self, slack_user_id: str, until: date) -> AwayResult:
        """Pause prompts and reminders through `until`; this period's open prompt is skipped."""
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            assert member.id is not None
            calendar = local_calendar(session, member, self._clock.now(), self._defaults)
            if until < calendar.today:
                raise DomainError(f"{until.isoformat()} has passed; pick today or a later day.")
            if until > calendar.today + LONGEST_AWAY:
                raise DomainError("That is more than a year away; pick a date within a year.")
            member.away_until = until
            prompt = prompts.skip(session, member.id, calendar.period.key)
            message = None
            if prompt is not None and prompt.channel_id and prompt.message_ts:
                message = PromptMessage(prompt.channel_id, prompt.message_ts)
            return AwayResult(until, message)

    def today_for(self, slack_user_id: str) -> date:
        """The member's own today, for the date picker's starting value."""
        with reading_as(self._db, slack_user_id) as (session, member):
            return local_calendar(session, member, self._clock.now(), self._defaults).today

    def come_back(self, slack_user_id: str) -> AwayResult:
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            member.away_until = None
        return AwayResult(None, None)
