"""`okr-bot sources test|token KR-n` and `okr-bot jobs run sources`, as an operator runs them."""

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import CheckIn, KRSource
from tests.cli_process import CliResult, run_cli
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.source_server import Reply, SourceServer

SLACK = {"SLACK_BOT_TOKEN": "xoxb-test-token"}


def _quarter(directory: Path, url: str) -> None:
    today = datetime.now(UTC).date()
    (directory / "okrs.yaml").write_text(
        f"cycle: {{name: Now, start: {today - timedelta(days=30)}, "
        f"end: {today + timedelta(days=60)}}}\n"
        "teams:\n"
        "  - name: Growth\n"
        "    channel: C0GROWTH01\n"
        "    leads: [U0LEAD0001]\n"
        "    objectives:\n"
        "      - title: Fans love the game\n"
        "        key_results:\n"
        "          - title: Fans\n"
        "            owner: U0ALICE001\n"
        "            target: 100\n"
        f"            source: {{kind: http_json, url: '{url}', path: fans.count}}\n"
        "          - title: Pushed\n"
        "            owner: U0ALICE001\n"
        "            target: 100\n"
        "            source: {kind: webhook}\n",
        encoding="utf-8",
    )


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as served:
        yield served


@pytest.fixture
def quarter(tmp_path: Path, server: SourceServer) -> Path:
    _quarter(tmp_path, server.json("/fans", {"fans": {"count": 47.5}}))
    assert run_cli("import", "okrs.yaml", cwd=tmp_path).code == 0
    return tmp_path


def _rows(directory: Path) -> tuple[list[KRSource], list[CheckIn]]:
    database = Database.from_url(f"sqlite:///{directory / 'okr-bot.sqlite3'}")
    try:
        with database.read() as session:
            sources = list(session.exec(select(KRSource)).all())
            return sources, list(session.exec(select(CheckIn)).all())
    finally:
        database.dispose()


def test_sources_test_prints_the_value_and_saves_nothing(quarter: Path) -> None:
    before = [row.model_dump() for row in _rows(quarter)[0]]

    result = run_cli("sources", "test", "KR-1", cwd=quarter)

    assert (result.code, result.out, result.err) == (0, "KR-1: 47.5\n", "")
    assert [row.model_dump() for row in _rows(quarter)[0]] == before


def test_sources_test_prints_the_error_in_one_line(quarter: Path, server: SourceServer) -> None:
    server.serve("/fans", Reply(status=503, body=b"down"))

    result = run_cli("sources", "test", "kr-1", cwd=quarter)

    assert result.code == 1 and result.out == ""
    result.assert_one_line_failure("KR-1", "HTTP 503")


@pytest.mark.parametrize(
    ("ref", "words"),
    [("KR-99", "KR-99 has no data source"), ("O-1", "not a key result"), ("KR-2", "pushed to")],
)
def test_sources_test_of_what_cannot_be_fetched(quarter: Path, ref: str, words: str) -> None:
    run_cli("sources", "test", ref, cwd=quarter).assert_one_line_failure(words)


def test_sources_token_prints_a_new_token_once_and_stores_its_hash(quarter: Path) -> None:
    first = run_cli("sources", "token", "KR-2", cwd=quarter)
    second = run_cli("sources", "token", "KR-2", cwd=quarter)

    assert first.code == 0 and second.code == 0
    token = first.out.strip()
    assert token.startswith("okr_kr_") and len(first.out.splitlines()) == 1
    assert second.out.strip() != token
    assert "shown only now" in first.err and "/hooks/kr/KR-2" in first.err
    webhook = next(row for row in _rows(quarter)[0] if row.kind == "webhook")
    assert webhook.token_hash == hashlib.sha256(second.out.strip().encode()).hexdigest()
    assert token not in str(_rows(quarter))


def test_a_token_for_a_key_result_without_a_webhook_is_refused(quarter: Path) -> None:
    run_cli("sources", "token", "KR-1", cwd=quarter).assert_one_line_failure("no webhook source")


def test_jobs_run_sources_fetches_every_source_now(quarter: Path, server: SourceServer) -> None:
    with FakeSlackApi() as fake:
        settings = SLACK | {"SLACK_API_URL": fake.base_url}
        result: CliResult = run_cli("jobs", "run", "sources", cwd=quarter, settings=settings)
        again = run_cli("jobs", "run", "sources", cwd=quarter, settings=settings)

    assert result.code == 0, result
    assert result.out.strip() == "1 source(s) fetched, 0 failed; 0 owner(s) told"
    assert again.code == 0 and server.paths() == ["/fans", "/fans"]
    fetched = next(row for row in _rows(quarter)[0] if row.kind == "http_json")
    assert fetched.last_value == 47.5


def test_a_secret_in_the_url_is_sent_but_never_printed_or_logged(
    tmp_path: Path, server: SourceServer
) -> None:
    url = server.json("/fans", {"fans": {"count": 3}}) + "?api_key=${FANS_KEY}"
    _quarter(tmp_path, url)
    assert run_cli("import", "okrs.yaml", cwd=tmp_path).code == 0
    secret = {"FANS_KEY": "s3cret-in-the-url"}

    missing = run_cli("sources", "test", "KR-1", cwd=tmp_path)
    result = run_cli("--debug", "sources", "test", "KR-1", cwd=tmp_path, settings=secret)

    missing.assert_one_line_failure("FANS_KEY is not set")
    assert result.code == 0 and result.out == "KR-1: 3\n"
    assert "s3cret" not in result.out + result.err
    assert server.paths() == ["/fans?api_key=s3cret-in-the-url"]
