"""What the sources service hands back: readings, a tick's report, a test, a push's answer."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.refs import kr_ref
from bot.domain.source_health import HealthNotice, SourceHealth
from bot.domain.sources import SourceKind, SourceSpec


@dataclass(frozen=True)
class SourceReading:
    """A value that arrived for a key result from its source (fetched or pushed)."""

    key_result_id: int
    value: float
    at: datetime
    previous: float | None  # the source's value before this one, None the first time
    kind: SourceKind


@dataclass(frozen=True)
class SourceNotice:
    """Tell the key result's owner: its source started failing (with why), or recovered."""

    key_result_id: int
    notice: HealthNotice
    error: str | None
    failing_since: datetime | None


@dataclass
class FetchReport:
    """One run of the sources job: what was fetched, what failed, whom to tell."""

    values: dict[int, float] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    notices: list[SourceNotice] = field(default_factory=list)

    def describe(self) -> str:
        text = f"{len(self.values)} source(s) fetched, {len(self.errors)} failed"
        details = "; ".join(f"{kr_ref(kr)}: {error}" for kr, error in sorted(self.errors.items()))
        return f"{text} ({details})" if details else text


@dataclass(frozen=True)
class SourceProbe:
    """A source fetched now and not saved: the value found, or why there is none."""

    value: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class PushStatus(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # this id was pushed before: nothing changed
    UNAUTHORIZED = "unauthorized"  # no such webhook, or the wrong token: the same answer for both
    BAD_REQUEST = "bad_request"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class PushResult:
    status: PushStatus
    message: str
    field: str | None = None  # the body's bad field, for BAD_REQUEST
    retry_after: timedelta | None = None  # for RATE_LIMITED


@dataclass(frozen=True)
class SourceState:
    """A key result's source as saved, how it is doing, and whether its webhook has a token."""

    spec: SourceSpec
    health: SourceHealth
    has_token: bool
