"""Digest queries in a fixed number of statements per team, and the per-channel post claims."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, delete, func, update
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from bot.db.checkin_points import POINT_COLUMNS, CheckinPoint, latest_checkins
from bot.db.dialect import insert_if_absent
from bot.db.models import (
    CheckIn,
    Cycle,
    Digest,
    DigestSubscription,
    KeyResult,
    Member,
    Objective,
    Prompt,
    TeamMember,
)
from bot.domain.digest_schedule import DigestStatus
from bot.domain.prompting import PromptStatus

__all__ = ["DigestStatus"]


@dataclass(frozen=True)
class DigestRows:
    """Everything one team's digest shows, for the teams it covers, in one cycle."""

    cycle: Cycle
    objectives: list[Objective]
    key_results: list[KeyResult]
    checkins: list[CheckinPoint]
    team_members: list[TeamMember]
    members: dict[int, Member]
    # Members whose prompt for the period counts as answered (e.g. updated just before it).
    answered: frozenset[int] = frozenset()


def load_digest_rows(
    session: Session, team_ids: list[int], cycle: Cycle, period: str, *, history: bool = False
) -> DigestRows:
    """Objectives, KRs, check-ins up to `period` and people: five statements however many.

    Each KR's last two check-ins make the text; `history` adds the cycle's earlier ones, for
    the charts of a posted digest."""
    objectives = list(
        session.exec(
            select(Objective)
            .where(col(Objective.team_id).in_(team_ids), Objective.cycle_id == cycle.id)
            .order_by(col(Objective.id))
        ).all()
    )
    in_digest = (
        select(KeyResult.id)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .where(col(Objective.team_id).in_(team_ids), Objective.cycle_id == cycle.id)
        .where(col(KeyResult.archived_at).is_(None))
    )
    key_results = list(
        session.exec(
            select(KeyResult).where(col(KeyResult.id).in_(in_digest)).order_by(col(KeyResult.id))
        ).all()
    )
    checkins = _cycle_checkins(session, in_digest, period, history)
    team_members = list(
        session.exec(select(TeamMember).where(col(TeamMember.team_id).in_(team_ids))).all()
    )
    people = {kr.owner_id for kr in key_results} | {row.member_id for row in team_members}
    members = {}
    if people:
        found = session.exec(select(Member).where(col(Member.id).in_(people))).all()
        members = {member.id: member for member in found if member.id is not None}
    answered = _answered(session, people, period)
    return DigestRows(cycle, objectives, key_results, checkins, team_members, members, answered)


def _answered(session: Session, people: set[int], period: str) -> frozenset[int]:
    if not people:
        return frozenset()
    rows = session.exec(
        select(Prompt.member_id).where(
            col(Prompt.member_id).in_(people),
            Prompt.period == period,
            Prompt.status == PromptStatus.ANSWERED,
        )
    ).all()
    return frozenset(rows)


def _cycle_checkins(
    session: Session, in_digest: Select[Any], period: str, history: bool
) -> list[CheckinPoint]:
    """Per KR, oldest first: the whole cycle with `history`, else the latest two."""
    if not history:
        latest = latest_checkins(session, in_digest, 2, up_to=period)
        return [point for points in latest.values() for point in reversed(points)]
    rows = session.execute(
        sql_select(*POINT_COLUMNS)
        .where(col(CheckIn.key_result_id).in_(in_digest), col(CheckIn.period) <= period)
        .order_by(col(CheckIn.key_result_id), col(CheckIn.period))
    ).all()
    return [CheckinPoint(*row) for row in rows]


def first_key_result_made(session: Session, team_ids: list[int], cycle_id: int) -> datetime | None:
    """When the first of the teams' unarchived key results in the cycle was made; None when
    there is none. A key result older than the record of it counts as made long ago."""
    count, dated, first = session.exec(
        select(func.count(), func.count(col(KeyResult.created_at)), func.min(KeyResult.created_at))
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .where(col(Objective.team_id).in_(team_ids), Objective.cycle_id == cycle_id)
        .where(col(KeyResult.archived_at).is_(None))
    ).one()
    if not count:
        return None
    return first if dated == count else datetime.min.replace(tzinfo=UTC)


def digests_for(session: Session, period_by_team: dict[int, str]) -> dict[tuple[int, str], Digest]:
    """Existing claims by (team id, channel id) for each team's own period."""
    if not period_by_team:
        return {}
    rows = session.exec(
        select(Digest).where(
            col(Digest.team_id).in_(period_by_team),
            col(Digest.period).in_(set(period_by_team.values())),
        )
    ).all()
    return {
        (row.team_id, row.channel_id): row
        for row in rows
        if period_by_team[row.team_id] == row.period
    }


def claim_new(
    session: Session,
    team_id: int,
    period: str,
    channel_id: str,
    now: datetime,
    status: DigestStatus = DigestStatus.CLAIMED,
) -> int | None:
    """Insert the claim row and return its id; None when another tick or replica holds it."""
    row = {
        "team_id": team_id,
        "period": period,
        "channel_id": channel_id,
        "status": status,
        "claimed_at": now,
    }
    unique = ["team_id", "period", "channel_id"]
    return insert_if_absent(session, Digest, row, unique=unique, returning=col(Digest.id))


def reclaim(
    session: Session,
    digest_id: int,
    expected: DigestStatus,
    now: datetime,
    claimed_by: datetime | None = None,
) -> bool:
    """Take a digest back to post it, only if no other process did first. With `claimed_by`,
    only a claim made by then is taken (one a crash left): of two processes, the first."""
    statement = update(Digest).where(col(Digest.id) == digest_id, col(Digest.status) == expected)
    if claimed_by is not None:
        statement = statement.where(col(Digest.claimed_at) <= claimed_by)
    result = session.execute(
        statement.values(status=DigestStatus.CLAIMED, claimed_at=now).returning(col(Digest.id))
    )
    return result.scalar_one_or_none() is not None


def reclaim_failed(session: Session, digest_id: int, now: datetime) -> bool:
    """Take a failed digest back for a retry, only if no other process did first."""
    return reclaim(session, digest_id, DigestStatus.FAILED, now)


def mark_posted(
    session: Session, digest_id: int, ts: str, now: datetime, problem: str | None = None
) -> None:
    digest = session.get_one(Digest, digest_id)
    digest.status, digest.message_ts, digest.posted_at = DigestStatus.POSTED, ts, now
    digest.attempts += 1
    digest.last_error = problem[:200] if problem else None


def mark_failed(session: Session, digest_id: int, error: str) -> int:
    """Record the failure; returns how many attempts have failed or succeeded so far."""
    digest = session.get_one(Digest, digest_id)
    digest.status = DigestStatus.FAILED
    digest.attempts += 1
    digest.last_error = error[:200]
    return digest.attempts


def subscribed_channels(session: Session) -> dict[int, list[tuple[str, str]]]:
    """Per team id, each subscribed channel and the Slack id of who subscribed it."""
    found: dict[int, list[tuple[str, str]]] = {}
    rows = session.exec(
        select(DigestSubscription.team_id, DigestSubscription.channel_id, Member.slack_user_id)
        .join(Member, col(Member.id) == DigestSubscription.member_id)
        .order_by(col(DigestSubscription.team_id), col(DigestSubscription.channel_id))
    ).all()
    for team_id, channel_id, slack_user_id in rows:
        found.setdefault(team_id, []).append((channel_id, slack_user_id))
    return found


def subscribe(session: Session, team_id: int, channel_id: str, member_id: int) -> bool:
    """Add the subscription; False when the channel had it already."""
    row = {"team_id": team_id, "channel_id": channel_id, "member_id": member_id}
    unique = ["team_id", "channel_id"]
    added = insert_if_absent(
        session, DigestSubscription, row, unique=unique, returning=col(DigestSubscription.team_id)
    )
    return added is not None


def unsubscribe(session: Session, team_id: int, channel_id: str) -> bool:
    """Remove the subscription; False when there was none."""
    statement = (
        delete(DigestSubscription)
        .where(col(DigestSubscription.team_id) == team_id)
        .where(col(DigestSubscription.channel_id) == channel_id)
        .returning(col(DigestSubscription.team_id))
    )
    return session.execute(statement).scalar_one_or_none() is not None
