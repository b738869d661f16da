"""The retro digest: once per closed cycle and team, when the retros are in or a week on."""

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.db import digests as claims
from bot.db import retro_digests as repo
from bot.db.cycles import recently_closed_cycles
from bot.db.digests import DigestStatus
from bot.db.engine import Database, Session
from bot.db.members import display_names
from bot.db.models import Cycle, KeyResult, Objective, Team
from bot.db.teams import cycle_teams
from bot.domain.refs import kr_ref, objective_ref
from bot.domain.retros import (
    DIGEST_AFTER_CLOSE,
    LOOK_BACK,
    MAX_ATTEMPTS,
    RequestStatus,
    RetroReason,
    close_trigger,
)
from bot.domain.scoring import looks_sandbagged, objective_score
from bot.services.job_report import JobReport, Tally
from bot.services.ports import Clock, DeliveryError
from bot.services.retros.ports import (
    ObjectiveScore,
    ReasonGroup,
    RetroDigest,
    RetroNotifier,
    SharedLearning,
)

log = logging.getLogger(__name__)


@dataclass
class RetroDigestReport(JobReport):
    posted: list[str] = field(default_factory=list)

    TALLIES = (Tally("posted", "retro digest(s) posted"), Tally("failed", "failed"))


def digest_period(cycle_id: int) -> str:
    """The claim's period key: the Digest table allows 10 characters."""
    return f"retro-{cycle_id}"[:10]


class RetroDigestService:
    def __init__(self, database: Database, notifier: RetroNotifier, clock: Clock) -> None:
        self._db = database
        self._notifier = notifier
        self._clock = clock

    def post_due(self, *, force: bool = False) -> RetroDigestReport:
        """Post each closed cycle's retro digest to each team's channel once it is due."""
        report = RetroDigestReport()
        now = self._clock.now()
        with self._db.transaction() as session:
            due = [
                (cycle, team)
                for cycle in recently_closed_cycles(session, now - LOOK_BACK)
                for team in cycle_teams(session, cycle.id or 0)
                if team.channel_id and self._due(session, cycle, team, now, force)
            ]
        for cycle, team in due:
            self._post_one(cycle, team, report)
        return report

    def _due(self, session: Session, cycle: Cycle, team: Team, now: datetime, force: bool) -> bool:
        period = digest_period(cycle.id or 0)
        claim = claims.digests_for(session, {team.id or 0: period}).get(
            (team.id or 0, team.channel_id or "")
        )
        if claim is not None:
            return claim.status == DigestStatus.FAILED and claim.attempts < MAX_ATTEMPTS
        assert cycle.closed_at is not None
        if force or now >= cycle.closed_at + DIGEST_AFTER_CLOSE:
            return True
        _, key_results = repo.team_okrs(session, cycle.id or 0, team.id or 0)
        states = repo.close_request_states(
            session, [kr.id or 0 for kr in key_results], close_trigger(cycle.id or 0).key
        )
        # All in: every close retro reached someone and everyone it reached has answered.
        return all(state == RequestStatus.ANSWERED for state in states)

    def _post_one(self, cycle: Cycle, team: Team, report: RetroDigestReport) -> None:
        now = self._clock.now()
        channel, period = team.channel_id or "", digest_period(cycle.id or 0)
        with self._db.transaction() as session:
            existing = claims.digests_for(session, {team.id or 0: period}).get(
                (team.id or 0, channel)
            )
            if existing is None:
                claimed = claims.claim_new(session, team.id or 0, period, channel, now)
            elif claims.reclaim_failed(session, existing.id or 0, now):
                claimed = existing.id
            else:
                claimed = None
            digest = build_digest(session, cycle, team)
        if claimed is None:
            return
        try:
            delivery = self._notifier.post_retro_digest(channel, digest)
        except DeliveryError as error:
            log.warning("retro digest of %s to %s failed: %s", team.name, channel, error.code)
            with self._db.transaction() as session:
                claims.mark_failed(session, claimed, error.code)
            report.failed[team.name] = error.code
            return
        with self._db.transaction() as session:
            claims.mark_posted(session, claimed, delivery.ts, self._clock.now())
        report.posted.append(team.name)


def build_digest(session: Session, cycle: Cycle, team: Team) -> RetroDigest:
    """Learnings first, grouped by reason (most common first); then scores; then thanks."""
    objectives, key_results = repo.team_okrs(session, cycle.id or 0, team.id or 0)
    kr_ids = [kr.id or 0 for kr in key_results]
    answers = repo.answers_for(session, kr_ids)
    named = list(dict.fromkeys(r.author_slack_id for r in answers if r.author_slack_id))
    return RetroDigest(
        team_name=team.name,
        cycle_name=cycle.name,
        groups=_by_reason(answers),
        objectives=_scores(objectives, key_results),
        thanked=named,
        names=display_names(session, named),
        anonymous_count=sum(1 for row in answers if row.author_slack_id is None),
        asked_count=repo.asked_count(session, kr_ids),
    )


def _by_reason(answers: Sequence[repo.AnswerRow]) -> list[ReasonGroup]:
    by_reason: dict[RetroReason, list[SharedLearning]] = {}
    for row in answers:
        shared = SharedLearning(
            kr_ref(row.key_result.id),
            row.key_result.title,
            row.answer.learned,
            row.answer.next_try,
            row.author_slack_id,
        )
        by_reason.setdefault(_reason(row.answer.reason), []).append(shared)
    counts = Counter({reason: len(items) for reason, items in by_reason.items()})
    return [ReasonGroup(reason, by_reason[reason]) for reason, _ in counts.most_common()]


def _scores(
    objectives: Sequence[Objective], key_results: Sequence[KeyResult]
) -> list[ObjectiveScore]:
    scores = []
    for objective in objectives:
        krs = [kr for kr in key_results if kr.objective_id == objective.id]
        kr_scores = [kr.score for kr in krs]
        scores.append(
            ObjectiveScore(
                objective_ref(objective.id),
                objective.title,
                objective_score(kr_scores),
                [(kr_ref(kr.id), kr.title, kr.score) for kr in krs],
                looks_sandbagged(kr_scores),
            )
        )
    return scores


def _reason(value: str) -> RetroReason:
    try:
        return RetroReason(value)
    except ValueError:
        return RetroReason.OTHER
