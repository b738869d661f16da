"""Checking in: the modal's contents, saving answers, one-click "no change", snoozing."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db import checkins as repo
from bot.db import prompts
from bot.db.checkin_points import latest_checkins
from bot.db.checkins import KRRow
from bot.db.engine import Database, Session
from bot.db.models import Member
from bot.domain.cadence import is_period_key, period_bounds
from bot.domain.errors import DomainError, NeedsFullCheckin, NotFound
from bot.domain.progress import ConfidenceBands, KRType
from bot.domain.refs import kr_ref
from bot.domain.working_hours import WorkingHours
from bot.services.checkins.answered_prompt import answer_prompt
from bot.services.checkins.results import (
    CheckinAnswer,
    CheckinForm,
    CheckinReceipt,
    HistoryEntry,
    KRHistory,
    KRSnapshot,
    ReceiptLine,
    SavedCheckin,
)
from bot.services.checkins.retro_triggers import start_checkin_retros
from bot.services.kr_status import kr_snapshots
from bot.services.members import (
    CalendarDefaults,
    LocalCalendar,
    acting_member,
    local_calendar,
    looks_at_home,
    reading_as,
)
from bot.services.permissions import (
    Actor,
    Authority,
    may_write_kr,
    refusal,
    require_kr_writer,
)
from bot.services.ports import Clock

SNOOZE_FOR = timedelta(hours=2)


class SnoozeFor(StrEnum):
    TWO_HOURS = "2h"
    TOMORROW_MORNING = "tomorrow"


@dataclass(frozen=True)
class CheckinPolicy:
    defaults: CalendarDefaults = field(default_factory=CalendarDefaults)
    bands: ConfidenceBands = field(default_factory=ConfidenceBands)
    working_hours: WorkingHours = field(default_factory=WorkingHours)


class CheckinService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        policy: CheckinPolicy,
        authority: Authority | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._policy = policy
        self._authority = authority or Authority(database)

    def checkin_form(self, slack_user_id: str, period: str | None = None) -> CheckinForm:
        """The member's KRs pre-filled with their last answers, for `period` or the current one."""
        with reading_as(self._db, slack_user_id) as (session, member):
            calendar = self._calendar(session, member)
            period = _valid_period(calendar, period)
            krs = self._my_key_results(session, member, calendar)
        if not krs:
            raise DomainError(
                "You own no active key results right now, so there is nothing to check in. "
                "Ask your team lead to import this cycle's OKRs."
            )
        return CheckinForm(period, krs)

    def checkin_form_for(self, slack_user_id: str, kr_id: int) -> CheckinForm:
        """One KR's check-in form, for its owner, contributors, team leads and admins."""

        def read(session: Session, actor: Actor) -> CheckinForm:
            calendar = self._calendar(session, actor.member)
            rows = repo.key_result_rows(session, [kr_id], actor.id)
            if not rows:
                raise NotFound(f"There is no key result {kr_ref(kr_id)}.")
            row = rows[0]
            require_kr_writer(session, actor, row.key_result, row.objective, "check in on it")
            if not row.cycle.start_date <= calendar.today <= row.cycle.end_date:
                raise DomainError(
                    f"{kr_ref(kr_id)} belongs to cycle {row.cycle.name}, which is not running "
                    "now: there is no check-in to record."
                )
            krs = kr_snapshots(session, rows, calendar.today, self._policy.bands)
            return CheckinForm(calendar.period.key, krs)

        return self._authority.read(slack_user_id, read)

    def save_checkin(
        self, slack_user_id: str, period: str, answers: list[CheckinAnswer]
    ) -> SavedCheckin:
        """Record one check-in per answered KR for the period, replacing earlier ones.

        Only what the write needs happens here: a person waits on it before Slack hears back."""
        now = self._clock.now()
        return self._authority.run(
            slack_user_id,
            lambda session, actor: self._save(session, actor, period, answers, now),
        )

    def _save(
        self,
        session: Session,
        actor: Actor,
        period: str,
        answers: list[CheckinAnswer],
        now: datetime,
    ) -> SavedCheckin:
        member = actor.member
        calendar = self._calendar(session, member)
        period = _valid_period(calendar, period)
        writable = self._writable_or_refuse(session, actor, calendar, answers)
        for answer in answers:
            repo.upsert_checkin(
                session,
                key_result_id=answer.kr_id,
                author_id=_id(member),
                period=period,
                value=answer.value,
                confidence=answer.confidence,
                note=answer.note,
                blocker=answer.blocker,
                now=now,
            )
        start_checkin_retros(session, [answer.kr_id for answer in answers], now, self._policy.bands)
        # Checking in on another's KR (as a lead, say) does not answer one's own prompt.
        owns_one = any(writable[answer.kr_id].is_owner for answer in answers)
        message = answer_prompt(session, _id(member), period, now) if owns_one else None
        return SavedCheckin(
            member.slack_user_id, period, tuple(answers), message, looks_at_home(member, now)
        )

    def _writable_or_refuse(
        self, session: Session, actor: Actor, calendar: LocalCalendar, answers: list[CheckinAnswer]
    ) -> dict[int, KRRow]:
        """The answered KRs the actor may check in on; refused when one of them is not."""
        mine = _by_id(repo.active_key_results(session, actor.id, calendar.today))
        # Ids in a submitted view are hints: each KR is judged again, here, on its own.
        others = [answer.kr_id for answer in answers if answer.kr_id not in mine]
        writable = mine | self._writable(session, actor, calendar, others)
        refused = [answer.kr_id for answer in answers if answer.kr_id not in writable]
        if refused:
            raise refusal(
                actor,
                "Only a key result's owner, its contributors, its team's leads and "
                "workspace admins can check in on it "
                f"(not you on {', '.join(kr_ref(kr_id) for kr_id in refused)}).",
            )
        return writable

    def receipt(self, saved: SavedCheckin) -> CheckinReceipt:
        """What the saved check-in recorded, next to each KR's answer before this period."""
        kr_ids = [answer.kr_id for answer in saved.answers]
        with reading_as(self._db, saved.slack_user_id) as (session, member):
            rows = _by_id(repo.key_result_rows(session, kr_ids, _id(member)))
            earlier_ones = latest_checkins(session, kr_ids, 1, before=saved.period)
        lines = []
        for answer in saved.answers:
            kr = rows[answer.kr_id].key_result
            earlier = next(iter(earlier_ones[answer.kr_id]), None)
            lines.append(
                ReceiptLine(
                    title=kr.title,
                    kr_type=KRType(kr.kr_type),
                    unit=kr.unit,
                    value=answer.value,
                    previous_value=earlier.value if earlier else None,
                    target=kr.target_value,
                    confidence=answer.confidence,
                    previous_confidence=earlier.confidence if earlier else None,
                    kr_id=answer.kr_id,
                )
            )
        return CheckinReceipt(
            saved.slack_user_id,
            saved.period,
            tuple(lines),
            saved.prompt_message,
            one_click=saved.one_click,
            home_in_view=saved.home_in_view,
        )

    def no_change(self, slack_user_id: str, period: str) -> SavedCheckin:
        """Repeat every KR's last value and confidence for this period, in one click."""
        with reading_as(self._db, slack_user_id) as (session, member):
            krs = self._my_key_results(session, member, self._calendar(session, member))
        answers = [
            CheckinAnswer(kr.kr_id, kr.value, kr.confidence)
            for kr in krs
            if kr.value is not None and kr.confidence is not None
        ]
        if len(answers) < len(krs) or not krs:
            answered = {answer.kr_id for answer in answers}
            missing = ", ".join(kr.title for kr in krs if kr.kr_id not in answered)
            raise NeedsFullCheckin(
                f"There is no earlier answer to repeat for {missing or 'your key results'}: "
                "please check in with numbers once."
            )
        return replace(self.save_checkin(slack_user_id, period, answers), one_click=True)

    def snooze(self, slack_user_id: str, period: str, snooze_for: SnoozeFor) -> datetime:
        """Ask again in two hours or on the next working morning; returns when."""
        now = self._clock.now()
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            calendar = self._calendar(session, member)
            prompt = prompts.find_prompt(session, _id(member), _valid_period(calendar, period))
            if prompt is None or prompt.status == prompts.PromptStatus.ANSWERED:
                raise DomainError("This check-in is already answered; nothing to snooze.")
            if snooze_for is SnoozeFor.TOMORROW_MORNING:
                until = self._policy.working_hours.next_start(now, calendar.tz)
            else:
                until = now + SNOOZE_FOR
            prompts.snooze(session, prompt, until)
        return until

    def history(self, kr_id: int, limit: int = 8) -> KRHistory:
        """A KR's last check-ins, newest first; anyone may read them."""
        with self._db.read() as session:
            kr = repo.find_key_result(session, kr_id)
            if kr is None or kr.id is None:
                raise NotFound(f"There is no key result {kr_ref(kr_id)}.")
            entries = tuple(
                HistoryEntry(
                    period=checkin.period,
                    value=checkin.value,
                    confidence=checkin.confidence,
                    note=checkin.note,
                    blocker=checkin.blocker,
                    author_slack_id=author.slack_user_id,
                    recorded_at=checkin.created_at,
                    edits=edits,
                    source=checkin.source,
                )
                for checkin, author, edits in repo.checkin_history(session, kr.id, limit)
            )
            return KRHistory(kr.id, kr.title, KRType(kr.kr_type), kr.target_value, kr.unit, entries)

    def _calendar(self, session: Session, member: Member) -> LocalCalendar:
        return local_calendar(session, member, self._clock.now(), self._policy.defaults)

    def _writable(
        self, session: Session, actor: Actor, calendar: LocalCalendar, kr_ids: list[int]
    ) -> dict[int, KRRow]:
        """Those of the KRs, running today, that the member may check in on."""
        return _by_id(
            row
            for row in repo.key_result_rows(session, kr_ids, actor.id)
            if row.cycle.start_date <= calendar.today <= row.cycle.end_date
            and may_write_kr(session, actor, row.key_result, row.objective.team_id)
        )

    def _my_key_results(
        self, session: Session, member: Member, calendar: LocalCalendar
    ) -> tuple[KRSnapshot, ...]:
        rows = repo.active_key_results(session, _id(member), calendar.today)
        return kr_snapshots(session, rows, calendar.today, self._policy.bands)


def _valid_period(calendar: LocalCalendar, period: str | None) -> str:
    """The period asked for (a late answer is fine, a future one is not), or the current one."""
    if period is None:
        return calendar.period.key
    if not is_period_key(period) or period_bounds(period)[0] > calendar.today:
        raise DomainError(f"{period} is not a check-in period I can record.")
    return period


def _by_id(rows: Iterable[KRRow]) -> dict[int, KRRow]:
    return {row.key_result.id: row for row in rows if row.key_result.id is not None}


def _id(member: Member) -> int:
    assert member.id is not None
    return member.id
