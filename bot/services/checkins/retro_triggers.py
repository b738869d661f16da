"""Mini-retros start when a check-in is saved: its KR's latest two check-ins decide."""

from datetime import datetime

from bot.db import retros as repo
from bot.db.checkin_points import latest_checkins
from bot.db.engine import Session
from bot.domain.progress import ConfidenceBands
from bot.domain.retros import CheckinPoint, checkin_triggers
from bot.services.workspace_defaults import bands_by_team


def start_checkin_retros(
    session: Session, kr_ids: list[int], now: datetime, default_bands: ConfidenceBands
) -> int:
    """A retro for each new trigger of these KRs (off track twice, or a fall of 3+ points).

    Judged in the transaction that saves the check-ins, so a trigger commits with its check-in
    or not at all, edits count, and no scheduled job has to reread history to find it."""
    running = repo.running_key_results(session, now.date(), kr_ids)
    latest = latest_checkins(session, [kr.id for kr, _ in running if kr.id is not None], 2)
    bands = bands_by_team(session, [team for _, team in running], default_bands)
    started = 0
    for kr, team in running:
        assert kr.id is not None and team.id is not None
        points = [CheckinPoint(c.period, c.confidence) for c in latest[kr.id]]
        for trigger in checkin_triggers(points, bands[team.id]):
            started += repo.create_retro(session, kr.id, trigger.kind, trigger.key, now) is not None
    return started
