"""Hypotheses under key results: add one, decide it (a learning), and the objective's tree."""

from dataclasses import dataclass

from bot.db import hypotheses as repo
from bot.db.checkins import KRRow, find_key_result
from bot.db.engine import Database, Session
from bot.db.learnings import add_learning
from bot.db.models import Hypothesis, KeyResult, Learning, Objective
from bot.db.objectives import objective_of
from bot.domain.errors import DomainError, NotFound
from bot.domain.hypotheses import HypothesisStatus, ice_score
from bot.domain.progress import ConfidenceBands, Status
from bot.domain.refs import Ref, RefKind, kr_ref, objective_ref
from bot.services.kr_status import kr_snapshots
from bot.services.permissions import Actor, Authority, may_write_kr, require_kr_writer
from bot.services.ports import Clock


@dataclass(frozen=True)
class HypothesisDraft:
    statement: str
    impact: int
    confidence: int
    ease: int


@dataclass(frozen=True)
class HypothesisView:
    id: int
    statement: str
    ice: float
    status: HypothesisStatus
    result: str | None


@dataclass(frozen=True)
class KRHypotheses:
    """A key result's hypotheses, best bet first; `may_decide` shows the decision buttons."""

    kr_id: int
    kr_ref: str
    kr_title: str
    hypotheses: list[HypothesisView]
    may_decide: bool = False


@dataclass(frozen=True)
class DecisionForm:
    hypothesis_id: int
    statement: str
    status: HypothesisStatus


@dataclass(frozen=True)
class TreeKR:
    ref: str
    title: str
    progress: float
    status: Status
    hypotheses: list[HypothesisView]


@dataclass(frozen=True)
class Tree:
    objective_ref: str
    objective_title: str
    key_results: list[TreeKR]


class HypothesisService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        bands: ConfidenceBands,
        authority: Authority | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._bands = bands
        self._authority = authority or Authority(database)

    def key_result_for_form(self, slack_user_id: str, kr_id: int) -> KRHypotheses:
        """The KR a new hypothesis goes under, for anyone who may write it."""

        def read(session: Session, actor: Actor) -> KRHypotheses:
            kr, objective = _key_result(session, kr_id)
            require_kr_writer(session, actor, kr, objective, "add hypotheses")
            return _listing(session, actor, kr, objective)

        return self._authority.read(slack_user_id, read)

    def add(self, slack_user_id: str, kr_id: int, draft: HypothesisDraft) -> KRHypotheses:
        def save(session: Session, actor: Actor) -> KRHypotheses:
            kr, objective = _key_result(session, kr_id)
            require_kr_writer(session, actor, kr, objective, "add hypotheses")
            repo.add_hypothesis(
                session,
                Hypothesis(
                    key_result_id=kr_id,
                    author_id=actor.id,
                    statement=draft.statement,
                    impact=draft.impact,
                    confidence=draft.confidence,
                    ease=draft.ease,
                    created_at=self._clock.now(),
                ),
            )
            return _listing(session, actor, kr, objective)

        return self._authority.run(slack_user_id, save)

    def decision_form(
        self, slack_user_id: str, hypothesis_id: int, status: HypothesisStatus
    ) -> DecisionForm:

        def read(session: Session, actor: Actor) -> DecisionForm:
            hypothesis = _open_hypothesis(session, actor, hypothesis_id)
            return DecisionForm(hypothesis_id, hypothesis.statement, status)

        return self._authority.read(slack_user_id, read)

    def decide(
        self, slack_user_id: str, hypothesis_id: int, status: HypothesisStatus, result: str
    ) -> KRHypotheses:
        """Validated or invalidated, with what was found: both join the learnings library."""
        if status is HypothesisStatus.OPEN:
            raise DomainError("A hypothesis ends validated or invalidated.")
        now = self._clock.now()

        def save(session: Session, actor: Actor) -> KRHypotheses:
            hypothesis = _open_hypothesis(session, actor, hypothesis_id)
            hypothesis.status, hypothesis.result, hypothesis.decided_at = status, result, now
            add_learning(
                session,
                Learning(
                    key_result_id=hypothesis.key_result_id,
                    source="hypothesis",
                    text=f"{status.capitalize()}: {hypothesis.statement} — {result}",
                    hypothesis_id=hypothesis.id,
                    author_id=actor.id,
                    created_at=now,
                ),
            )
            kr, objective = _key_result(session, hypothesis.key_result_id)
            return _listing(session, actor, kr, objective)

        return self._authority.run(slack_user_id, save)

    def tree(self, ref: Ref) -> Tree:
        """The objective's tree; for a KR reference, only that KR's branch."""
        with self._db.read() as session:
            if ref.kind is RefKind.KEY_RESULT:
                kr, _ = _key_result(session, ref.id)
                objective_id, only = kr.objective_id, kr.id
            else:
                objective_id, only = ref.id, None
            found = repo.objective_with_cycle(session, objective_id)
            if found is None:
                raise NotFound(f"There is no objective {objective_ref(objective_id)}.")
            objective, cycle = found
            krs = [
                kr
                for kr in repo.objective_key_results(session, objective_id)
                if only is None or kr.id == only
            ]
            rows = [KRRow(kr, objective, cycle, False) for kr in krs]
            shots = kr_snapshots(session, rows, self._clock.now().date(), self._bands)
            bets = repo.hypotheses_of(session, [kr.id or 0 for kr in krs])
            branches = [
                TreeKR(shot.ref, shot.title, shot.progress, shot.status, _ranked(bets, shot.kr_id))
                for shot in shots
            ]
            return Tree(objective_ref(objective.id), objective.title, branches)


def _open_hypothesis(session: Session, actor: Actor, hypothesis_id: int) -> Hypothesis:
    hypothesis = repo.hypothesis_by_id(session, hypothesis_id)
    if hypothesis is None:
        raise NotFound("That hypothesis no longer exists.")
    kr, objective = _key_result(session, hypothesis.key_result_id)
    require_kr_writer(session, actor, kr, objective, "decide its hypotheses")
    if hypothesis.status != HypothesisStatus.OPEN:
        raise DomainError(f"That hypothesis is already {hypothesis.status}.")
    return hypothesis


def _listing(session: Session, actor: Actor, kr: KeyResult, objective: Objective) -> KRHypotheses:
    bets = repo.hypotheses_of(session, [kr.id or 0])
    may_decide = may_write_kr(session, actor, kr, objective.team_id)
    return KRHypotheses(kr.id or 0, kr_ref(kr.id), kr.title, _ranked(bets, kr.id or 0), may_decide)


def _ranked(bets: list[Hypothesis], kr_id: int) -> list[HypothesisView]:
    """Open bets first, best ICE first; decided ones after, newest decision first."""
    views = [
        HypothesisView(
            bet.id or 0,
            bet.statement,
            ice_score(bet.impact, bet.confidence, bet.ease),
            HypothesisStatus(bet.status),
            bet.result,
        )
        for bet in bets
        if bet.key_result_id == kr_id
    ]
    return sorted(views, key=lambda view: (view.status is not HypothesisStatus.OPEN, -view.ice))


def _key_result(session: Session, kr_id: int) -> tuple[KeyResult, Objective]:
    kr = find_key_result(session, kr_id)
    if kr is None or kr.archived_at is not None:
        raise NotFound(f"There is no key result {kr_ref(kr_id)}.")
    return kr, objective_of(session, kr)
