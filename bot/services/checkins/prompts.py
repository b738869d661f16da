"""The prompt fan-out: who is due, a unique claim per member and period, then the DM."""

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from bot.db import checkins as repo
from bot.db import prompts
from bot.db.engine import Database, Session
from bot.db.models import Member, Prompt
from bot.db.teams import primary_teams
from bot.domain.cadence import period_end, prompt_instant
from bot.domain.progress import ConfidenceBands
from bot.domain.prompting import (
    STALE_CLAIM,
    PromptState,
    PromptStatus,
    PromptTiming,
    Step,
    next_step,
    owned_since,
)
from bot.domain.working_hours import WorkingHours
from bot.services.checkins.results import PromptCard
from bot.services.job_report import JobReport, Tally
from bot.services.kr_status import snapshots
from bot.services.members import CalendarDefaults, LocalCalendar, calendar_for
from bot.services.ports import Clock, DeliveryError, Notifier, SystemTimer, Timer
from bot.services.profiles import store_profile
from bot.services.reach import load_reach
from bot.services.retry_queue import RetryQueue
from bot.services.workspace_defaults import reminder_delay, workspace_defaults

log = logging.getLogger(__name__)

# A member Slack keeps rate-limiting is left to a later tick rather than held in this run.
MAX_REQUEUES = 5


@dataclass(frozen=True)
class PromptPolicy:
    defaults: CalendarDefaults = field(default_factory=CalendarDefaults)
    bands: ConfidenceBands = field(default_factory=ConfidenceBands)
    working_hours: WorkingHours = field(default_factory=WorkingHours)


@dataclass
class FanOutReport(JobReport):
    sent: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)  # checked in on everything just before

    TALLIES = (
        Tally("sent", "prompt(s) sent"),
        Tally("reminded", "reminder(s)"),
        Tally("failed", "failed"),
        Tally("missed", "recorded missed (over a day late)", only_if_any=True),
        Tally("up_to_date", "already up to date", only_if_any=True),
    )


@dataclass(frozen=True)
class _Plan:
    """One message to send: the claim it needs first, and how often Slack said "not yet"."""

    member_id: int
    slack_user_id: str
    period: str
    today: date  # the member's own date, which decides which KRs are active
    step: Step
    timing: PromptTiming
    prompt_id: int | None
    expected: PromptStatus | None
    requeues: int = 0

    @property
    def claimed_as(self) -> PromptStatus:
        return PromptStatus.REMINDED if self.step is Step.REMIND else PromptStatus.CLAIMED


class PromptService:
    def __init__(
        self,
        database: Database,
        notifier: Notifier,
        clock: Clock,
        policy: PromptPolicy,
        timer: Timer | None = None,
    ) -> None:
        self._db = database
        self._notifier = notifier
        self._clock = clock
        self._policy = policy
        self._timer = timer or SystemTimer()

    def send_due_prompts(self, *, force: bool = False) -> FanOutReport:
        """Send or give up on every prompt as its time comes.

        With `force`, it goes now to all it has not reached, whatever the local time. Runs on
        the scheduler's or the CLI's thread: it waits out Slack's rate limits, never a listener.
        """
        return self._run(force, {Step.SEND, Step.MISS, Step.ANSWER})

    def send_due_reminders(self) -> FanOutReport:
        """One reminder per unanswered prompt, 24 hours on (or as the team or workspace set),
        within the member's working hours."""
        return self._run(False, {Step.REMIND})

    def _run(self, force: bool, steps: set[Step]) -> FanOutReport:
        report = FanOutReport()
        with self._db.transaction() as session:
            prompts.mark_missed_after_end(session, self._clock.now())
        queue: RetryQueue[_Plan] = RetryQueue(self._timer)
        for plan in self._plans(force, report):
            if plan.step not in steps:
                continue
            if plan.step in (Step.MISS, Step.ANSWER):
                self._record_unsent(plan, report)
            else:
                queue.push(plan)
        for plan in queue:
            self._send(plan, report, queue)
        return report

    def _plans(self, force: bool, report: FanOutReport) -> list[_Plan]:
        now = self._clock.now()
        with self._db.transaction() as session:
            owners = repo.owners_with_active_key_results(session, now.date())
        owners = [(member, krs) for member, krs in owners if self._known(member, now, report)]
        with self._db.transaction() as session:
            teams = primary_teams(session, [m.id for m, _ in owners if m.id is not None])
            defaults = workspace_defaults(session, self._policy.defaults)
            calendars = {
                m.id: calendar_for(m, teams.get(m.id), now, defaults.calendar)
                for m, _ in owners
                if m.id is not None
            }
            keys = {calendar.period.key for calendar in calendars.values()}
            existing = prompts.prompts_for(session, list(calendars), keys)
            hours = self._policy.working_hours
            reaches = load_reach(session, [member for member, _ in owners], hours, now.date())
        plans = []
        for member, krs in owners:
            assert member.id is not None
            calendar, reach = calendars[member.id], reaches[member.id]
            since = owned_since(krs, calendar.today, calendar.tz)
            if since is None or reach.away_at(now, calendar.today):
                continue
            delay = reminder_delay(teams.get(member.id), defaults.reminder_after_hours)
            delay = None if member.reminders_off else delay  # their own `/okr prefs`
            timing = self._timing(calendar, delay, since, reach.hours)
            prompt = existing.get((member.id, calendar.period.key))
            step = next_step(now, _state(prompt), timing, force=force)
            if prompt is None and step in (Step.SEND, Step.MISS):
                fresh = reach.answered_before(timing.ask_at, now, calendar.today)
                step = Step.ANSWER if fresh else step
            if step is not Step.WAIT:
                plans.append(_plan(member, calendar, step, timing, prompt))
        return plans

    def _send(self, plan: _Plan, report: FanOutReport, queue: RetryQueue[_Plan]) -> None:
        """Claim, then the Slack calls outside any transaction, then write the outcome."""
        with self._db.transaction() as session:
            prompt_id = self._claim(session, plan, self._clock.now())
            if prompt_id is None:
                return
            member = session.get_one(Member, plan.member_id)
            card = self._card(session, member, plan)
        try:
            # A user id reaches the app's DM with them; Slack answers with the DM's id, kept.
            channel = member.dm_channel_id or member.slack_user_id
            posted = self._notifier.send_checkin_prompt(channel, card)
        except DeliveryError as error:
            if error.retry_after is not None and plan.requeues < MAX_REQUEUES:
                # Slack said "not yet": keep the claim, go on with the others, come back later.
                queue.push(_still_claimed(plan, prompt_id), error.retry_after)
                return
            log.warning("prompt to %s failed: %s", member.slack_user_id, error.code)
            with self._db.transaction() as session:
                prompts.mark_failed(session, prompt_id, error.code)
            report.failed[member.slack_user_id] = error.code
            return
        with self._db.transaction() as session:
            session.get_one(Member, member.id).dm_channel_id = posted.channel_id
            prompts.mark_sent(session, prompt_id, posted.channel_id, posted.ts, self._clock.now())
        (report.reminded if card.reminder else report.sent).append(member.slack_user_id)

    def _claim(self, session: Session, plan: _Plan, now: datetime) -> int | None:
        """The prompt's id once this process holds it; None when someone else does."""
        if plan.prompt_id is None or plan.expected is None:
            return prompts.claim_new(session, plan.member_id, plan.period, now, plan.timing.ends_at)
        # A claim left by a crash (not our own, re-queued one) is taken over only if still old.
        left = plan.expected is PromptStatus.CLAIMED and not plan.requeues
        before = now - STALE_CLAIM if left else None
        if prompts.transition(session, plan.prompt_id, plan.expected, plan.claimed_as, now, before):
            return plan.prompt_id
        return None

    def _record_unsent(self, plan: _Plan, report: FanOutReport) -> None:
        """A prompt never to send: missed (over a day late) or answered by fresh check-ins."""
        now, answered = self._clock.now(), plan.step is Step.ANSWER
        status = PromptStatus.ANSWERED if answered else PromptStatus.MISSED
        with self._db.transaction() as session:
            claimed = prompts.claim_new(
                session, plan.member_id, plan.period, now, plan.timing.ends_at, status
            )
        if claimed is not None:
            (report.up_to_date if answered else report.missed).append(plan.slack_user_id)

    def _card(self, session: Session, member: Member, plan: _Plan) -> PromptCard:
        rows = repo.active_key_results(session, plan.member_id, plan.today)
        krs = snapshots(session, rows, plan.today, self._policy.bands)
        reminder = plan.step is Step.REMIND
        return PromptCard(member.slack_user_id, plan.period, krs, reminder=reminder)

    def _timing(
        self,
        calendar: LocalCalendar,
        remind_after: timedelta | None,
        owner_since: datetime,
        hours: WorkingHours,
    ) -> PromptTiming:
        return PromptTiming(
            due_at=prompt_instant(calendar.cadence, calendar.period, calendar.tz),
            ends_at=period_end(calendar.period, calendar.tz),
            tz=calendar.tz,
            hours=hours,
            remind_after=remind_after,
            owner_since=owner_since,
        )

    def _known(self, member: Member, now: datetime, report: FanOutReport) -> bool:
        """Whether to consider the member now. Profiles come from the weekly walk of Slack's
        member list (bot.services.profiles); someone new since has theirs fetched first,
        because the zone decides when they are due. False for people not to prompt."""
        if member.profile_fetched_at is None:
            return self._refresh_profile(member, now, report)
        return not member.deactivated

    def _refresh_profile(self, member: Member, now: datetime, report: FanOutReport) -> bool:
        """Fetch and store the Slack profile; False for people not to prompt."""
        try:
            profile = self._notifier.profile(member.slack_user_id)
        except DeliveryError as error:
            # Without a profile the default zone still lets us ask; Slack will refuse a bad id.
            log.warning("users.info for %s failed: %s", member.slack_user_id, error.code)
            return True
        with self._db.transaction() as session:
            store_profile(session.get_one(Member, member.id), profile, now)
        store_profile(member, profile, now)  # the in-memory copy this run plans with
        if profile.deleted or profile.is_bot:
            report.skipped.append(member.slack_user_id)
            return False
        return True


def _plan(
    member: Member, calendar: LocalCalendar, step: Step, timing: PromptTiming, prompt: Prompt | None
) -> _Plan:
    assert member.id is not None
    return _Plan(
        member.id,
        member.slack_user_id,
        calendar.period.key,
        calendar.today,
        step,
        timing,
        prompt.id if prompt else None,
        PromptStatus(prompt.status) if prompt else None,
    )


def _still_claimed(plan: _Plan, prompt_id: int) -> _Plan:
    """The rate-limited plan, to go again once Slack allows; an answer meanwhile wins."""
    return replace(plan, prompt_id=prompt_id, expected=plan.claimed_as, requeues=plan.requeues + 1)


def _state(prompt: Prompt | None) -> PromptState | None:
    if prompt is None:
        return None
    return PromptState(
        status=PromptStatus(prompt.status),
        claimed_at=prompt.claimed_at,
        attempts=prompt.attempts,
        sent_at=prompt.sent_at,
        reminded_at=prompt.reminded_at,
        snoozed_until=prompt.snoozed_until,
    )
