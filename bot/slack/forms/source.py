"""The edit modal's Data source section: the saved source in, a source out, or field errors."""

from dataclasses import dataclass
from typing import Any

from bot.domain.errors import FieldErrors
from bot.domain.sources import (
    CsvSource,
    HttpJsonSource,
    PrometheusSource,
    SourceKind,
    SourceSpec,
    SourceSpecError,
    WebhookSource,
    format_every,
)
from bot.services.source_specs import read_source
from bot.slack import payload
from bot.slack.ids import (
    EVERY_BLOCK,
    HEADERS_BLOCK,
    KIND_BLOCK,
    NO_SOURCE,
    PICK_BLOCK,
    URL_BLOCK,
    Prefill,
)

# Which input shows the problem read_source names (`headers.Authorization` → the headers box).
_FIELD_BLOCKS = {
    "kind": KIND_BLOCK,
    "url": URL_BLOCK,
    "path": PICK_BLOCK,
    "query": PICK_BLOCK,
    "cell": PICK_BLOCK,
    "row": PICK_BLOCK,
    "column": PICK_BLOCK,
    "every": EVERY_BLOCK,
    "headers": HEADERS_BLOCK,
}
_PICK_FIELDS = {SourceKind.HTTP_JSON: "path", SourceKind.PROMETHEUS: "query"}
_CSV_PICKS = ("row", "column")


@dataclass(frozen=True)
class SourceEdit:
    """The section as submitted: the source to keep, or None to remove it."""

    spec: SourceSpec | None


def shows_source(view: dict[str, Any]) -> bool:
    """Whether the submitted view carries the section (only those allowed are shown it)."""
    return KIND_BLOCK in payload.state_values(view)


def source_prefill(spec: SourceSpec | None) -> Prefill:
    """The saved source as the section's inputs show it."""
    if spec is None:
        return {KIND_BLOCK: NO_SOURCE}
    prefill: Prefill = {KIND_BLOCK: spec.kind.value}
    if isinstance(spec, WebhookSource):
        return prefill
    prefill[URL_BLOCK] = spec.url
    prefill[EVERY_BLOCK] = format_every(spec.every)
    prefill[PICK_BLOCK] = _pick_text(spec)
    if spec.headers:
        prefill[HEADERS_BLOCK] = "\n".join(f"{name}: {value}" for name, value in spec.headers)
    return prefill


def parse_source_section(prefill: Prefill) -> SourceEdit:
    """The source the section describes, checked whole; FieldErrors marks the field to fix."""
    kind = _text(prefill, KIND_BLOCK) or NO_SOURCE
    if kind == NO_SOURCE:
        return SourceEdit(None)
    data: dict[str, object] = {"kind": kind}
    if kind != SourceKind.WEBHOOK:
        data |= {"url": _text(prefill, URL_BLOCK), "headers": _headers(prefill)}
        data |= _picks(kind, _text(prefill, PICK_BLOCK))
        if every := _text(prefill, EVERY_BLOCK):
            data["every"] = every
    try:
        return SourceEdit(read_source(data))
    except SourceSpecError as error:
        block = _FIELD_BLOCKS.get(error.field.split(".")[0], URL_BLOCK)
        raise FieldErrors({block: _say(error)}) from None


def _pick_text(spec: HttpJsonSource | PrometheusSource | CsvSource) -> str:
    if isinstance(spec, HttpJsonSource):
        return spec.path
    if isinstance(spec, PrometheusSource):
        return spec.query
    if spec.cell is not None:
        return str(spec.cell)
    picks = (("row", spec.row), ("column", spec.column))
    return "\n".join(f"{name}: {value}" for name, value in picks if value)


def _picks(kind: str, text: str) -> dict[str, object]:
    """`path`, `query`, or for CSV a cell (`B7`) or `row: …` and/or `column: …` lines."""
    if kind in _PICK_FIELDS:
        return {_PICK_FIELDS[SourceKind(kind)]: text} if text else {}
    if kind != SourceKind.CSV or not text:
        return {}
    picks: dict[str, object] = {}
    for line in filter(None, (line.strip() for line in text.splitlines())):
        name, colon, value = line.partition(":")
        if colon and name.strip().lower() in _CSV_PICKS:
            picks[name.strip().lower()] = value.strip()
        else:
            picks["cell"] = line
    return picks


def _headers(prefill: Prefill) -> dict[str, str] | None:
    headers: dict[str, str] = {}
    for line in filter(None, (line.strip() for line in _text(prefill, HEADERS_BLOCK).splitlines())):
        name, colon, value = line.partition(":")
        if not colon:
            raise FieldErrors(
                {HEADERS_BLOCK: "Write each header as `Name: value` on its own line."}
            )
        headers[name.strip()] = value.strip()
    return headers or None


def _say(error: SourceSpecError) -> str:
    """read_source's problem in the form's words: the field it names, then what is wrong."""
    if error.problem.startswith("give"):
        return error.problem[:1].upper() + error.problem[1:] + "."
    return f"{error.field.split('.', 1)[-1]} {error.problem}."


def _text(prefill: Prefill, block_id: str) -> str:
    value = prefill.get(block_id)
    return value.strip() if isinstance(value, str) else ""
