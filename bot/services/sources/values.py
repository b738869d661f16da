"""A pulled source's request, and the number in its answer: by JMESPath, Prometheus or CSV cell."""

import csv
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx
import jmespath
from jmespath.exceptions import JMESPathError

from bot.domain.source_tables import (
    SourceValueError,
    guess_delimiter,
    parse_number,
    pick_by_headers,
    pick_cell,
    shown,
)
from bot.domain.source_variables import expand
from bot.domain.sources import CsvSource, HttpJsonSource, PrometheusSource, PulledSource
from bot.services.sources.fetcher import Answer, SourceFetcher

PROMETHEUS_QUERY = "/api/v1/query"
_ACCEPT = {
    HttpJsonSource: "application/json",
    PrometheusSource: "application/json",
    CsvSource: "text/csv, text/plain;q=0.9, */*;q=0.1",
}


@dataclass(frozen=True)
class SourceRequest:
    """What to GET, with `${NAME}` filled in: never logged, stored or shown."""

    url: str
    headers: dict[str, str]
    params: dict[str, str] = field(default_factory=dict)


def source_request(spec: PulledSource, environ: Mapping[str, str]) -> SourceRequest:
    """The request for `spec`; MissingVariable names the first `${NAME}` the environment lacks."""
    url = expand(spec.url, environ)
    headers = {name: expand(value, environ) for name, value in spec.headers}
    if not any(name.lower() == "accept" for name in headers):
        headers["Accept"] = _ACCEPT[type(spec)]
    if isinstance(spec, PrometheusSource):
        return SourceRequest(url.rstrip("/") + PROMETHEUS_QUERY, headers, {"query": spec.query})
    return SourceRequest(url, headers)


def read_value(
    fetcher: SourceFetcher, client: httpx.Client, spec: PulledSource, environ: Mapping[str, str]
) -> float:
    """Fetch `spec` now and pick its number; a DomainError says why there is none."""
    request = source_request(spec, environ)
    answer = fetcher.get(client, request.url, request.headers, request.params or None)
    return value_in(spec, answer)


def value_in(spec: PulledSource, answer: Answer) -> float:
    if isinstance(spec, HttpJsonSource):
        return json_value(_json(answer.body), spec.path)
    if isinstance(spec, PrometheusSource):
        return prometheus_value(_json(answer.body))
    return csv_value(_text(answer), spec)


def _text(answer: Answer) -> str:
    try:
        return answer.body.decode(answer.charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know: numbers read the same in UTF-8
        return answer.body.decode("utf-8", errors="replace")


def _json(body: bytes) -> object:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise SourceValueError("the answer is not valid JSON") from None


def json_value(document: object, path: str) -> float:
    try:
        found = jmespath.search(path, document)
    except JMESPathError as error:
        # The text before ": " says what went wrong; after it jmespath quotes the data itself.
        problem = shown_error(str(error).split(": ")[0]) or "a JMESPath error"
        raise SourceValueError(f"the path {path!r} could not be applied ({problem})") from None
    # A filter such as `items[?name=='fans'].count` gives a list; one item is what was meant.
    if isinstance(found, list) and len(found) == 1:
        found = found[0]
    return _number(found, f"the path {path!r}")


def _number(found: object, where: str) -> float:
    if found is None:
        raise SourceValueError(f"{where} found nothing")
    if isinstance(found, bool):
        raise SourceValueError(f"{where} found {str(found).lower()}, not a number")
    if isinstance(found, int | float):
        if not math.isfinite(found):
            raise SourceValueError(f"{where} found {found}, not a finite number")
        return float(found)
    if isinstance(found, str):
        try:
            return parse_number(found)
        except ValueError:
            raise SourceValueError(f'{where} found "{shown(found)}", not a number') from None
    if isinstance(found, list):
        raise SourceValueError(f"{where} found a list of {len(found)} items: pick one, e.g. [0]")
    raise SourceValueError(f"{where} found an object, not a number")


def prometheus_value(document: object) -> float:
    """The number of an instant query's answer: a scalar, or a vector of exactly one series."""
    if not isinstance(document, dict):
        raise SourceValueError("the answer is not a Prometheus query result")
    if document.get("status") != "success":
        detail = f"{document.get('errorType', 'error')}: {document.get('error', '')}"
        raise SourceValueError(f"Prometheus refused the query ({shown_error(detail)})")
    data = document.get("data")
    kind = data.get("resultType") if isinstance(data, dict) else None
    result = data.get("result") if isinstance(data, dict) else None
    if kind == "scalar" and isinstance(result, list):
        return _sample(result)
    if kind != "vector" or not isinstance(result, list):
        raise SourceValueError(f"the query gave a {kind or 'result'}, not a scalar or a vector")
    if len(result) != 1:
        raise SourceValueError(
            f"the query gave {len(result)} series: make it give one, e.g. with sum(...)"
        )
    series = result[0]
    return _sample(series.get("value") if isinstance(series, dict) else None)


def _sample(pair: object) -> float:
    # Prometheus writes a sample as [unix time, "value"], the value a string ("NaN", "+Inf" too).
    if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
        raise SourceValueError("the answer is not a Prometheus query result")
    try:
        value = float(pair[1])
    except ValueError:
        raise SourceValueError("the answer is not a Prometheus query result") from None
    if not math.isfinite(value):
        raise SourceValueError(f"the query gave {pair[1]}, not a finite number")
    return value


def csv_value(text: str, spec: CsvSource) -> float:
    text = text.lstrip("\ufeff")  # the byte order mark spreadsheet exports start with
    delimiter = guess_delimiter(text.split("\n", 1)[0])
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error:
        raise SourceValueError("the answer is not a readable CSV table") from None
    if spec.cell is not None:
        found, where = pick_cell(rows, spec.cell), str(spec.cell)
    else:
        found, where = pick_by_headers(rows, spec.row, spec.column), "the cell"
    try:
        return parse_number(found)
    except ValueError:
        raise SourceValueError(f'{where} holds "{shown(found)}", not a number') from None


def shown_error(text: str) -> str:
    return " ".join(text.split())[:120]
