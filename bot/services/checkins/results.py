"""Plain results handed to renderers: key-result snapshots, prompt cards, receipts, Home."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.progress import KRType, Status
from bot.domain.refs import kr_ref, objective_ref
from bot.services.okrs.results import HypothesisLine
from bot.services.source_badges import SourceBadge


@dataclass(frozen=True)
class KRSnapshot:
    """One key result as a member sees it: where it stands and how sure its owner is."""

    kr_id: int
    title: str
    objective_title: str
    kr_type: KRType
    start: float
    target: float
    unit: str | None
    value: float | None
    confidence: int | None
    previous_confidence: int | None
    progress: float
    pace: float
    status: Status
    is_owner: bool = True
    objective_id: int | None = None
    score: float | None = None  # set once the KR's cycle is closed
    # When the latest value came from the KR's source: its kind, when, and the value before it.
    value_source: str | None = None
    value_at: datetime | None = None
    previous_value: float | None = None
    source: SourceBadge | None = None  # set when the KR has a data source

    @property
    def ref(self) -> str:
        return kr_ref(self.kr_id)

    @property
    def objective_ref(self) -> str | None:
        return objective_ref(self.objective_id) if self.objective_id is not None else None


@dataclass(frozen=True)
class PromptCard:
    """This period's check-in question for one member."""

    slack_user_id: str
    period: str
    key_results: tuple[KRSnapshot, ...]
    reminder: bool = False


@dataclass(frozen=True)
class CheckinForm:
    """What the check-in modal shows: the member's KRs, pre-filled with their last answers."""

    period: str
    key_results: tuple[KRSnapshot, ...]
    notice: str | None = None


@dataclass(frozen=True)
class CheckinAnswer:
    kr_id: int
    value: float
    confidence: int
    note: str | None = None
    blocker: str | None = None


@dataclass(frozen=True)
class ReceiptLine:
    title: str
    kr_type: KRType
    unit: str | None
    value: float
    previous_value: float | None
    target: float
    confidence: int
    previous_confidence: int | None
    kr_id: int | None = None


@dataclass(frozen=True)
class PromptMessage:
    channel_id: str
    ts: str


@dataclass(frozen=True)
class SavedCheckin:
    """What a check-in wrote: enough to build its receipt afterwards, outside the write."""

    slack_user_id: str
    period: str
    answers: tuple[CheckinAnswer, ...]
    prompt_message: PromptMessage | None
    home_in_view: bool = False  # opened App Home lately: worth republishing it
    one_click: bool = False


@dataclass(frozen=True)
class CheckinReceipt:
    """What one check-in recorded, and the prompt DM to turn into a receipt, if any."""

    slack_user_id: str
    period: str
    lines: tuple[ReceiptLine, ...]
    prompt_message: PromptMessage | None
    one_click: bool = False
    home_in_view: bool = False  # opened App Home lately: worth republishing it


@dataclass(frozen=True)
class ScoredKR:
    kr_id: int
    title: str
    score: float | None

    @property
    def ref(self) -> str:
        return kr_ref(self.kr_id)


@dataclass(frozen=True)
class PastScores:
    """A member's key results of the latest closed cycle, with their scores."""

    cycle_name: str
    key_results: tuple[ScoredKR, ...]


@dataclass(frozen=True)
class HomeView:
    slack_user_id: str
    today: date
    period: str
    key_results: tuple[KRSnapshot, ...]
    checked_in: bool
    # Key result id → its hypotheses, highest ICE first.
    hypotheses: Mapping[int, tuple[HypothesisLine, ...]] = field(default_factory=dict)
    past_scores: PastScores | None = None


@dataclass(frozen=True)
class HistoryEntry:
    period: str
    value: float
    confidence: int
    note: str | None
    blocker: str | None
    author_slack_id: str
    recorded_at: datetime
    edits: int
    source: str | None = None  # the source's kind, when the value came from it


@dataclass(frozen=True)
class KRHistory:
    kr_id: int
    title: str
    kr_type: KRType
    target: float
    unit: str | None
    entries: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class AwayResult:
    until: date | None
    prompt_message: PromptMessage | None
