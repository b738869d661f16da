"""`source:` under a key result in the import file: read, checked, stored as written, exported."""

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import KRSource
from bot.domain.sources import HttpJsonSource
from bot.services.okr_file.export_yaml import OkrExporter
from bot.services.okr_file.importing import OkrImporter
from bot.services.okr_file.parse import FileProblem, parse_okr_file
from tests.services.okr_file.texts import BASE, problems

KR = "teams[0].objectives[0].key_results[0]"

SOURCES = """\
            source:
              kind: http_json
              url: https://fans.example/stats?team=${TEAM_ID}
              path: data.fans[0].count
              every: 15m
              headers: {Authorization: "Bearer ${FANS_API_TOKEN}", Accept: application/json}
          - title: Stalls
            owner: U0ALICE001
            start: 5
            target: 10
            source: {kind: prometheus, url: "http://prom.example:9090", query: "sum(up)", every: 5m}
          - title: Signups
            owner: U0ALICE001
            start: 5
            target: 10
            source: {kind: csv, url: "https://sheets.example/pub.csv", row: Signups, column: "2026"}
          - title: Cell
            owner: U0ALICE001
            start: 5
            target: 10
            source: {kind: csv, url: "https://sheets.example/pub.csv", cell: b7, every: 1d}
          - title: Pushed
            owner: U0ALICE001
            start: 5
            target: 10
            source: {kind: webhook}
"""


def stored(database: Database) -> dict[str, tuple[object, ...]]:
    with database.read() as session:
        rows = session.exec(select(KRSource)).all()
        return {
            row.kind + (row.cell or row.row_label or ""): (row.url, row.headers, row.every_seconds)
            for row in rows
        }


def test_every_kind_is_read_and_references_are_kept_as_written() -> None:
    plan = parse_okr_file(BASE + SOURCES)

    sources = [kr.source for kr in plan.teams[0].objectives[0].key_results]
    assert [source.kind.value for source in sources if source] == [
        "http_json",
        "prometheus",
        "csv",
        "csv",
        "webhook",
    ]
    first = sources[0]
    assert isinstance(first, HttpJsonSource)
    assert dict(first.headers)["Authorization"] == "Bearer ${FANS_API_TOKEN}"


@pytest.mark.parametrize(
    ("source", "field", "words"),
    [
        ("{kind: http_json, url: 'https://a.example', path: a, every: 1m}", "every", "at least 5m"),
        ("{kind: ftp, url: 'ftp://a.example'}", "kind", "must be one of"),
        ("{kind: csv, url: 'https://a.example', cell: B7, row: X}", "cell", "either a cell"),
        ("{kind: http_json, url: 'https://a.example', path: 'a[', every: 1h}", "path", ""),
        ("{kind: webhook, url: 'https://a.example'}", "url", "not a field"),
        ("{kind: prometheus, url: 'https://a.example/?api_key=abc', query: up}", "url", "secret"),
        ("{kind: http_json, url: 'https://a.example/${BAD NAME}', path: a}", "url", "${BAD NAME}"),
        ("[http_json]", "", "must be a mapping"),
    ],
)
def test_a_bad_source_names_its_line_and_field(source: str, field: str, words: str) -> None:
    text = BASE + f"            source: {source}\n"

    found = problems(text)

    blamed = f"{KR}.source" + (f".{field}" if field else "")
    assert [(p.line, p.field) for p in found] == [(19, blamed)]
    assert words in found[0].message


def test_a_literal_secret_in_a_header_is_refused_on_the_header_s_own_line() -> None:
    text = BASE + (
        "            source:\n"
        "              kind: http_json\n"
        "              url: https://a.example\n"
        "              path: a\n"
        "              headers:\n"
        "                X-Api-Key: abc123\n"
    )

    assert problems(text) == [
        FileProblem(
            24,
            f"{KR}.source.headers.X-Api-Key",
            "looks like a secret: keep it in the environment and write ${NAME}",
        )
    ]


def test_import_stores_sources_and_export_writes_them_back_without_values(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FANS_API_TOKEN", "s3cret-value")
    importer = OkrImporter(database)
    importer.import_text(BASE + SOURCES)

    rows = stored(database)
    assert rows["http_json"] == (
        "https://fans.example/stats?team=${TEAM_ID}",
        '{"Authorization": "Bearer ${FANS_API_TOKEN}", "Accept": "application/json"}',
        900,
    )
    assert rows["webhook"] == (None, None, None)
    exported = OkrExporter(database).export_text()
    assert "s3cret-value" not in exported
    assert "Bearer ${FANS_API_TOKEN}" in exported
    assert parse_okr_file(exported) == parse_okr_file(BASE + SOURCES)

    again = importer.import_text(exported)
    assert not again.changed, "the same sources imported again change nothing"


def test_a_source_left_out_of_the_file_is_removed(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(BASE + SOURCES)

    summary = importer.import_text(
        BASE + SOURCES.replace("            source: {kind: webhook}\n", "")
    )

    assert "webhook" not in stored(database)
    assert summary.key_results.updated == 1
