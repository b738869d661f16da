"""Where a key result's value comes from: the source kinds, their fields and their checks."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import ClassVar
from urllib.parse import parse_qsl, urlsplit

from bot.domain.errors import DomainError
from bot.domain.source_tables import CellRef, parse_cell
from bot.domain.source_variables import has_variables

MIN_EVERY = timedelta(minutes=5)
MAX_EVERY = timedelta(days=31)
DEFAULT_EVERY = timedelta(hours=1)
MAX_URL = 2000
MAX_TEXT = 1000
MAX_HEADERS = 20
EVERY_FORMAT = "must look like 5m, 15m, 1h or 1d (minutes, hours or days)"
_EVERY = re.compile(r"([1-9][0-9]{0,5})\s*([mhd])")
_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")
# Words in a header or query parameter name that mark its value as a credential.
_SECRET_WORDS = ("auth", "token", "key", "secret", "password", "cookie", "session", "signature")

Headers = tuple[tuple[str, str], ...]


class SourceKind(StrEnum):
    HTTP_JSON = "http_json"
    PROMETHEUS = "prometheus"
    CSV = "csv"
    WEBHOOK = "webhook"


class SourceSpecError(DomainError):
    """One field of a source is wrong; `field` names it, the message says how to fix it."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class HttpJsonSource:
    """A JSON document fetched from `url`; `path` is a JMESPath expression picking the number."""

    url: str
    path: str
    every: timedelta = DEFAULT_EVERY
    headers: Headers = ()
    kind: ClassVar[SourceKind] = SourceKind.HTTP_JSON


@dataclass(frozen=True)
class PrometheusSource:
    """An instant PromQL query against the server at `url` (its base, without /api/v1/query)."""

    url: str
    query: str
    every: timedelta = DEFAULT_EVERY
    headers: Headers = ()
    kind: ClassVar[SourceKind] = SourceKind.PROMETHEUS


@dataclass(frozen=True)
class CsvSource:
    """A CSV table at `url`: one `cell`, or a `row` and/or `column` found by header text."""

    url: str
    cell: CellRef | None = None
    row: str | None = None
    column: str | None = None
    every: timedelta = DEFAULT_EVERY
    headers: Headers = ()
    kind: ClassVar[SourceKind] = SourceKind.CSV


@dataclass(frozen=True)
class WebhookSource:
    """Values are pushed to the bot with a token; nothing is fetched."""

    kind: ClassVar[SourceKind] = SourceKind.WEBHOOK


PulledSource = HttpJsonSource | PrometheusSource | CsvSource
SourceSpec = PulledSource | WebhookSource

_FIELDS: dict[SourceKind, frozenset[str]] = {
    SourceKind.HTTP_JSON: frozenset({"kind", "url", "path", "every", "headers"}),
    SourceKind.PROMETHEUS: frozenset({"kind", "url", "query", "every", "headers"}),
    SourceKind.CSV: frozenset({"kind", "url", "cell", "row", "column", "every", "headers"}),
    SourceKind.WEBHOOK: frozenset({"kind"}),
}


def parse_every(text: str) -> timedelta:
    """`5m`, `15m`, `1h`, `1d` → a timedelta from 5 minutes to 31 days; ValueError otherwise."""
    found = _EVERY.fullmatch(text.strip().lower())
    if found is None:
        raise ValueError(EVERY_FORMAT)
    every = int(found.group(1)) * _UNITS[found.group(2)]
    if every < MIN_EVERY:
        raise ValueError("must be at least 5m: sources are not fetched more often")
    if every > MAX_EVERY:
        raise ValueError("must be at most 31d")
    return every


def format_every(every: timedelta) -> str:
    """The shortest text `parse_every` reads back as `every`: 1d, 6h, 90m."""
    for unit, size in _UNITS.items():
        if every % size == timedelta(0):
            return f"{every // size}{unit}"
    raise ValueError(f"{every} is not a whole number of minutes")


def parse_source(data: Mapping[str, object]) -> SourceSpec:
    """A source as written under a key result; SourceSpecError names the first bad field."""
    kind = _kind(data.get("kind"))
    unknown = sorted(set(data) - _FIELDS[kind])
    if unknown:
        known = ", ".join(sorted(_FIELDS[kind]))
        raise SourceSpecError(unknown[0], f"is not a field of a {kind} source (fields: {known})")
    if kind is SourceKind.WEBHOOK:
        return WebhookSource()
    url, every, headers = _url(data), _every(data.get("every")), _headers(data.get("headers"))
    if kind is SourceKind.HTTP_JSON:
        return HttpJsonSource(url, _text(data, "path"), every, headers)
    if kind is SourceKind.PROMETHEUS:
        return PrometheusSource(url, _text(data, "query"), every, headers)
    return _csv(data, url, every, headers)


def source_mapping(spec: SourceSpec) -> dict[str, object]:
    """The source as the import file writes it (the inverse of `parse_source`)."""
    if isinstance(spec, WebhookSource):
        return {"kind": spec.kind.value}
    mapping: dict[str, object] = {"kind": spec.kind.value, "url": spec.url}
    if isinstance(spec, HttpJsonSource):
        mapping["path"] = spec.path
    elif isinstance(spec, PrometheusSource):
        mapping["query"] = spec.query
    else:
        picks = {"cell": spec.cell and str(spec.cell), "row": spec.row, "column": spec.column}
        mapping.update((name, value) for name, value in picks.items() if value is not None)
    mapping["every"] = format_every(spec.every)
    if spec.headers:
        mapping["headers"] = dict(spec.headers)
    return mapping


def _kind(value: object) -> SourceKind:
    try:
        return SourceKind(str(value))
    except ValueError:
        kinds = ", ".join(kind.value for kind in SourceKind)
        raise SourceSpecError("kind", f"must be one of {kinds}") from None


def _text(data: Mapping[str, object], field: str, *, required: bool = True) -> str:
    value = data.get(field)
    if value is None and not required:
        return ""
    # A header of a year (`column: 2026`) reads as a number in YAML: it is still a label.
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise SourceSpecError(field, "must be a non-empty text")
    text = str(value).strip()
    if not text or len(text) > MAX_TEXT:
        raise SourceSpecError(field, f"must be a non-empty text of at most {MAX_TEXT} characters")
    return text


def _every(value: object) -> timedelta:
    if value is None:
        return DEFAULT_EVERY
    if not isinstance(value, str):
        raise SourceSpecError("every", EVERY_FORMAT)
    try:
        return parse_every(value)
    except ValueError as error:
        raise SourceSpecError("every", str(error)) from None


def _url(data: Mapping[str, object]) -> str:
    url = _text(data, "url")
    _check_references("url", url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > MAX_URL:
        raise SourceSpecError("url", "must be an http:// or https:// address")
    if parts.password and not has_variables(parts.password):
        raise SourceSpecError("url", "holds a password: write it as ${NAME} instead")
    for name, value in parse_qsl(parts.query):
        if _looks_secret(name) and value and not has_variables(value):
            raise SourceSpecError("url", f"parameter {name} looks like a secret: write ${{NAME}}")
    return url


def _headers(value: object) -> Headers:
    if value is None:
        return ()
    if not isinstance(value, Mapping) or len(value) > MAX_HEADERS:
        raise SourceSpecError("headers", f"must map up to {MAX_HEADERS} header names to values")
    headers: list[tuple[str, str]] = []
    for name, text in value.items():
        field = f"headers.{name}"
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            raise SourceSpecError(field, "is not a valid header name")
        if not isinstance(text, str) or not text or "\r" in text or "\n" in text:
            raise SourceSpecError(field, "must be one line of text")
        _check_references(field, text)
        if _looks_secret(name) and not has_variables(text):
            raise SourceSpecError(
                field, "looks like a secret: keep it in the environment and write ${NAME}"
            )
        headers.append((name, text))
    return tuple(headers)


def _csv(data: Mapping[str, object], url: str, every: timedelta, headers: Headers) -> CsvSource:
    cell_text = _text(data, "cell", required=False)
    row = _text(data, "row", required=False) or None
    column = _text(data, "column", required=False) or None
    if cell_text and (row or column):
        raise SourceSpecError("cell", "give either a cell or a row/column, not both")
    if not cell_text and not (row or column):
        raise SourceSpecError("cell", "give a cell such as B7, or a row and/or column header")
    try:
        cell = parse_cell(cell_text) if cell_text else None
    except ValueError as error:
        raise SourceSpecError("cell", str(error)) from None
    return CsvSource(url, cell, row, column, every, headers)


def _check_references(field: str, text: str) -> None:
    try:
        has_variables(text)
    except ValueError as error:
        raise SourceSpecError(field, str(error)) from None


def _looks_secret(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_WORDS)
