"""The import file's shape as pydantic models, and their errors as friendly messages."""

import re
from datetime import date, time
from difflib import get_close_matches
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from bot.domain.cadence import DEFAULT_PROMPT_AT, CadenceKind
from bot.domain.progress import KRType
from bot.domain.sources import SourceSpec
from bot.domain.text import truncate
from bot.services.okr_file.field_types import (
    Number,
    Text,
    Title,
    UserId,
    UserIds,
    channel_id,
    clock_time,
    holiday_region,
    none_as_empty,
    timezone_name,
)
from bot.services.okr_file.sources import read_file_source

Loc = tuple[str | int, ...]


class ObjectiveKind(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Indicator(StrEnum):
    LEADING = "leading"
    LAGGING = "lagging"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class CycleModel(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=60)]
    start: date
    end: date
    closed: bool = False  # closing scores every key result from its final progress

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.end < self.start:
            raise PydanticCustomError(
                "end_before_start",
                "end date {end} is before start date {start}",
                {"end": self.end.isoformat(), "start": self.start.isoformat(), "at": "end"},
            )
        return self


class KeyResultModel(_Strict):
    title: Title
    owner: UserId
    contributors: UserIds = []
    type: KRType = KRType.INCREASE_TO
    start: Number = 0.0
    target: Number | None = None
    unit: Annotated[str, Field(max_length=40)] | None = None
    indicator: Indicator | None = None
    source: Annotated[SourceSpec, PlainValidator(read_file_source)] | None = None

    @model_validator(mode="after")
    def _target_fits_type(self) -> Self:
        if self.target is None:
            if self.type is not KRType.MILESTONE:
                raise PydanticCustomError("missing", "missing (required)", {"at": "target"})
            return self
        rule = {KRType.INCREASE_TO: "above", KRType.DECREASE_TO: "below"}.get(self.type)
        wrong = self.target <= self.start if rule == "above" else self.target >= self.start
        if rule and wrong:
            raise PydanticCustomError(
                "target_direction",
                "must be {rule} start ({start}) for {type} (got {target})",
                {
                    "rule": rule,
                    "start": plain_number(self.start),
                    "type": self.type.value,
                    "target": plain_number(self.target),
                    "at": "target",
                },
            )
        return self


class ObjectiveModel(_Strict):
    title: Title
    description: Text | None = None
    owner: UserId | None = None
    kind: ObjectiveKind = ObjectiveKind.COMMITTED
    key_results: Annotated[list[KeyResultModel], BeforeValidator(none_as_empty)] = []


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class CadenceModel(_Strict):
    kind: CadenceKind = CadenceKind.WEEKLY
    day: Weekday = Weekday.MON
    at: Annotated[time, BeforeValidator(clock_time)] = DEFAULT_PROMPT_AT
    every: Annotated[int, Field(ge=1, le=12)] = 1
    anchor: date | None = None

    @model_validator(mode="after")
    def _sprints_need_an_anchor(self) -> Self:
        if self.kind is CadenceKind.EVERY_N_WEEKS and self.anchor is None:
            raise PydanticCustomError(
                "missing",
                "missing (the first day of a sprint, for every_n_weeks)",
                {"at": "anchor"},
            )
        return self


class DigestTimeModel(_Strict):
    day: Weekday = Weekday.FRI
    at: Annotated[time, BeforeValidator(clock_time)] = time(15, 0)


class BandsModel(_Strict):
    """Confidence bands: 0..red_max is off track, ..yellow_max at risk, above on track."""

    red_max: Annotated[int, Field(ge=0, le=9)]
    yellow_max: Annotated[int, Field(ge=0, le=9)]

    @model_validator(mode="after")
    def _yellow_above_red(self) -> Self:
        if self.yellow_max <= self.red_max:
            raise PydanticCustomError("bands", "must be above red_max", {"at": "yellow_max"})
        return self


class TeamModel(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    channel: Annotated[str, AfterValidator(channel_id)]
    leads: UserIds
    members: UserIds = []
    parent: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    timezone: Annotated[str, AfterValidator(timezone_name)] | None = None
    cadence: CadenceModel | None = None
    digest: DigestTimeModel | None = None
    # Hours from a check-in prompt to its one reminder; 0 turns reminders off.
    reminder_hours: Annotated[int, Field(ge=0, le=168)] | None = None
    bands: BandsModel | None = None
    # Whose public holidays the team keeps, e.g. DE-BY; nobody is nudged on one.
    holidays: Annotated[str, AfterValidator(holiday_region)] | None = None
    # Digests name people; with this, the owners of blockers are pinged in the channel.
    mention_blockers: bool = False
    objectives: Annotated[list[ObjectiveModel], BeforeValidator(none_as_empty)] = []


class FileModel(_Strict):
    cycle: CycleModel
    teams: Annotated[list[TeamModel], BeforeValidator(none_as_empty)]


# Which model a mapping is, by the field that holds it; used to suggest a misspelt field.
_MODEL_UNDER: dict[str | int, type[BaseModel]] = {
    "cycle": CycleModel,
    "cadence": CadenceModel,
    "digest": DigestTimeModel,
    "bands": BandsModel,
    "teams": TeamModel,
    "objectives": ObjectiveModel,
    "key_results": KeyResultModel,
}


def plain_number(value: float) -> float | int:
    """A whole float as an int, so files and messages say 3 rather than 3.0."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def error_loc(error: ErrorDetails) -> Loc:
    """Where an error is; model-level checks name the field they blame in their context."""
    at = (error.get("ctx") or {}).get("at")
    # A source's header is blamed as `headers.NAME`: two steps, so its own line is found.
    return (*error["loc"], *str(at).split(".", 1)) if at else tuple(error["loc"])


def friendly_message(error: ErrorDetails) -> str:
    """One pydantic error in words a person editing the file understands."""
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return "missing (required)"
    if kind == "extra_forbidden":
        return _unknown_field(tuple(error["loc"]))
    if value is None and kind.endswith("_type"):
        return "must have a value"
    got = f" (got {_shown(value)})"
    if kind == "list_type":
        of_ids = error["loc"][-1] in {"leads", "members", "contributors"}
        return "must be a list" + (", e.g. [U0ALICE001]" if of_ids else "") + got
    simple = {"float_type": "must be a number", "string_type": "must be text"}
    if kind in simple:
        return simple[kind] + got
    if kind in {"model_type", "model_attributes_type"}:
        required = [
            name
            for name, spec in _model_at(tuple(error["loc"])).model_fields.items()
            if spec.is_required()
        ]
        return f"must be a mapping with {', '.join(required)}" + got
    if kind.startswith("date"):
        return "must be a date like 2026-10-01" + got
    if kind in {"enum", "literal_error"}:
        allowed = re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))
        return "must be one of " + ", ".join(allowed)
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {(error.get('ctx') or {}).get('max_length')} characters"
    if kind == "finite_number":
        return "must be a finite number"
    message = error["msg"]
    return message[:1].lower() + message[1:]


def _shown(value: object) -> str:
    return truncate(repr(value) if isinstance(value, str) else str(value), 60)


def _model_at(loc: Loc) -> type[BaseModel]:
    return next((_MODEL_UNDER[part] for part in reversed(loc) if part in _MODEL_UNDER), FileModel)


def _unknown_field(loc: Loc) -> str:
    name = str(loc[-1])
    known = list(_model_at(loc[:-1]).model_fields)
    close = get_close_matches(name, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of {', '.join(known)})"
    return f"unknown field '{name}'{hint}"


def validate_file(data: Any) -> FileModel:
    """The file as models; raises pydantic's ValidationError with every problem at once."""
    return FileModel.model_validate(data)
