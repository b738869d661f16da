"""Turns a team's loaded rows into a TeamDigest: pure Python over rows, no queries."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from bot.db.checkin_points import CheckinPoint
from bot.db.digests import DigestRows
from bot.db.models import KeyResult, Member, Team
from bot.domain.attention import Concern, concerns
from bot.domain.away_status import away_through
from bot.domain.digest_schedule import previous_period, week_of_cycle
from bot.domain.progress import ConfidenceBands, KRType, pace, progress, status
from bot.services.digests.holidays import week_holidays
from bot.services.digests.results import (
    AwayMember,
    DigestBlocker,
    DigestKR,
    DigestObjective,
    TeamDigest,
    WeekPoint,
)
from bot.services.profiles import away_by_status
from bot.services.source_badges import SourceBadge


@dataclass(frozen=True)
class DigestScope:
    """Which team the digest is for, the teams it covers, and its local week."""

    team: Team
    team_names: dict[int, str]
    period: str
    today: date
    holiday_region: str | None = None  # the team's, else the workspace's


def assemble_digest(
    scope: DigestScope,
    rows: DigestRows,
    bands: ConfidenceBands,
    sources: Mapping[int, SourceBadge] | None = None,
) -> TeamDigest:
    expected = pace(rows.cycle.start_date, rows.cycle.end_date, scope.today)
    history: dict[int, list[CheckinPoint]] = defaultdict(list)
    for point in rows.checkins:  # loaded oldest first
        history[point.key_result_id].append(point)
    slack_ids = {member_id: member.slack_user_id for member_id, member in rows.members.items()}
    key_results = _digest_krs(rows, history, slack_ids, scope.period, expected, bands, sources)
    away = _away(rows.members, scope.today)
    week, weeks = week_of_cycle(rows.cycle.start_date, rows.cycle.end_date, scope.period)
    assert scope.team.id is not None
    return TeamDigest(
        team_id=scope.team.id,
        team_name=scope.team.name,
        cycle_name=rows.cycle.name,
        cycle_start=rows.cycle.start_date,
        cycle_end=rows.cycle.end_date,
        period=scope.period,
        week=week,
        weeks=weeks,
        pace=expected,
        objectives=_objectives(scope, rows, key_results),
        blockers=_blockers(key_results, history, scope.period),
        not_checked_in=_not_checked_in(rows, key_results, slack_ids, away),
        away=away,
        leads=_leads(scope.team, rows, slack_ids),
        names={m.slack_user_id: m.display_name for m in rows.members.values() if m.display_name},
        mention_blockers=scope.team.mention_blockers,
        holidays=week_holidays(
            [scope.holiday_region, *(m.holidays for m in rows.members.values())],
            scope.period,
            scope.today,
        ),
    )


def _digest_krs(
    rows: DigestRows,
    history: dict[int, list[CheckinPoint]],
    slack_ids: dict[int, str],
    period: str,
    expected: float,
    bands: ConfidenceBands,
    sources: Mapping[int, SourceBadge] | None,
) -> dict[int, DigestKR]:
    key_results: dict[int, DigestKR] = {}
    for kr in rows.key_results:
        assert kr.id is not None
        listed = _kr(kr, history[kr.id], slack_ids, period, expected, bands)
        key_results[kr.id] = _with_source(listed, sources)
    return key_results


def _with_source(kr: DigestKR, sources: Mapping[int, SourceBadge] | None) -> DigestKR:
    """The key result with its failing source, if it has one, among its concerns."""
    badge = (sources or {}).get(kr.kr_id)
    if badge is None or not badge.failing:
        return kr
    concerns_now = (*kr.concerns, Concern.SOURCE_FAILING)
    return replace(kr, concerns=concerns_now, source_error=badge.error)


def _objectives(
    scope: DigestScope, rows: DigestRows, key_results: dict[int, DigestKR]
) -> tuple[DigestObjective, ...]:
    by_objective: dict[int, list[KeyResult]] = defaultdict(list)
    for kr in rows.key_results:
        by_objective[kr.objective_id].append(kr)
    return tuple(
        DigestObjective(
            objective.title,
            scope.team_names.get(objective.team_id, ""),
            tuple(key_results[kr.id] for kr in by_objective[objective.id or 0] if kr.id),
            objective.id,
        )
        for objective in rows.objectives
    )


def _blockers(
    key_results: dict[int, DigestKR], history: dict[int, list[CheckinPoint]], period: str
) -> tuple[DigestBlocker, ...]:
    """The blockers written in this period's latest check-ins."""
    return tuple(
        DigestBlocker(kr.kr_id, kr.title, kr.owner, point.blocker)
        for kr in key_results.values()
        for point in history[kr.kr_id][-1:]
        if point.period == period and point.blocker and point.blocker.strip()
    )


def _not_checked_in(
    rows: DigestRows,
    key_results: dict[int, DigestKR],
    slack_ids: dict[int, str],
    away: tuple[AwayMember, ...],
) -> tuple[str, ...]:
    """Active owners, not away, who answered for none of their key results this period."""
    away_ids = {person.slack_user_id for person in away}
    active = {m.slack_user_id for m in rows.members.values() if not m.deactivated}
    # Someone who answered for any of their KRs has checked in; a skipped KR shows on its line.
    answered = {kr.owner for kr in key_results.values() if kr.checked_in} | {
        slack_ids[member_id] for member_id in rows.answered if member_id in slack_ids
    }
    late = [kr.owner for kr in key_results.values() if kr.owner not in answered]
    return tuple(
        dict.fromkeys(owner for owner in late if owner in active and owner not in away_ids)
    )


def _leads(team: Team, rows: DigestRows, slack_ids: dict[int, str]) -> tuple[str, ...]:
    leads = {
        slack_ids[row.member_id]
        for row in rows.team_members
        if row.is_lead and row.team_id == team.id and row.member_id in slack_ids
    }
    return tuple(sorted(leads))


def _kr(
    kr: KeyResult,
    points: list[CheckinPoint],
    slack_ids: dict[int, str],
    period: str,
    expected: float,
    bands: ConfidenceBands,
) -> DigestKR:
    assert kr.id is not None
    kr_type = KRType(kr.kr_type)
    latest = points[-1] if points else None
    before = previous_period(period)
    previous = next((p for p in reversed(points) if p.period <= before), None)
    done = progress(kr_type, kr.start_value, kr.target_value, latest.value) if latest else 0.0
    confidence = latest.confidence if latest else None
    earlier_confidence = previous.confidence if previous else None
    # A value from the KR's source is not its owner's answer: they have still to check in.
    this_week = latest is not None and latest.period == period and latest.source is None
    return DigestKR(
        kr_id=kr.id,
        title=kr.title,
        kr_type=kr_type,
        target=kr.target_value,
        unit=kr.unit,
        owner=slack_ids.get(kr.owner_id, ""),
        value=latest.value if latest else None,
        previous_value=previous.value if previous else None,
        confidence=confidence,
        previous_confidence=earlier_confidence,
        progress=done,
        status=status(confidence, done, expected, bands),
        concerns=concerns(confidence, earlier_confidence, done, expected, bands),
        checked_in=this_week,
        note=latest.note if latest and this_week else None,
        history=_history(kr, kr_type, points),
    )


def _history(kr: KeyResult, kr_type: KRType, points: list[CheckinPoint]) -> tuple[WeekPoint, ...]:
    def done(value: float) -> float:
        return progress(kr_type, kr.start_value, kr.target_value, value)

    return tuple(WeekPoint(p.period, done(p.value), p.confidence) for p in points)


def _away(members: dict[int, Member], today: date) -> tuple[AwayMember, ...]:
    """Away by `/okr away` or by Slack status, until the later of the two ends."""
    found = []
    for member in sorted(members.values(), key=lambda m: m.slack_user_id):
        away, until = away_through(member.away_until, away_by_status(member), today)
        if away and not member.deactivated:
            found.append(AwayMember(member.slack_user_id, until))
    return tuple(found)
