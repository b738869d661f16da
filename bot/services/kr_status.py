"""Turns key-result rows and their latest check-ins into snapshots with progress and status."""

from datetime import date

from bot.db.checkin_points import CheckinPoint, latest_checkins
from bot.db.checkins import KRRow
from bot.db.engine import Session
from bot.db.teams import teams_by_id
from bot.db.workspace import workspace_settings
from bot.domain.progress import ConfidenceBands, KRType, pace, progress, status
from bot.services.checkins.results import KRSnapshot
from bot.services.source_badges import SourceBadge, source_badges
from bot.services.workspace_defaults import team_bands


def kr_snapshots(
    session: Session, rows: list[KRRow], today: date, bands: ConfidenceBands
) -> tuple[KRSnapshot, ...]:
    """One snapshot per row, from a few queries whatever the number of rows.

    `bands` are the built-in ones: the workspace's stored bands win over them, and a KR's
    team's own bands over those."""
    history = latest_checkins(session, [row.key_result.id for row in rows if row.key_result.id], 2)
    default_bands = team_bands(workspace_settings(session), bands)
    teams = teams_by_id(session, {row.objective.team_id for row in rows})
    badges = source_badges(session, [row.key_result.id for row in rows if row.key_result.id])
    result = []
    for row in rows:
        assert row.key_result.id is not None
        row_bands = team_bands(teams.get(row.objective.team_id), default_bands)
        points = history[row.key_result.id]
        result.append(_snapshot(row, points, today, row_bands, badges.get(row.key_result.id)))
    return tuple(result)


def _snapshot(
    row: KRRow,
    points: list[CheckinPoint],
    today: date,
    bands: ConfidenceBands,
    source: SourceBadge | None,
) -> KRSnapshot:
    """The row's snapshot from its latest two check-ins, newest first."""
    kr = row.key_result
    assert kr.id is not None
    latest = points[0] if points else None
    earlier = points[1] if len(points) > 1 else None
    kr_type = KRType(kr.kr_type)
    value = latest.value if latest else None
    done = progress(kr_type, kr.start_value, kr.target_value, value) if value is not None else 0.0
    expected = pace(row.cycle.start_date, row.cycle.end_date, today)
    confidence = latest.confidence if latest else None
    return KRSnapshot(
        kr_id=kr.id,
        title=kr.title,
        objective_title=row.objective.title,
        kr_type=kr_type,
        start=kr.start_value,
        target=kr.target_value,
        unit=kr.unit,
        value=value,
        confidence=confidence,
        previous_confidence=earlier.confidence if earlier else None,
        progress=done,
        pace=expected,
        status=status(confidence, done, expected, bands),
        is_owner=row.is_owner,
        objective_id=row.objective.id,
        score=kr.score if row.cycle.closed_at is not None else None,
        value_source=latest.source if latest else None,
        value_at=latest.created_at if latest else None,
        previous_value=earlier.value if earlier else None,
        source=source,
    )
