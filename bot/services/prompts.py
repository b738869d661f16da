"""The weekly prompt fan-out: who is due, a unique claim per member and period, then the DM."""

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.db import checkins as repo
from bot.db import prompts
from bot.db.engine import Database, Session
from bot.db.models import Member, Prompt
from bot.domain.cadence import WeeklyCadence, current_period, is_prompt_due, zone
from bot.domain.progress import ConfidenceBands
from bot.services.kr_status import snapshots
from bot.services.ports import Clock, DeliveryError, Notifier, SystemTimer, Timer
from bot.services.retry_queue import RetryQueue
from bot.services.snapshots import PromptCard

log = logging.getLogger(__name__)

PROFILE_MAX_AGE = timedelta(days=7)
MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=10)
# A member Slack keeps rate-limiting is left to a later tick rather than held in this run.
MAX_REQUEUES = 5


@dataclass(frozen=True)
class PromptPolicy:
    default_timezone: str = "UTC"
    cadence: WeeklyCadence = field(default_factory=WeeklyCadence)
    bands: ConfidenceBands = field(default_factory=ConfidenceBands)


@dataclass
class FanOutReport:
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def describe(self) -> str:
        text = f"{len(self.sent)} prompt(s) sent, {len(self.failed)} failed"
        details = "; ".join(f"{user}: {error}" for user, error in self.failed.items())
        return f"{text} ({details})" if details else text


@dataclass(frozen=True)
class _Due:
    member_id: int
    slack_user_id: str
    period: str
    prompt_id: int | None
    reclaim_from: str | None
    requeues: int = 0


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
        """Send every prompt due now; with `force`, this period's prompt whatever the time.

        Runs on the scheduler's or the CLI's thread: it waits out Slack's rate limits.
        """
        report = FanOutReport()
        queue: RetryQueue[_Due] = RetryQueue(self._timer)
        for due in self._due(force, report):
            queue.push(due)
        for due in queue:
            self._send_one(due, report, queue)
        return report

    def _due(self, force: bool, report: FanOutReport) -> list[_Due]:
        now = self._clock.now()
        with self._db.transaction() as session:
            owners = repo.owners_with_active_key_results(session, now.date())
        owners = [member for member in owners if self._refresh_profile(member, now, report)]
        periods = {m.id: current_period(now, self._zone(m)) for m in owners if m.id is not None}
        with self._db.transaction() as session:
            existing = prompts.prompts_for(session, list(periods), set(periods.values()))
        due = []
        for member in owners:
            assert member.id is not None
            tz = self._zone(member)
            if member.away_until and member.away_until >= now.astimezone(tz).date():
                continue
            prompt = existing.get((member.id, periods[member.id]))
            reclaim = _reclaimable(prompt, now)
            if prompt is not None and reclaim is None:
                continue
            if prompt is None and not (force or is_prompt_due(now, self._policy.cadence, tz)):
                continue
            prompt_id = prompt.id if prompt else None
            due.append(
                _Due(member.id, member.slack_user_id, periods[member.id], prompt_id, reclaim)
            )
        return due

    def _send_one(self, due: _Due, report: FanOutReport, queue: RetryQueue[_Due]) -> None:
        now = self._clock.now()
        with self._db.transaction() as session:
            if due.prompt_id is None:
                if not prompts.claim_new(session, due.member_id, due.period, now):
                    return
            elif due.reclaim_from is None or not prompts.reclaim(
                session, due.prompt_id, due.reclaim_from, now
            ):
                return
            prompt = prompts.find_prompt(session, due.member_id, due.period)
            member = session.get_one(Member, due.member_id)
            card = self._card(session, member, due.period)
        assert prompt is not None and prompt.id is not None
        try:
            channel = member.dm_channel_id or self._notifier.open_dm(member.slack_user_id)
            posted = self._notifier.send_checkin_prompt(channel, card)
        except DeliveryError as error:
            if error.retry_after is not None and due.requeues < MAX_REQUEUES:
                queue.push(_still_claimed(due, prompt.id), error.retry_after)
                return
            log.warning("prompt to %s failed: %s", member.slack_user_id, error.code)
            with self._db.transaction() as session:
                prompts.mark_failed(session, prompt.id, error.code)
            report.failed[member.slack_user_id] = error.code
            return
        with self._db.transaction() as session:
            session.get_one(Member, due.member_id).dm_channel_id = posted.channel_id
            prompts.mark_sent(session, prompt.id, posted.channel_id, posted.ts, now)
        report.sent.append(member.slack_user_id)

    def _card(self, session: Session, member: Member, period: str) -> PromptCard:
        assert member.id is not None
        today = self._clock.now().astimezone(self._zone(member)).date()
        rows = repo.active_key_results(session, member.id, today)
        return PromptCard(
            member.slack_user_id, period, snapshots(session, rows, today, self._policy.bands)
        )

    def _refresh_profile(self, member: Member, now: datetime, report: FanOutReport) -> bool:
        """Fetch the Slack profile when unknown or a week old; False for people not to prompt."""
        fresh = member.profile_fetched_at and now - member.profile_fetched_at < PROFILE_MAX_AGE
        if fresh:
            return not member.deactivated
        try:
            profile = self._notifier.profile(member.slack_user_id)
        except DeliveryError as error:
            # Without a profile the default zone still lets us ask; Slack will refuse a bad id.
            log.warning("users.info for %s failed: %s", member.slack_user_id, error.code)
            return True
        with self._db.transaction() as session:
            row = session.get_one(Member, member.id)
            row.display_name, row.timezone = profile.display_name, profile.timezone
            row.profile_fetched_at = now
            row.deactivated = profile.deleted or profile.is_bot
        member.timezone = profile.timezone
        if profile.deleted or profile.is_bot:
            report.skipped.append(member.slack_user_id)
            return False
        return True

    def _zone(self, member: Member) -> ZoneInfo:
        return zone(member.timezone, self._policy.default_timezone)


def _still_claimed(due: _Due, prompt_id: int) -> _Due:
    """The rate-limited member, to go again once Slack allows; an answer meanwhile wins."""
    return replace(
        due,
        prompt_id=prompt_id,
        reclaim_from=prompts.PromptStatus.CLAIMED,
        requeues=due.requeues + 1,
    )


def _reclaimable(prompt: Prompt | None, now: datetime) -> str | None:
    """The status a prompt may be re-sent from now: a due snooze or a failure to retry."""
    if prompt is None:
        return None
    if prompt.status == prompts.PromptStatus.SNOOZED:
        due = prompt.snoozed_until is not None and prompt.snoozed_until <= now
        return prompts.PromptStatus.SNOOZED if due else None
    if prompt.status == prompts.PromptStatus.FAILED and prompt.attempts < MAX_ATTEMPTS:
        wait = RETRY_AFTER * (2 ** (prompt.attempts - 1))
        return prompts.PromptStatus.FAILED if now - prompt.claimed_at >= wait else None
    return None
