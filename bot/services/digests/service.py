"""Team digests: preview, post on demand, and the weekly fan-out with one claim per channel."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.db import digests as repo
from bot.db.cycles import open_cycle
from bot.db.digests import DigestStatus
from bot.db.engine import Database, Session
from bot.db.models import Digest, Member, Team
from bot.db.teams import all_teams, find_team, teams_of_member
from bot.domain.cadence import Cadence, current_period
from bot.domain.digest_schedule import DEFAULT_DIGEST_CADENCE, may_retake
from bot.domain.errors import DomainError, NotFound
from bot.domain.progress import ConfidenceBands
from bot.services.digests.assembly import DigestScope, assemble_digest
from bot.services.digests.due import (
    DueDigest,
    claim_state,
    due_digests,
    take_claim,
    team_zone,
    with_descendants,
)
from bot.services.digests.results import DigestPreview, TeamDigest
from bot.services.digests.results import PostOutcome as PostOutcome  # the results, re-exported
from bot.services.digests.results import PostResult as PostResult
from bot.services.job_report import JobReport, Tally
from bot.services.members import reading_as
from bot.services.permissions import Actor, Authority, leads_or_admin, refusal
from bot.services.ports import Clock, DeliveryError, DigestProblem, Notifier
from bot.services.source_badges import source_badges
from bot.services.workspace_defaults import (
    CalendarDefaults,
    WorkspaceDefaults,
    team_bands,
    workspace_defaults,
)

log = logging.getLogger(__name__)

# Slack's answers when the bot cannot post in the channel: a person has to fix that.
UNREACHABLE = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


@dataclass(frozen=True)
class DigestPolicy:
    """The environment's and built-in defaults; the workspace's stored defaults win over them."""

    default_timezone: str = "UTC"
    cadence: Cadence = DEFAULT_DIGEST_CADENCE
    bands: ConfidenceBands = field(default_factory=ConfidenceBands)


@dataclass
class DigestReport(JobReport):
    posted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    TALLIES = (
        Tally("posted", "digest(s) posted"),
        Tally("failed", "failed"),
        Tally("skipped", "skipped (not owed, or more than a day late)", only_if_any=True),
    )


class DigestService:
    def __init__(
        self,
        database: Database,
        notifier: Notifier,
        clock: Clock,
        policy: DigestPolicy,
        authority: Authority | None = None,
    ) -> None:
        self._db = database
        self._notifier = notifier
        self._clock = clock
        self._policy = policy
        self._authority = authority or Authority(database)

    def preview(self, slack_user_id: str, team_name: str | None = None) -> DigestPreview:
        """This week's digest of the named team, or of the caller's own team."""
        with reading_as(self._db, slack_user_id) as (session, member):
            teams = all_teams(session)
            team, others = self._chosen_team(session, member, teams, team_name)
            digest = self._required(session, team, teams, history=False)
            return DigestPreview(digest, team.channel_id, others)

    def post_now(self, slack_user_id: str, team_name: str | None = None) -> PostResult:
        """Post this week's digest to the team's channel now; for its leads and bot admins."""
        now = self._clock.now()
        claim = self._authority.run(
            slack_user_id, lambda session, actor: self._claim_now(session, actor, team_name, now)
        )
        team, channel, digest, existing, claimed = claim
        if claimed is None:
            posted = existing is not None and existing.status == DigestStatus.POSTED
            outcome = PostOutcome.ALREADY_POSTED if posted else PostOutcome.IN_PROGRESS
            return PostResult(outcome, team.name, channel)
        error = self._deliver(claimed, channel, digest)
        outcome = PostOutcome.FAILED if error else PostOutcome.POSTED
        return PostResult(outcome, team.name, channel, error)

    def _claim_now(
        self, session: Session, actor: Actor, team_name: str | None, now: datetime
    ) -> tuple[Team, str, TeamDigest, Digest | None, int | None]:
        """The team's digest, claimed for its channel if nobody posted it yet (claim None)."""
        teams = all_teams(session)
        team, _ = self._chosen_team(session, actor.member, teams, team_name)
        assert team.id is not None
        if not leads_or_admin(session, actor, team.id):
            raise refusal(
                actor,
                f"Only the leads of {team.name} and bot admins can post its digest. "
                f"Use `/okr digest team {team.name}` to see it yourself.",
            )
        if not team.channel_id:
            raise DomainError(
                f"{team.name} has no channel to post to: set its `channel` in the OKR file."
            )
        digest = self._required(session, team, teams, history=True)
        channel = team.channel_id
        existing = repo.digests_for(session, {team.id: digest.period}).get((team.id, channel))
        claimed = self._claim(session, team.id, digest.period, channel, existing, now)
        return team, channel, digest, existing, claimed

    def post_due(self, *, force: bool = False) -> DigestReport:
        """Post every digest due now; with `force`, this week's to every channel that has not
        had it (failed and skipped ones included)."""
        report = DigestReport()
        with self._db.transaction() as session:
            found = due_digests(session, self._clock.now(), self._defaults(session), force=force)
        report.skipped += found.skipped
        for item in found.due:
            self._post_one(item, report)
        return report

    def _post_one(self, due: DueDigest, report: DigestReport) -> None:
        now = self._clock.now()
        with self._db.transaction() as session:
            teams = all_teams(session)
            team = next(team for team in teams if team.id == due.team_id)
            digest = self._build(session, team, teams, history=True)
            if digest is None:
                return  # no cycle running, or nothing in it: nothing to say this week
            period, channel = digest.period, due.channel_id
            claimed = take_claim(session, due.team_id, period, channel, due.claim, now)
        if claimed is None:
            return
        error = self._deliver(claimed, due.channel_id, digest, due.subscriber)
        where = f"{team.name} → {due.channel_id}"
        if error:
            report.failed[where] = error
        else:
            report.posted.append(where)

    def _deliver(
        self, digest_id: int, channel_id: str, digest: TeamDigest, subscriber: str | None = None
    ) -> str | None:
        """Post a claimed digest and record the outcome; returns Slack's error, if any."""
        try:
            delivery = self._notifier.post_digest(channel_id, digest)
        except DeliveryError as error:
            log.warning("digest of %s to %s failed: %s", digest.team_name, channel_id, error.code)
            with self._db.transaction() as session:
                attempts = repo.mark_failed(session, digest_id, error.code)
            if error.code in UNREACHABLE and attempts == 1:
                notice = DigestProblem(digest.team_name, channel_id, error.code)
                self._tell((subscriber,) if subscriber else digest.leads, notice)
            return error.code
        problem = None
        if delivery.failed_replies:
            problem = f"{delivery.failed_replies} thread repl(ies) failed"
            log.warning("digest of %s: %s", digest.team_name, problem)
        with self._db.transaction() as session:
            repo.mark_posted(session, digest_id, delivery.ts, self._clock.now(), problem)
        return None

    def _tell(self, people: tuple[str, ...], problem: DigestProblem) -> None:
        """A digest nobody sees must not fail silently: the leads (or the subscriber) hear."""
        for person in people:
            try:
                # Posted to the user id: Slack delivers it to the app's DM with them.
                self._notifier.send_digest_problem(person, problem)
            except DeliveryError as error:
                log.warning("could not tell %s about the digest: %s", person, error.code)

    def _claim(
        self,
        session: Session,
        team_id: int,
        period: str,
        channel_id: str,
        existing: Digest | None,
        now: datetime,
    ) -> int | None:
        # Asked for by a person: a failed or skipped digest is posted at once, backoff or not.
        if existing is not None and not may_retake(now, claim_state(existing), force=True):
            return None
        return take_claim(session, team_id, period, channel_id, existing, now)

    def _chosen_team(
        self, session: Session, member: Member, teams: list[Team], name: str | None
    ) -> tuple[Team, tuple[str, ...]]:
        by_id = {team.id: team for team in teams}
        if name:
            team = find_team(session, name)
            if team is None:
                known = ", ".join(sorted(t.name for t in teams)) or "none yet"
                raise NotFound(f"There is no team named '{name}'. The teams are: {known}.")
            return team, ()
        assert member.id is not None
        cycle = open_cycle(session, self._clock.now().date())
        mine = [
            by_id[team_id]
            for team_id in teams_of_member(session, member.id, cycle.id if cycle else None)
        ]
        if not mine:
            raise NotFound(
                "You are not in a team and own no key results, so there is no digest of yours. "
                "Use `/okr digest team NAME` to see a team's digest."
            )
        return mine[0], tuple(team.name for team in mine[1:])

    def _required(
        self, session: Session, team: Team, teams: list[Team], *, history: bool
    ) -> TeamDigest:
        digest = self._build(session, team, teams, history=history)
        if digest is None:
            raise DomainError(
                f"{team.name} has no objectives in a cycle running this week: no digest to show."
            )
        return digest

    def _build(
        self, session: Session, team: Team, teams: list[Team], *, history: bool
    ) -> TeamDigest | None:
        """The team's digest now; `history` loads the cycle's check-ins for a posted chart."""
        assert team.id is not None
        defaults = self._defaults(session)
        tz = self._zone(team, defaults)
        today = self._clock.now().astimezone(tz).date()
        cycle = open_cycle(session, today)
        if cycle is None:
            return None
        covered = with_descendants(team.id, teams)
        period = current_period(self._clock.now(), tz)
        rows = repo.load_digest_rows(session, covered, cycle, period, history=history)
        if not rows.objectives:
            return None
        names = {t.id: t.name for t in teams if t.id is not None}
        bands = team_bands(team, defaults.bands)
        region = team.holidays or defaults.holidays
        sources = source_badges(session, [kr.id for kr in rows.key_results if kr.id])
        scope = DigestScope(team, names, period, today, region)
        return assemble_digest(scope, rows, bands, sources)

    def _defaults(self, session: Session) -> WorkspaceDefaults:
        fallback = CalendarDefaults(self._policy.default_timezone)
        policy = self._policy
        return workspace_defaults(session, fallback, digest=policy.cadence, bands=policy.bands)

    def _zone(self, team: Team, defaults: WorkspaceDefaults) -> ZoneInfo:
        return team_zone(team, defaults)
