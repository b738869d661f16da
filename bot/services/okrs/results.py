"""`/okr list` as plain data: objectives with their key results, scores and hypotheses."""

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.domain.progress import KRType, Status
from bot.domain.refs import kr_ref, objective_ref
from bot.services.source_badges import SourceBadge

if TYPE_CHECKING:
    from bot.db.models import Hypothesis


class HypothesisStatus(StrEnum):
    OPEN = "open"
    VALIDATED = "validated"
    INVALIDATED = "invalidated"


@dataclass(frozen=True)
class HypothesisLine:
    statement: str
    impact: int
    confidence: int
    ease: int
    status: HypothesisStatus

    @property
    def ice(self) -> int:
        """Expected value of the bet: impact × confidence × ease, each 1–10."""
        return self.impact * self.confidence * self.ease


def hypothesis_line(bet: "Hypothesis") -> HypothesisLine:
    try:
        state = HypothesisStatus(bet.status)
    except ValueError:
        state = HypothesisStatus.OPEN
    return HypothesisLine(bet.statement, bet.impact, bet.confidence, bet.ease, state)


@dataclass(frozen=True)
class ListedKR:
    kr_id: int
    title: str
    kr_type: KRType
    target: float
    unit: str | None
    value: float | None
    confidence: int | None
    previous_confidence: int | None
    progress: float
    status: Status
    owner: str  # Slack id
    contributors: tuple[str, ...]  # Slack ids
    score: float | None  # set once the cycle is closed
    hypotheses: tuple[HypothesisLine, ...]  # highest ICE first
    source: SourceBadge | None = None  # set when the KR has a data source

    @property
    def ref(self) -> str:
        return kr_ref(self.kr_id)


@dataclass(frozen=True)
class ListedObjective:
    objective_id: int
    title: str
    team_name: str
    kind: str
    score: float | None  # the mean of all its key results' scores, once the cycle is closed
    key_results: tuple[ListedKR, ...]

    @property
    def ref(self) -> str:
        return objective_ref(self.objective_id)


@dataclass(frozen=True)
class OkrList:
    """What was asked for (whose, which team, only those at risk) and what matched."""

    cycle_name: str
    closed: bool
    objectives: tuple[ListedObjective, ...]
    person: str | None = None  # Slack id of whose key results, if asked by person
    is_caller: bool = False  # the person is the one asking
    team_name: str | None = None
    at_risk: bool = False

    @property
    def key_result_count(self) -> int:
        return sum(len(objective.key_results) for objective in self.objectives)


def by_ice(hypotheses: list[HypothesisLine]) -> tuple[HypothesisLine, ...]:
    """Highest expected value first; among equals, open bets before decided ones."""
    return tuple(sorted(hypotheses, key=lambda h: (-h.ice, h.status is not HypothesisStatus.OPEN)))
