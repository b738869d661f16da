"""What the authoring forms carry in and out: drafts, choices, feedback and field problems."""

from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.coaching import Hint
from bot.domain.drafting import Indicator, ObjectiveKind
from bot.domain.progress import KRType
from bot.services.choices import Choice as Choice  # re-exported with the drafts


class DraftField(StrEnum):
    TITLE = "title"
    DESCRIPTION = "description"
    TEAM = "team"
    CYCLE = "cycle"
    KIND = "kind"
    TAGS = "tags"
    PARENT = "parent"
    OWNER = "owner"
    CONTRIBUTORS = "contributors"
    TYPE = "type"
    START = "start"
    TARGET = "target"
    UNIT = "unit"
    INDICATOR = "indicator"


@dataclass(frozen=True)
class FieldKey:
    """A field of the objective (kr_index None) or of its n-th key result in the form."""

    field: DraftField
    kr_index: int | None = None


@dataclass(frozen=True)
class KeyResultDraft:
    title: str
    owner: str  # Slack user id
    contributors: list[str] = field(default_factory=list)
    kr_type: KRType = KRType.INCREASE_TO
    start: float | None = None  # None: no baseline given
    target: float | None = None
    unit: str | None = None
    indicator: Indicator | None = None


@dataclass(frozen=True)
class ObjectiveDraft:
    title: str
    team_id: int
    cycle_id: int
    key_results: list[KeyResultDraft]
    description: str | None = None
    kind: ObjectiveKind = ObjectiveKind.COMMITTED
    tags: list[str] = field(default_factory=list)
    parent_id: int | None = None


@dataclass(frozen=True)
class ObjectiveEdit:
    title: str
    description: str | None = None
    kind: ObjectiveKind = ObjectiveKind.COMMITTED
    tags: list[str] = field(default_factory=list)
    parent_id: int | None = None


@dataclass(frozen=True)
class NewObjectiveChoices:
    """What `/okr new` shows picked: a team, a cycle and maybe a parent, each one the
    person may pick (their first team and the current cycle until they pick others)."""

    team: Choice
    cycle: Choice
    parent: Choice | None = None


@dataclass(frozen=True)
class ObjectiveDetails:
    objective_id: int
    ref: str
    title: str
    description: str | None
    team_id: int
    team_name: str
    cycle_name: str
    kind: ObjectiveKind
    tags: list[str]
    parent: Choice | None
    key_result_count: int


@dataclass(frozen=True)
class KeyResultDetails:
    kr_id: int
    ref: str
    objective_ref: str
    objective_title: str
    team_id: int
    title: str
    owner: str
    contributors: list[str]
    kr_type: KRType
    start: float
    target: float
    unit: str | None
    indicator: Indicator | None
    archived: bool


@dataclass(frozen=True)
class LearningNote:
    text: str
    kr_ref: str
    cycle_name: str


@dataclass(frozen=True)
class TitleFeedback:
    hints: list[Hint]
    learnings: list[LearningNote]


@dataclass(frozen=True)
class SavedKeyResult:
    ref: str
    title: str
    hints: list[Hint]
    archived: bool = False


@dataclass(frozen=True)
class SavedObjective:
    ref: str
    title: str
    team_name: str
    cycle_name: str
    hints: list[Hint]
    key_results: list[SavedKeyResult]
