"""Closing a cycle scores each key result from its final progress; owners may override."""

from datetime import datetime

from bot.db.checkin_points import latest_checkins
from bot.db.cycles import cycle_key_results
from bot.db.engine import Session
from bot.db.models import Cycle, KeyResult, Member
from bot.domain.errors import DomainError, NotAllowed
from bot.domain.progress import KRType, progress
from bot.domain.refs import kr_ref
from bot.domain.scoring import rounded_score

MAX_REASON = 500


def close_cycle(session: Session, cycle: Cycle, now: datetime) -> list[KeyResult]:
    """Mark the cycle closed and score its key results; closing twice changes nothing."""
    if cycle.closed_at is not None:
        return []
    cycle.closed_at = now
    krs = cycle_key_results(session, cycle.id or 0)
    latest = latest_checkins(session, [kr.id or 0 for kr in krs], 1)
    for kr in krs:
        if kr.score_reason is not None:
            continue  # an owner's override made before the close stands
        checkins = latest.get(kr.id or 0)
        current = checkins[0].value if checkins else kr.start_value
        kr.score = final_score(kr, current)
    return krs


def final_score(kr: KeyResult, current: float) -> float:
    return rounded_score(progress(KRType(kr.kr_type), kr.start_value, kr.target_value, current))


def override_score(member: Member, kr: KeyResult, score: float, reason: str) -> None:
    """The owner sets a score other than final progress, and says why."""
    if kr.owner_id != member.id:
        raise NotAllowed(f"Only {kr_ref(kr.id)}'s owner can change its score.")
    if not 0.0 <= score <= 1.0:
        raise DomainError("A score is a number from 0.0 to 1.0, like 0.6.")
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the score differs from the final progress, in a few words.")
    if len(reason) > MAX_REASON:
        raise DomainError(f"Please keep the reason under {MAX_REASON} characters.")
    kr.score, kr.score_reason = rounded_score(score), reason
