"""A team's digest as plain data: built from loaded rows, handed to renderers and charts."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bot.domain.attention import Concern
from bot.domain.progress import KRType, Status
from bot.domain.refs import kr_ref, objective_ref


@dataclass(frozen=True)
class WeekPoint:
    """A KR at one check-in: where it stood and how sure its owner was."""

    period: str
    progress: float
    confidence: int


@dataclass(frozen=True)
class DigestKR:
    kr_id: int
    title: str
    kr_type: KRType
    target: float
    unit: str | None
    owner: str  # the owner's Slack user id
    value: float | None  # latest check-in up to this period; None before the first one
    previous_value: float | None  # latest check-in up to the previous period
    confidence: int | None
    previous_confidence: int | None
    progress: float
    status: Status
    concerns: tuple[Concern, ...]
    checked_in: bool  # has a check-in for this very period
    note: str | None  # this period's note, if any
    history: tuple[WeekPoint, ...]
    source_error: str | None = None  # why its data source is failing, while it is

    @property
    def ref(self) -> str:
        return kr_ref(self.kr_id)


@dataclass(frozen=True)
class DigestObjective:
    title: str
    team_name: str  # differs from the digest's team when a parent rolls up a child team
    key_results: tuple[DigestKR, ...]
    objective_id: int | None = None

    @property
    def ref(self) -> str | None:
        return objective_ref(self.objective_id) if self.objective_id is not None else None


@dataclass(frozen=True)
class DigestBlocker:
    kr_id: int
    kr_title: str
    owner: str
    text: str


@dataclass(frozen=True)
class AwayMember:
    slack_user_id: str
    until: date | None  # None: away by a Slack status that does not expire


@dataclass(frozen=True)
class HolidayNote:
    """A public holiday on a working day of the digest's week, in the regions named."""

    day: date
    name: str
    regions: tuple[str, ...]
    past: bool  # already behind us when the digest was made


@dataclass(frozen=True)
class TeamDigest:
    team_id: int
    team_name: str
    cycle_name: str
    cycle_start: date
    cycle_end: date
    period: str
    week: int
    weeks: int
    pace: float
    objectives: tuple[DigestObjective, ...]
    blockers: tuple[DigestBlocker, ...]
    not_checked_in: tuple[str, ...]
    away: tuple[AwayMember, ...]
    leads: tuple[str, ...]
    # Display names by Slack id: channel posts name people rather than mention them.
    names: Mapping[str, str] = field(default_factory=dict)
    mention_blockers: bool = False  # the team opted in to pinging the owners of blockers
    holidays: tuple[HolidayNote, ...] = ()

    @property
    def key_results(self) -> tuple[DigestKR, ...]:
        return tuple(kr for objective in self.objectives for kr in objective.key_results)

    @property
    def needs_attention(self) -> tuple[DigestKR, ...]:
        """KRs with a concern: off track first, then the furthest behind pace."""
        flagged = [kr for kr in self.key_results if kr.concerns]
        severity = {Status.OFF_TRACK: 0, Status.AT_RISK: 1}
        return tuple(
            sorted(flagged, key=lambda kr: (severity.get(kr.status, 2), kr.progress - self.pace))
        )

    def count(self, status: Status) -> int:
        return sum(kr.status is status for kr in self.key_results)

    @property
    def average_progress(self) -> float | None:
        """Mean progress of the KRs checked in at least once; None when none has been."""
        started = [kr.progress for kr in self.key_results if kr.value is not None]
        return sum(started) / len(started) if started else None


@dataclass(frozen=True)
class DigestPreview:
    digest: TeamDigest
    channel_id: str | None  # where `/okr digest post` would post it
    other_teams: tuple[str, ...]  # the caller's other teams, to name with `team NAME`


class PostOutcome(StrEnum):
    POSTED = "posted"
    ALREADY_POSTED = "already_posted"
    IN_PROGRESS = "in_progress"
    FAILED = "failed"


@dataclass(frozen=True)
class PostResult:
    outcome: PostOutcome
    team_name: str
    channel_id: str
    error: str | None = None
