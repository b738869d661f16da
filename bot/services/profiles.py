"""Members' Slack profiles: read by the page (users.list) at start and weekly, one by one
(users.info) only for someone new since, and as Slack tells of a change (user_change)."""

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.db.engine import Database
from bot.db.members import members_by_slack_ids
from bot.db.models import Member
from bot.domain.away_status import StatusAway, status_away
from bot.services.ports import Clock, DeliveryError, ProfilePage, ProfileSource, SlackProfile

log = logging.getLogger(__name__)

WALK_EVERY = timedelta(days=7)
# A page Slack rate-limits is asked again once its Retry-After has passed (the paced sender
# waits that out), a few times; then the walk stops where it is and the next tick resumes it.
PAGE_TRIES = 5
NAME_MAX = 200  # the column's width


def store_profile(member: Member, profile: SlackProfile, now: datetime) -> None:
    """The one mapping from a Slack profile (a users.list page's or users.info's) to the
    member's stored one: name, zone, whether to prompt them at all, Slack admin, and away by
    status, as of `now`."""
    store_name_and_role(member, profile)
    member.timezone = profile.timezone
    member.profile_fetched_at = now
    member.deactivated = profile.deleted or profile.is_bot
    away = status_away(profile.status_emoji, profile.status_text, profile.status_expiration, now)
    member.status_away = away is not None
    member.status_away_until = away.until if away else None


def store_name_and_role(member: Member, profile: SlackProfile) -> None:
    """What a role check learns: the name, and Slack admin (kept to name admins, never to
    grant anything)."""
    member.display_name = (profile.display_name or member.display_name or "")[:NAME_MAX]
    member.slack_admin = profile.is_admin


class StatusFields(Protocol):
    """A Member, or a plain row with its away-by-status columns."""

    @property
    def status_away(self) -> bool: ...
    @property
    def status_away_until(self) -> datetime | None: ...


def away_by_status(member: StatusFields) -> StatusAway | None:
    """The member's absence as their Slack status said at the last refresh."""
    return StatusAway(member.status_away_until) if member.status_away else None


@dataclass
class WalkReport:
    pages: int = 0
    stored: int = 0
    finished: bool = False
    due: bool = True
    error: str | None = None

    def describe(self) -> str:
        if not self.due:
            return "profiles: not due (read from Slack's member list within the week)"
        state = "walk finished" if self.finished else f"walk paused ({self.error})"
        return f"profiles: {self.pages} page(s) read, {self.stored} member(s) updated, {state}"


class ProfileDirectory:
    """Walks Slack's member list; thread-safe (a manual run may meet the scheduler's tick).

    Progress lives in this process: the walk at start, then one a week; a walk stopped by an
    error resumes from its last page at the next tick. Each page is stored as it comes, so
    nothing read is lost. Members not yet in the bot are skipped: they get a profile
    (users.info) when they first own a key result.
    """

    def __init__(self, database: Database, slack: ProfileSource, clock: Clock) -> None:
        self._db = database
        self._slack = slack
        self._clock = clock
        self._lock = threading.Lock()
        self._walked_at: datetime | None = None  # the start of the last finished walk
        self._started: datetime | None = None  # the start of the walk under way
        self._cursor: str | None = None  # where the walk under way resumes

    def walk_if_due(self) -> WalkReport:
        """Walk (or resume a walk) when none finished in this process within the week."""
        with self._lock:
            now = self._clock.now()
            if self._started is None and self._walked_at and now - self._walked_at < WALK_EVERY:
                return WalkReport(due=False)
            return self._walk(now)

    def walk(self) -> WalkReport:
        """Walk now (`okr-bot jobs run profiles`), resuming one under way."""
        with self._lock:
            return self._walk(self._clock.now())

    def _walk(self, now: datetime) -> WalkReport:
        report = WalkReport()
        if self._started is None:
            self._started, self._cursor = now, None
        while True:
            try:
                page = self._page(self._cursor)
            except DeliveryError as error:
                log.warning("users.list stopped after %d page(s): %s", report.pages, error.code)
                if error.code == "invalid_cursor":  # an old cursor: start again next time
                    self._started = None
                report.error = error.code
                return report
            report.pages += 1
            report.stored += self._store(page, self._clock.now())
            self._cursor = page.next_cursor
            if page.next_cursor is None:
                self._walked_at, self._started = self._started, None
                report.finished = True
                return report

    def changed(self, slack_user_id: str, profile: SlackProfile) -> bool:
        """Store a profile Slack says has changed (a status set or cleared, a new zone), so
        that an away status counts from the moment it is set, not from the next walk. Only
        people the bot knows are stored; True if the member was one."""
        with self._db.read() as session:
            # Slack tells of everyone in the workspace; most are not the bot's members, and a
            # read costs them no write lock.
            if not members_by_slack_ids(session, [slack_user_id]):
                return False
        with self._db.transaction() as session:
            for member in members_by_slack_ids(session, [slack_user_id]):
                store_profile(member, profile, self._clock.now())
        return True

    def _page(self, cursor: str | None) -> ProfilePage:
        for _ in range(PAGE_TRIES - 1):
            try:
                return self._slack.profile_page(cursor)
            except DeliveryError as error:
                if error.retry_after is None:
                    raise
        return self._slack.profile_page(cursor)

    def _store(self, page: ProfilePage, now: datetime) -> int:
        with self._db.transaction() as session:
            members = members_by_slack_ids(session, list(page.profiles))
            for member in members:
                store_profile(member, page.profiles[member.slack_user_id], now)
        return len(members)
