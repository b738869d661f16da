"""The App Home: a member's key results with progress, confidence and status."""

from bot.db import checkins as repo
from bot.db import prompts
from bot.db.engine import Database
from bot.domain.progress import ConfidenceBands
from bot.services.kr_status import snapshots
from bot.services.members import CalendarDefaults, acting_member, local_calendar
from bot.services.ports import Clock
from bot.services.snapshots import HomeView


class HomeService:
    def __init__(
        self, database: Database, clock: Clock, defaults: CalendarDefaults, bands: ConfidenceBands
    ) -> None:
        self._db = database
        self._clock = clock
        self._defaults = defaults
        self._bands = bands

    def home_for(self, slack_user_id: str) -> HomeView:
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            assert member.id is not None
            calendar = local_calendar(session, member, self._clock.now(), self._defaults)
            rows = repo.active_key_results(
                session, member.id, calendar.today, include_contributed=True
            )
            prompt = prompts.find_prompt(session, member.id, calendar.period.key)
            return HomeView(
                slack_user_id=slack_user_id,
                today=calendar.today,
                period=calendar.period.key,
                key_results=snapshots(session, rows, calendar.today, self._bands),
                checked_in=prompt is not None and prompt.status == prompts.PromptStatus.ANSWERED,
            )
