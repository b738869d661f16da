"""The prompt fan-out: who is due, a unique claim per member and period, then the DM."""

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial

from bot.db import checkins as repo
from bot.db import prompts
from bot.db.engine import Database, Session
from bot.db.members import load_member, set_dm_channel
from bot.db.prompt_planning import OwnerRow, earliest_open_end, owner_row, plan_fingerprint
from bot.domain.progress import ConfidenceBands
from bot.domain.prompting import STALE_CLAIM, PromptStatus, Step
from bot.domain.working_hours import WorkingHours
from bot.services.checkins.owner_plan import Plan, next_midnight
from bot.services.checkins.plan_memory import PlanMemory
from bot.services.checkins.planning import Admit, PromptPlanner
from bot.services.checkins.results import PromptCard
from bot.services.job_report import JobReport, Tally
from bot.services.kr_status import kr_snapshots
from bot.services.members import CalendarDefaults
from bot.services.ports import Clock, DeliveryError, Notifier, SystemTimer, Timer
from bot.services.profiles import store_profile
from bot.services.retry_queue import RetryQueue
from bot.services.workspace_defaults import workspace_defaults

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
        self._planner = PromptPlanner(database, policy.working_hours)
        self._memory: PlanMemory | None = None
        self._lost: set[int] = set()  # owners whose claim someone else held: read them again

    def send_due_prompts(self, *, force: bool = False) -> FanOutReport:
        """Send or give up on every prompt as its time comes.

        With `force`, it goes now to all it has not reached, whatever the local time. Runs on
        the scheduler's or the CLI's thread: it waits out Slack's rate limits, never a listener.
        """
        return self._run(force, {Step.SEND, Step.MISS, Step.ANSWER})

    def prepare(self) -> None:
        """Read and plan everyone once, sending nothing, before the first tick: that tick then
        acts on who is due, and the statements are compiled before any tick needs them. An
        owner whose profile was never read is left to it, to fetch first."""

        def known_profile(row: OwnerRow) -> OwnerRow | None:
            if row.profile_fetched_at is None:
                self._lost.add(row.id)
                return None
            return None if row.deactivated else row

        self._run(False, set(), known_profile)

    def send_due_reminders(self) -> FanOutReport:
        """One reminder per unanswered prompt, 24 hours on (or as the team or workspace set),
        within the member's working hours."""
        return self._run(False, {Step.REMIND})

    def _run(self, force: bool, steps: set[Step], admit: Admit | None = None) -> FanOutReport:
        """Plan and act a page of owners at a time: everyone when forced or when a change may
        move anyone; else only the owners whose rows changed, read again, and those whose
        moment came, as last read (prompts and reminders share what was read)."""
        report, now = FanOutReport(), self._clock.now()
        read_until = next_midnight(now)  # the UTC date decides which cycles are read
        # Half a plan is no memory: a failure from here on has the next tick plan everyone.
        memory, to_plan, self._memory, self._lost = self._memory, None, None, set()
        with self._db.read() as session:
            fingerprint = plan_fingerprint(session)
            defaults = workspace_defaults(session, self._policy.defaults)
            ended = earliest_open_end(session)
            if memory is not None and not force:
                to_plan = memory.owners_to_plan(session, fingerprint, now, read_until)
            if to_plan is None and not force:
                memory = PlanMemory.read(session, fingerprint, now, read_until)
        # Prompts open past their period's end are recorded missed: a write, taken only once the
        # first one's end has come. The next tick reads again whose prompts it changed.
        if ended is not None and ended <= now:
            with self._db.transaction() as session:
                prompts.mark_missed_after_end(session, now)
        if to_plan is not None and not (to_plan.reread or to_plan.known):
            self._memory = memory
            return report
        admit = admit or partial(self._known, now=now, report=report)
        pages = []
        for page in self._planner.pages(now, defaults, admit, force=force, only=to_plan):
            pages.append(replace(page, plans=[]))
            self._act(page.plans, steps, report)
        # A forced run plans otherwise and moves prompts: the next tick reads everyone again.
        if memory is not None and not force:
            memory.planned(to_plan.reread if to_plan else (), pages)
            memory.reread |= self._lost
            self._memory = memory
        return report

    def _act(self, plans: list[Plan], steps: set[Step], report: FanOutReport) -> None:
        queue: RetryQueue[Plan] = RetryQueue(self._timer)
        for plan in plans:
            if plan.step not in steps:
                continue
            if plan.step in (Step.MISS, Step.ANSWER):
                self._record_unsent(plan, report)
            else:
                queue.push(plan)
        for plan in queue:
            self._send(plan, report, queue)

    def _send(self, plan: Plan, report: FanOutReport, queue: RetryQueue[Plan]) -> None:
        """Claim, then the Slack calls outside any transaction, then write the outcome."""
        user = plan.slack_user_id
        with self._db.transaction() as session:
            prompt_id = self._claim(session, plan, self._clock.now())
            if prompt_id is None:
                return
            card = self._card(session, plan)
        try:
            # A user id reaches the app's DM with them; Slack answers with the DM's id, kept.
            posted = self._notifier.send_checkin_prompt(plan.dm_channel_id or user, card)
        except DeliveryError as error:
            if error.retry_after is not None and plan.requeues < MAX_REQUEUES:
                # Slack said "not yet": keep the claim, go on with the others, come back later.
                queue.push(_still_claimed(plan, prompt_id), error.retry_after)
                return
            log.warning("prompt to %s failed: %s", user, error.code)
            with self._db.transaction() as session:
                prompts.mark_failed(session, prompt_id, error.code)
            report.failed[user] = error.code
            return
        with self._db.transaction() as session:
            if posted.channel_id != plan.dm_channel_id:
                set_dm_channel(session, plan.member_id, posted.channel_id)
            prompts.mark_sent(session, prompt_id, posted.channel_id, posted.ts, self._clock.now())
        (report.reminded if card.reminder else report.sent).append(user)

    def _claim(self, session: Session, plan: Plan, now: datetime) -> int | None:
        """The prompt's id once this process holds it; None when someone else does."""
        if plan.prompt_id is None or plan.expected is None:
            claimed = prompts.claim_new(
                session, plan.member_id, plan.period, now, plan.timing.ends_at
            )
            if claimed is None:
                self._lost.add(plan.member_id)
            return claimed
        # A claim left by a crash (not our own, re-queued one) is taken over only if still old.
        left = plan.expected is PromptStatus.CLAIMED and not plan.requeues
        before = now - STALE_CLAIM if left else None
        if prompts.transition(session, plan.prompt_id, plan.expected, plan.claimed_as, now, before):
            return plan.prompt_id
        self._lost.add(plan.member_id)
        return None

    def _record_unsent(self, plan: Plan, report: FanOutReport) -> None:
        """A prompt never to send: missed (over a day late) or answered by fresh check-ins."""
        now, answered = self._clock.now(), plan.step is Step.ANSWER
        status = PromptStatus.ANSWERED if answered else PromptStatus.MISSED
        with self._db.transaction() as session:
            claimed = prompts.claim_new(
                session, plan.member_id, plan.period, now, plan.timing.ends_at, status
            )
        if claimed is None:
            self._lost.add(plan.member_id)
        else:
            (report.up_to_date if answered else report.missed).append(plan.slack_user_id)

    def _card(self, session: Session, plan: Plan) -> PromptCard:
        rows = repo.active_key_results(session, plan.member_id, plan.today)
        krs = kr_snapshots(session, rows, plan.today, self._policy.bands)
        reminder = plan.step is Step.REMIND
        return PromptCard(plan.slack_user_id, plan.period, krs, reminder=reminder)

    def _known(self, row: OwnerRow, now: datetime, report: FanOutReport) -> OwnerRow | None:
        """The owner to consider now. Profiles come from the weekly walk of Slack's member
        list (bot.services.profiles); someone new since has theirs fetched first, because the
        zone decides when they are due. None for people not to prompt."""
        if row.profile_fetched_at is None:
            return self._refresh_profile(row, now, report)
        return None if row.deactivated else row

    def _refresh_profile(
        self, row: OwnerRow, now: datetime, report: FanOutReport
    ) -> OwnerRow | None:
        """Fetch and store the Slack profile; None for people not to prompt."""
        try:
            profile = self._notifier.profile(row.slack_user_id)
        except DeliveryError as error:
            # Without a profile the default zone still lets us ask; Slack will refuse a bad id.
            log.warning("users.info for %s failed: %s", row.slack_user_id, error.code)
            return row
        with self._db.transaction() as session:
            member = load_member(session, row.id)
            store_profile(member, profile, now)
            stored = owner_row(member)  # what this run plans with
        if profile.deleted or profile.is_bot:
            report.skipped.append(row.slack_user_id)
            return None
        return stored


def _still_claimed(plan: Plan, prompt_id: int) -> Plan:
    """The rate-limited plan, to go again once Slack allows; an answer meanwhile wins."""
    return replace(plan, prompt_id=prompt_id, expected=plan.claimed_as, requeues=plan.requeues + 1)
