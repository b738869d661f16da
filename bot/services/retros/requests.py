"""Retro requests: find triggers, ask the owner and contributors once each, remind once."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from bot.db import retros as repo
from bot.db.engine import Database, Session
from bot.db.members import load_member, set_dm_channel
from bot.db.models import Member
from bot.db.retro_asks import OpenAsk, open_asks
from bot.domain.away_status import StatusAway, away_now
from bot.domain.cadence import zone
from bot.domain.progress import ConfidenceBands
from bot.domain.refs import kr_ref
from bot.domain.retros import (
    LOOK_BACK,
    MAX_ATTEMPTS,
    REMIND_AFTER,
    REMIND_UNTIL,
    RequestStatus,
    RetroTrigger,
    close_trigger,
)
from bot.domain.scoring import RETRO_BELOW
from bot.domain.working_hours import WorkingHours
from bot.services.job_report import JobReport, Tally
from bot.services.members import CalendarDefaults
from bot.services.ports import Clock, DeliveryError
from bot.services.reach import hours_by_member
from bot.services.retros.ports import RetroCard, RetroNotifier

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetroPolicy:
    defaults: CalendarDefaults = field(default_factory=CalendarDefaults)
    bands: ConfidenceBands = field(default_factory=ConfidenceBands)
    working_hours: WorkingHours = field(default_factory=WorkingHours)


@dataclass
class RetroReport(JobReport):
    started: int = 0
    asked: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)

    TALLIES = (
        Tally("started", "retro(s) started"),
        Tally("asked", "request(s) sent"),
        Tally("reminded", "reminder(s)"),
        Tally("failed", "failed"),
    )


@dataclass(frozen=True)
class _Plan:
    request_id: int | None  # None: a first DM still to claim
    expected: str | None
    retro_id: int
    member_id: int
    reminder: bool


class RetroService:
    def __init__(
        self, database: Database, notifier: RetroNotifier, clock: Clock, policy: RetroPolicy
    ) -> None:
        self._db = database
        self._notifier = notifier
        self._clock = clock
        self._policy = policy

    def run_due(self, *, force: bool = False) -> RetroReport:
        """Start retros for new triggers, then send due requests and reminders.

        With `force`, people are asked now whatever their local time (never while away).
        """
        report = RetroReport(started=self.detect())
        for plan in self._plans(force):
            self._send(plan, report)
        return report

    def detect(self) -> int:
        """Start the retros of recently closed cycles that are still missing.

        Check-in triggers start theirs as the check-in is saved. This reads without the write
        lock, and writes only when a cycle has just closed."""
        now = self._clock.now()
        with self._db.read() as session:
            below = repo.retro_below(session)
            below = RETRO_BELOW if below is None else below
            missing = repo.close_retros_missing(session, now - LOOK_BACK, below)
        if not missing:
            return 0
        started = 0
        with self._db.transaction() as session:
            for kr_id, cycle_id in missing:
                trigger = close_trigger(cycle_id)
                created = repo.create_retro(session, kr_id, trigger.kind, trigger.key, now)
                started += created is not None
        return started

    def _plans(self, force: bool) -> list[_Plan]:
        """Only asks with work left are read: answered and reminded ones stay in the database."""
        now = self._clock.now()
        with self._db.read() as session:
            asks = open_asks(
                session,
                created_since=now - LOOK_BACK,
                sent_since=now - REMIND_UNTIL,
                max_attempts=MAX_ATTEMPTS,
            )
            people = sorted({ask.member_id for ask in asks})
            hours = hours_by_member(session, people, self._policy.working_hours, now.date())
        plans = [_next(ask, now) for ask in asks if self._reachable(ask, now, force, hours)]
        return [plan for plan in plans if plan is not None]

    def _reachable(
        self, ask: OpenAsk, now: datetime, force: bool, hours: dict[int, WorkingHours]
    ) -> bool:
        """Nobody is asked while away; outside working hours (or on a public holiday of their
        region) only when forced."""
        tz = zone(ask.timezone, self._policy.defaults.timezone)
        status = StatusAway(ask.status_away_until) if ask.status_away else None
        if away_now(ask.away_until, status, now.astimezone(tz).date(), now):
            return False
        return force or hours[ask.member_id].contains(now, tz)

    def _send(self, plan: _Plan, report: RetroReport) -> None:
        """Claim, then the Slack calls outside any transaction, then write the outcome."""
        now = self._clock.now()
        with self._db.transaction() as session:
            request_id = _claim(session, plan, now)
            if request_id is None:
                return
            member = load_member(session, plan.member_id)
            card = _card(session, plan, member)
        try:
            channel = member.dm_channel_id or member.slack_user_id
            posted = self._notifier.send_retro_request(channel, card)
        except DeliveryError as error:
            log.warning("retro request to %s failed: %s", member.slack_user_id, error.code)
            with self._db.transaction() as session:
                repo.mark_failed(session, request_id, error.code)
            report.failed[member.slack_user_id] = error.code
            return
        with self._db.transaction() as session:
            set_dm_channel(session, plan.member_id, posted.channel_id)
            repo.mark_sent(session, request_id, posted.channel_id, posted.ts, now)
        (report.reminded if plan.reminder else report.asked).append(member.slack_user_id)


def _next(ask: OpenAsk, now: datetime) -> _Plan | None:
    retro_id, member_id = ask.retro_id, ask.member_id
    if ask.request_id is None:
        return _Plan(None, None, retro_id, member_id, reminder=False)
    attempts = ask.attempts or 0
    if ask.status == RequestStatus.FAILED and attempts < MAX_ATTEMPTS:
        return _Plan(ask.request_id, ask.status, retro_id, member_id, reminder=False)
    due = ask.sent_at is not None and REMIND_AFTER <= now - ask.sent_at < REMIND_UNTIL
    if ask.status == RequestStatus.SENT and ask.reminded_at is None and due:
        return _Plan(ask.request_id, ask.status, retro_id, member_id, reminder=True)
    return None


def _claim(session: Session, plan: _Plan, now: datetime) -> int | None:
    if plan.request_id is None or plan.expected is None:
        return repo.claim_request(session, plan.retro_id, plan.member_id, now)
    new = RequestStatus.REMINDED if plan.reminder else RequestStatus.CLAIMED
    return (
        plan.request_id
        if repo.transition(session, plan.request_id, plan.expected, new, now)
        else None
    )


def _card(session: Session, plan: _Plan, member: Member) -> RetroCard:
    [row] = repo.retro_rows(session, retro_id=plan.retro_id)
    return RetroCard(
        slack_user_id=member.slack_user_id,
        retro_id=plan.retro_id,
        kr_ref=kr_ref(row.key_result.id),
        kr_title=row.key_result.title,
        objective_title=row.objective.title,
        cycle_name=row.cycle.name,
        trigger=RetroTrigger(row.retro.trigger),
        trigger_key=row.retro.trigger_key,
        score=row.key_result.score,
        reminder=plan.reminder,
    )
