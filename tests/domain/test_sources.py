"""A source as written under a key result: each kind, its fields, `every`, and no secrets."""

from datetime import timedelta
from typing import Any

import pytest

from bot.domain.source_tables import CellRef
from bot.domain.sources import (
    CsvSource,
    HttpJsonSource,
    PrometheusSource,
    SourceKind,
    SourceSpecError,
    WebhookSource,
    format_every,
    parse_every,
    parse_source,
    source_mapping,
)

FANS = "https://fans.example.com/api/stats"


@pytest.mark.parametrize(
    ("text", "every"),
    [
        ("5m", timedelta(minutes=5)),
        ("15m", timedelta(minutes=15)),
        ("90m", timedelta(minutes=90)),
        ("1h", timedelta(hours=1)),
        (" 6H ", timedelta(hours=6)),
        ("1d", timedelta(days=1)),
        ("31d", timedelta(days=31)),
    ],
)
def test_every_reads_minutes_hours_and_days(text: str, every: timedelta) -> None:
    assert parse_every(text) == every


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("4m", "at least 5m"),
        ("1m", "at least 5m"),
        ("32d", "at most 31d"),
        ("30s", "must look like"),
        ("0h", "must look like"),
        ("1.5h", "must look like"),
        ("hourly", "must look like"),
        ("1w", "must look like"),
        ("", "must look like"),
    ],
)
def test_every_refuses_short_long_and_malformed_intervals(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_every(text)


@pytest.mark.parametrize("text", ["5m", "15m", "90m", "1h", "36h", "1d", "7d"])
def test_every_is_written_back_in_its_shortest_form(text: str) -> None:
    assert format_every(parse_every(text)) == text
    assert format_every(timedelta(minutes=120)) == "2h"


def test_an_http_json_source() -> None:
    spec = parse_source(
        {
            "kind": "http_json",
            "url": FANS,
            "path": "data.sessions.median",
            "every": "1h",
            "headers": {"Authorization": "Bearer ${FANS_API_TOKEN}", "Accept": "application/json"},
        }
    )

    assert spec == HttpJsonSource(
        FANS,
        "data.sessions.median",
        timedelta(hours=1),
        (("Authorization", "Bearer ${FANS_API_TOKEN}"), ("Accept", "application/json")),
    )
    assert spec.kind is SourceKind.HTTP_JSON


def test_a_prometheus_source_defaults_to_hourly() -> None:
    spec = parse_source({"kind": "prometheus", "url": "http://prom:9090", "query": "sum(up)"})

    assert spec == PrometheusSource("http://prom:9090", "sum(up)", timedelta(hours=1))


def test_csv_sources_by_cell_or_by_headers() -> None:
    by_cell = parse_source({"kind": "csv", "url": FANS, "cell": "b7", "every": "1d"})
    by_headers = parse_source({"kind": "csv", "url": FANS, "row": "Revenue", "column": 2026})
    by_column = parse_source({"kind": "csv", "url": FANS, "column": "Signups"})

    assert by_cell == CsvSource(FANS, cell=CellRef(1, 6), every=timedelta(days=1))
    assert by_headers == CsvSource(FANS, row="Revenue", column="2026")
    assert by_column == CsvSource(FANS, column="Signups")


def test_a_webhook_source_has_nothing_but_its_kind() -> None:
    assert parse_source({"kind": "webhook"}) == WebhookSource()
    with pytest.raises(SourceSpecError, match="url: is not a field of a webhook source"):
        parse_source({"kind": "webhook", "url": FANS})


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        ({}, "kind", "must be one of http_json, prometheus, csv, webhook"),
        ({"kind": "ftp"}, "kind", "must be one of"),
        ({"kind": "http_json", "path": "a"}, "url", "must be a non-empty text"),
        ({"kind": "http_json", "url": "ftp://x/y", "path": "a"}, "url", "http:// or https://"),
        ({"kind": "http_json", "url": "https://", "path": "a"}, "url", "http:// or https://"),
        ({"kind": "http_json", "url": "example.com/x", "path": "a"}, "url", "http://"),
        ({"kind": "http_json", "url": FANS}, "path", "must be a non-empty text"),
        ({"kind": "http_json", "url": FANS, "path": "  "}, "path", "non-empty text"),
        ({"kind": "http_json", "url": FANS, "path": True}, "path", "non-empty text"),
        ({"kind": "prometheus", "url": FANS}, "query", "must be a non-empty text"),
        ({"kind": "prometheus", "url": FANS, "query": "up", "every": "1m"}, "every", "5m"),
        ({"kind": "prometheus", "url": FANS, "query": "up", "every": 60}, "every", "look like"),
        ({"kind": "csv", "url": FANS}, "cell", "give a cell such as B7, or a row"),
        ({"kind": "csv", "url": FANS, "cell": "B7", "row": "x"}, "cell", "not both"),
        ({"kind": "csv", "url": FANS, "cell": "7B"}, "cell", "cell such as B7"),
        ({"kind": "csv", "url": FANS, "cell": "B7", "path": "x"}, "path", "not a field of a csv"),
        ({"kind": "http_json", "url": FANS, "path": "a", "query": "q"}, "query", "not a field"),
        ({"kind": "http_json", "url": FANS, "path": "a" * 1001}, "path", "at most 1000"),
    ],
)
def test_each_bad_field_is_named(data: dict[str, Any], field: str, problem: str) -> None:
    with pytest.raises(SourceSpecError, match=problem) as raised:
        parse_source(data)
    assert raised.value.field == field
    assert raised.value.message.startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("headers", "field", "problem"),
    [
        ("Bearer x", "headers", "must map"),
        ({f"X-{n}": "v" for n in range(21)}, "headers", "up to 20"),
        ({"Bad Name": "v"}, "headers.Bad Name", "not a valid header name"),
        ({"X-Team": ""}, "headers.X-Team", "one line of text"),
        ({"X-Team": "a\r\nX-Evil: 1"}, "headers.X-Team", "one line of text"),
        ({"X-Team": 7}, "headers.X-Team", "one line of text"),
        ({"X-Team": "${TEAM"}, "headers.X-Team", "not closed"),
    ],
)
def test_bad_headers_are_named(headers: object, field: str, problem: str) -> None:
    data = {"kind": "http_json", "url": FANS, "path": "a", "headers": headers}
    with pytest.raises(SourceSpecError, match=problem) as raised:
        parse_source(data)
    assert raised.value.field == field


@pytest.mark.parametrize(
    "name", ["Authorization", "Proxy-Authorization", "X-API-Key", "Cookie", "X-Auth-Token"]
)
def test_a_literal_secret_in_a_header_is_refused(name: str) -> None:
    data = {"kind": "http_json", "url": FANS, "path": "a", "headers": {name: "Bearer abc123"}}
    with pytest.raises(SourceSpecError, match="looks like a secret") as raised:
        parse_source(data)
    assert raised.value.field == f"headers.{name}"
    assert "abc123" not in raised.value.message

    data["headers"] = {name: "Bearer ${FANS_API_TOKEN}"}
    assert isinstance(parse_source(data), HttpJsonSource)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://user:hunter2@fans.example.com/x", False),
        ("https://user:${FANS_PASSWORD}@fans.example.com/x", True),
        ("https://fans.example.com/x?api_key=abc123&team=growth", False),
        ("https://fans.example.com/x?token=${FANS_TOKEN}&team=growth", True),
        ("https://fans.example.com/x?team=growth&week=3", True),
        ("https://${FANS_HOST}/x", True),
        ("https://fans.example.com/x?q=${OOPS", False),
    ],
)
def test_a_literal_secret_in_the_url_is_refused(url: str, allowed: bool) -> None:
    data = {"kind": "csv", "url": url, "cell": "A1"}
    if allowed:
        assert isinstance(parse_source(data), CsvSource)
        return
    with pytest.raises(SourceSpecError) as raised:
        parse_source(data)
    assert raised.value.field == "url"
    assert "hunter2" not in raised.value.message and "abc123" not in raised.value.message


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "webhook"},
        {"kind": "http_json", "url": FANS, "path": "data.median", "every": "15m"},
        {
            "kind": "prometheus",
            "url": "http://prom:9090",
            "query": 'sum(rate(http_requests_total{job="api"}[5m]))',
            "every": "1h",
            "headers": {"Authorization": "Bearer ${PROM_TOKEN}"},
        },
        {"kind": "csv", "url": FANS, "cell": "AB12", "every": "1d"},
        {"kind": "csv", "url": FANS, "row": "Revenue", "column": "Q4", "every": "6h"},
        {"kind": "csv", "url": FANS, "column": "Signups", "every": "5m"},
    ],
)
def test_a_source_is_written_back_as_it_was_read(data: dict[str, object]) -> None:
    spec = parse_source(data)
    assert source_mapping(spec) == data
    assert parse_source(source_mapping(spec)) == spec
