"""The App Home: a member's key results with progress, confidence and status."""

from bot.db import checkins as repo
from bot.db import prompts
from bot.db.engine import Session
from bot.db.members import record_home_opened
from bot.db.okr_list import hypotheses_for, last_closed_cycle_krs
from bot.services.checkins.results import HomeView, PastScores, ScoredKR
from bot.services.kr_status import kr_snapshots
from bot.services.members import local_calendar, reading_as
from bot.services.okrs.results import by_ice, hypothesis_line
from bot.services.reading import ReadService


class HomeService(ReadService):
    def record_opened(self, slack_user_id: str) -> None:
        """The member opened the App Home: for a while, their check-ins republish it."""
        with self._db.transaction() as session:
            record_home_opened(session, slack_user_id, self._clock.now())

    def home_for(self, slack_user_id: str) -> HomeView:
        with reading_as(self._db, slack_user_id) as (session, member):
            assert member.id is not None
            calendar = local_calendar(session, member, self._clock.now(), self._defaults)
            rows = repo.active_key_results(
                session, member.id, calendar.today, include_contributed=True
            )
            prompt = prompts.find_prompt(session, member.id, calendar.period.key)
            bets = hypotheses_for(session, [row.key_result.id or 0 for row in rows])
            return HomeView(
                slack_user_id=slack_user_id,
                today=calendar.today,
                period=calendar.period.key,
                key_results=kr_snapshots(session, rows, calendar.today, self._bands),
                checked_in=prompt is not None and prompt.status == prompts.PromptStatus.ANSWERED,
                hypotheses={
                    kr_id: by_ice([hypothesis_line(bet) for bet in found])
                    for kr_id, found in bets.items()
                },
                past_scores=_past_scores(session, member.id),
            )


def _past_scores(session: Session, member_id: int) -> PastScores | None:
    found = last_closed_cycle_krs(session, member_id)
    if found is None:
        return None
    cycle, krs = found
    scored = tuple(ScoredKR(kr.id, kr.title, kr.score) for kr in krs if kr.id is not None)
    return PastScores(cycle.name, scored)
