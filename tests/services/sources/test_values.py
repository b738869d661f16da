"""Each source kind and each way of picking its number, read from a real local server."""

from collections.abc import Mapping

import pytest

from bot.domain.errors import DomainError
from bot.domain.source_tables import parse_cell
from bot.domain.sources import CsvSource, HttpJsonSource, PrometheusSource, PulledSource
from bot.services.sources.fetcher import SourceFetcher
from bot.services.sources.values import read_value
from tests.fakes.source_server import Reply, SourceServer, prometheus_vector

FANS = {
    "data": {"sessions": {"median": 2.4}},
    "teams": [{"name": "growth", "fans": 1200}, {"name": "core", "fans": 800}],
    "values": [3, 9, 4],
    "ratio": "47.5%",
    "flag": True,
    "label": "n/a",
    "nested": {"a": 1},
    "empty": None,
}
SHEET = 'Metric,W1,W2\nSignups,120,135\nRevenue,"1,200","1,350"\nNotes,n/a,\n'


def value(
    fetcher: SourceFetcher, spec: PulledSource, environ: Mapping[str, str] | None = None
) -> float | str:
    """The value the source gives, or the message of why it gives none."""
    with fetcher.client() as client:
        try:
            return read_value(fetcher, client, spec, environ or {})
        except DomainError as error:
            return error.message


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("data.sessions.median", 2.4),
        ("teams[0].fans", 1200.0),
        ("teams[?name=='core'].fans", 800.0),
        ("teams[?name=='core'] | [0].fans", 800.0),
        ("max(values)", 9.0),
        ("length(teams)", 2.0),
        ("sum(teams[*].fans)", 2000.0),
        ("ratio", 47.5),
        ("teams[*].fans", "the path 'teams[*].fans' found a list of 2 items: pick one, e.g. [0]"),
        ("data.visits", "the path 'data.visits' found nothing"),
        ("empty", "the path 'empty' found nothing"),
        ("flag", "the path 'flag' found true, not a number"),
        ("label", "the path 'label' found \"n/a\", not a number"),
        ("nested", "the path 'nested' found an object, not a number"),
        ("abs(label)", "the path 'abs(label)' could not be applied (In function abs(), invalid"),
    ],
)
def test_http_json_paths(
    server: SourceServer, fetcher: SourceFetcher, path: str, found: float | str
) -> None:
    url = server.json("/fans", FANS)

    got = value(fetcher, HttpJsonSource(url, path))

    assert got == found if isinstance(found, float) else str(got).startswith(found)
    assert server.requests[0].headers["Accept"] == "application/json"


def test_http_json_refuses_an_answer_that_is_not_json(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    url = server.serve("/html", Reply(body=b"<html>Sign in</html>"))
    deep = server.serve("/deep", Reply(body=b"[" * 100_000 + b"]" * 100_000))

    assert value(fetcher, HttpJsonSource(url, "a")) == "the answer is not valid JSON"
    assert value(fetcher, HttpJsonSource(deep, "a")) == "the answer is not valid JSON"


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        (prometheus_vector("47.5"), 47.5),
        ({"status": "success", "data": {"resultType": "scalar", "result": [1.0, "3"]}}, 3.0),
        (prometheus_vector(), "the query gave 0 series: make it give one, e.g. with sum(...)"),
        (prometheus_vector("1", "2"), "the query gave 2 series: make it give one"),
        (prometheus_vector("NaN"), "the query gave NaN, not a finite number"),
        (prometheus_vector("+Inf"), "the query gave +Inf, not a finite number"),
        (
            {"status": "success", "data": {"resultType": "matrix", "result": []}},
            "the query gave a matrix, not a scalar or a vector",
        ),
        (
            {"status": "error", "errorType": "bad_data", "error": "parse error at char 4"},
            "Prometheus refused the query (bad_data: parse error at char 4)",
        ),
        ({"status": "success"}, "the query gave a result, not a scalar or a vector"),
        (["not", "prometheus"], "the answer is not a Prometheus query result"),
        (prometheus_vector("many"), "the answer is not a Prometheus query result"),
    ],
)
def test_prometheus_instant_queries(
    server: SourceServer, fetcher: SourceFetcher, answer: object, found: float | str
) -> None:
    server.json("/prom/api/v1/query", answer)

    got = value(fetcher, PrometheusSource(server.url("/prom/"), 'sum(up{job="api"})'))

    assert got == found if isinstance(found, float) else str(got).startswith(found)
    [seen] = server.requests
    assert seen.path == "/prom/api/v1/query?query=sum%28up%7Bjob%3D%22api%22%7D%29"


@pytest.mark.parametrize(
    ("spec", "found"),
    [
        (CsvSource("", cell=parse_cell("C3")), 1350.0),
        (CsvSource("", cell=parse_cell("b2")), 120.0),
        (CsvSource("", row="revenue", column="W1"), 1200.0),
        (CsvSource("", column="W1"), 'the cell holds "n/a", not a number'),
        (CsvSource("", column="W2"), 1350.0),
        (CsvSource("", row="Signups"), 135.0),
        (CsvSource("", cell=parse_cell("B4")), 'B4 holds "n/a", not a number'),
        (CsvSource("", cell=parse_cell("C4")), "C4 is empty"),
        (CsvSource("", cell=parse_cell("B9")), "B9 is outside the table: it has 4 row(s)"),
        (CsvSource("", row="Costs", column="W1"), 'no row named "Costs" in the first column'),
        (CsvSource("", column="W3"), 'no column headed "W3" in the first row'),
    ],
)
def test_csv_cells_rows_and_columns(
    server: SourceServer, fetcher: SourceFetcher, spec: CsvSource, found: float | str
) -> None:
    url = server.text("/sheet.csv", SHEET)

    got = value(fetcher, CsvSource(url, spec.cell, spec.row, spec.column))

    assert got == found


def test_csv_in_european_form_with_a_byte_order_mark(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    url = server.text("/export.csv", "\ufeffWoche;Kündigungen\nW1;3,5%\nW2;1.234,5\n")

    assert value(fetcher, CsvSource(url, column="Kündigungen")) == 1234.5
    assert value(fetcher, CsvSource(url, row="W1", column="kündigungen")) == 3.5
    assert value(fetcher, CsvSource(url, column="Woche")) == 'the cell holds "W2", not a number'


def test_a_csv_with_an_unclosed_quote_is_unreadable(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    url = server.serve("/broken.csv", Reply(body=b'a,b\n1,"2\n'))

    assert value(fetcher, CsvSource(url, cell=parse_cell("A1"))) == (
        "the answer is not a readable CSV table"
    )


def test_a_csv_served_without_a_charset_is_read_as_utf8(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    url = server.serve("/plain", Reply(body="Métrique,Valeur\nA,7\n".encode()))

    assert value(fetcher, CsvSource(url, row="A", column="Valeur")) == 7.0


def test_a_csv_in_an_unknown_charset_is_read_as_utf8(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    headers = {"Content-Type": "text/csv; charset=klingon"}
    url = server.serve("/odd", Reply(body=b"Week,Fans\nW1,12\n", headers=headers))

    assert value(fetcher, CsvSource(url, cell=parse_cell("B2"))) == 12.0


def test_variables_fill_the_url_and_headers_at_fetch_time(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    url = server.json("/fans", FANS) + "?team=${TEAM}"
    spec = HttpJsonSource(url, "teams[0].fans", headers=(("Authorization", "Bearer ${TOKEN}"),))
    environ = {"TOKEN": "s3cret-value", "TEAM": "growth"}

    assert value(fetcher, spec, environ) == 1200.0

    [seen] = server.requests
    assert seen.path == "/fans?team=growth"
    assert seen.headers["Authorization"] == "Bearer s3cret-value"


def test_a_missing_variable_is_named_and_nothing_is_fetched(
    server: SourceServer, fetcher: SourceFetcher
) -> None:
    url = server.json("/fans", FANS)
    spec = HttpJsonSource(url, "teams[0].fans", headers=(("Authorization", "Bearer ${TOKEN}"),))

    got = value(fetcher, spec, {"OTHER": "x"})

    assert got == "the environment variable TOKEN is not set (or is empty)"
    assert server.requests == []


def test_errors_never_show_the_secret(server: SourceServer, fetcher: SourceFetcher) -> None:
    failing = server.serve("/fail", Reply(status=500, body=b"token s3cret-value rejected"))
    elsewhere = server.redirect("/away", server.url("/fans?key=s3cret-value", host="localhost"))
    environ = {"KEY": "s3cret-value"}

    for url in (failing, elsewhere):
        spec = HttpJsonSource(url + "?key=${KEY}", "a", headers=(("X-Key", "${KEY}"),))
        message = str(value(fetcher, spec, environ))
        assert message and "s3cret" not in message
