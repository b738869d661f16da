"""Which team digests to post now, which to skip, and taking the claim to post one."""

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.db import digests as repo
from bot.db.cycles import open_cycle
from bot.db.digests import DigestStatus
from bot.db.engine import Session
from bot.db.models import Digest, Team
from bot.db.teams import all_teams
from bot.domain.cadence import current_period, local_instant, zone
from bot.domain.digest_schedule import (
    STALE_CLAIM,
    DigestClaim,
    DigestStep,
    digest_time,
    first_step,
    may_retake,
)
from bot.services.workspace_defaults import WorkspaceDefaults, digest_cadence


@dataclass(frozen=True)
class DueDigest:
    team_id: int
    channel_id: str
    claim: Digest | None  # a claim to take over (failed, skipped, left by a crash), or None
    subscriber: str | None = None  # who subscribed the channel; None for the team's own


@dataclass
class DueDigests:
    due: list[DueDigest] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "team → channel", recorded as skipped


def due_digests(
    session: Session, now: datetime, defaults: WorkspaceDefaults, *, force: bool
) -> DueDigests:
    """Every team's digest for each of its channels that is due now; the ones not owed or too
    late are recorded as skipped here. With `force`, every one not yet posted is due."""
    found = DueDigests()
    teams = all_teams(session)
    zones = {team.id: team_zone(team, defaults) for team in teams}
    periods = {team.id: current_period(now, zones[team.id]) for team in teams if team.id}
    existing = repo.digests_for(session, periods)
    subscribed = repo.subscribed_channels(session)
    for team in teams:
        assert team.id is not None
        own = [(team.channel_id, None)] if team.channel_id else []
        unclaimed = []
        for channel, subscriber in own + subscribed.get(team.id, []):
            claim = existing.get((team.id, channel))
            if claim is None:
                unclaimed.append((channel, subscriber))
            elif may_retake(now, claim_state(claim), force=force):
                found.due.append(DueDigest(team.id, channel, claim, subscriber))
        if not unclaimed:
            continue
        period, tz = periods[team.id], zones[team.id]
        step = DigestStep.POST if force else _step(session, team, teams, tz, now, defaults, period)
        for channel, subscriber in unclaimed:
            if step is DigestStep.POST:
                found.due.append(DueDigest(team.id, channel, None, subscriber))
            elif step is DigestStep.SKIP and repo.claim_new(
                session, team.id, period, channel, now, DigestStatus.SKIPPED
            ):
                found.skipped.append(f"{team.name} → {channel}")
    return found


def _step(
    session: Session,
    team: Team,
    teams: list[Team],
    tz: ZoneInfo,
    now: datetime,
    defaults: WorkspaceDefaults,
    period: str,
) -> DigestStep:
    due_at = digest_time(period, digest_cadence(team, defaults.digest), tz)
    if now < due_at:
        return DigestStep.WAIT  # without asking the database what the team has
    return first_step(now, due_at, content_since(session, team, teams, tz, now))


def take_claim(
    session: Session,
    team_id: int,
    period: str,
    channel_id: str,
    claim: Digest | None,
    now: datetime,
) -> int | None:
    """Claim the digest to post it: a new row, or the given one taken over; None when another
    process got there first."""
    if claim is None:
        return repo.claim_new(session, team_id, period, channel_id, now)
    assert claim.id is not None
    status = DigestStatus(claim.status)
    left_before = now - STALE_CLAIM if status is DigestStatus.CLAIMED else None
    return claim.id if repo.reclaim(session, claim.id, status, now, left_before) else None


def claim_state(claim: Digest) -> DigestClaim:
    return DigestClaim(DigestStatus(claim.status), claim.claimed_at, claim.attempts)


def content_since(
    session: Session, team: Team, teams: list[Team], tz: ZoneInfo, now: datetime
) -> datetime | None:
    """Since when the team's digest has had something to show: its running cycle's first key
    result was made, or the cycle began (local midnight). None when it has nothing."""
    assert team.id is not None
    cycle = open_cycle(session, now.astimezone(tz).date())
    if cycle is None or cycle.id is None:
        return None
    made = repo.first_key_result_made(session, with_descendants(team.id, teams), cycle.id)
    if made is None:
        return None
    return max(made, local_instant(cycle.start_date, time(0), tz))


def team_zone(team: Team, defaults: WorkspaceDefaults) -> ZoneInfo:
    return zone(team.timezone, defaults.calendar.timezone)


def with_descendants(team_id: int, teams: list[Team]) -> list[int]:
    """The team and every team below it; a cycle in the parent links cannot loop forever."""
    found = [team_id]
    for current in found:
        found += [t.id for t in teams if t.parent_id == current and t.id and t.id not in found]
    return found
