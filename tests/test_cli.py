"""The `okr-bot` command as a new user meets it: settings errors, db, import/export and jobs."""

import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import create_engine, inspect, pool

from bot.db.models import metadata
from bot.domain.cadence import current_period
from tests.cli_process import CliResult, run_cli
from tests.databases import postgres_unavailable_reason, throwaway_postgres_database
from tests.fakes.slack_api import FakeSlackApi

EXAMPLE = Path(__file__).parents[1] / "examples" / "okrs-2026-Q4.yaml"
COMMANDS = ("run", "db", "import", "export", "jobs")
# Valid Slack settings, so only the setting under test is wrong; port 9 refuses at once.
SLACK = {"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": "test-signing-secret"}
SLACK["SLACK_API_URL"] = "http://127.0.0.1:9/api/"
BAD_SETTINGS = ["PORT=abc", "PORT=70000", "OKR_DEFAULT_TIMEZONE=Mars/Base", "DATABASE_URL=x"]
BAD_SETTINGS += ["DATABASE_URL=mysql://x", "SLACK_BOT_TOKEN=nope-s3cret", "SLACK_APP_TOKEN=nope-s3"]
BAD_SETTINGS += ["OKR_HTTP_HOST=http://0.0.0.0", "OKR_HTTP_HOST=no such host", "OKR_HTTP_HOST="]
BAD_SETTINGS += ["OKR_TICK_SECONDS=0", "OKR_TICK_SECONDS=61"]
README_HINT = 'README section "Create the Slack app"'
BAD_FILE = """\
cycle: {name: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
teams:
  - {name: Ops, channel: C0OPS00001, leads: [U0OPS00001]}
  - name: Growth
    channel: C0GROWTH01
    leads: [U0LEAD0001]
    objectives:
      - title: Become the best platform for sports fans to watch their game
        colour: blue
        key_results:
          - {title: Viewing sessions per fan, owner: U0ALICE001, target: lots}
          - title: No owner here
"""


def test_help_lists_the_commands_as_script_and_as_python_module(tmp_path: Path) -> None:
    script = run_cli("--help", cwd=tmp_path)
    module = run_cli("--help", cwd=tmp_path, program=(sys.executable, "-m", "bot"))

    for result in (script, module):
        assert result.code == 0, result
        for command in COMMANDS:
            assert re.search(rf"^\s+{command}\s", result.out, re.MULTILINE), result.out


@pytest.mark.parametrize(
    ("settings", "missing"),
    [({}, "SLACK_BOT_TOKEN"), ({"SLACK_BOT_TOKEN": "xoxb-test-token"}, "SLACK_SIGNING_SECRET")],
    ids=["nothing-set", "http-mode-without-secret"],
)
def test_run_without_slack_settings_names_the_missing_one_and_the_readme(
    tmp_path: Path, settings: dict[str, str], missing: str
) -> None:
    result = run_cli("run", cwd=tmp_path, settings=settings)

    result.assert_one_line_failure(missing, README_HINT)
    assert list(tmp_path.iterdir()) == []  # stopped before creating a database


@pytest.mark.parametrize("setting", BAD_SETTINGS)
def test_a_bad_setting_stops_the_start_with_one_line_naming_it(
    tmp_path: Path, setting: str
) -> None:
    name, value = setting.split("=", 1)
    result = run_cli("run", cwd=tmp_path, settings=SLACK | {name: value}, timeout=30)

    result.assert_one_line_failure(name)
    if "TOKEN" in name:
        assert value not in result.err + result.out  # a leaked token is a leaked token


def test_a_dotenv_file_in_the_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv\n", encoding="utf-8")

    result = run_cli("run", cwd=tmp_path)

    # Past the token check, so the token came from .env; next the secret is missing.
    result.assert_one_line_failure("SLACK_SIGNING_SECRET")


def _tables(url: str) -> set[str]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(URL as a user writes it, URL for SQLAlchemy in this process) of an empty database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/schema.sqlite3"
        yield url, url
        return
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with throwaway_postgres_database() as url:
        yield url.replace("postgresql+psycopg://", "postgresql://", 1), url


def test_db_commands_create_report_check_and_drop_the_schema(
    tmp_path: Path, fresh_database: tuple[str, str]
) -> None:
    user_url, engine_url = fresh_database
    settings = {"DATABASE_URL": user_url}

    upgraded = run_cli("db", "upgrade", cwd=tmp_path, settings=settings)
    assert upgraded.code == 0, upgraded
    assert set(metadata.tables) | {"alembic_version"} <= _tables(engine_url)
    revision = run_cli("db", "current", cwd=tmp_path, settings=settings)
    assert revision.code == 0, revision
    assert revision.out.strip() and "base" not in revision.out
    assert revision.out.strip() in upgraded.out
    checked = run_cli("db", "check", cwd=tmp_path, settings=settings)
    assert checked.code == 0, checked

    downgraded = run_cli("db", "downgrade", "base", cwd=tmp_path, settings=settings)
    assert downgraded.code == 0, downgraded
    assert not set(metadata.tables) & _tables(engine_url)
    after = run_cli("db", "current", cwd=tmp_path, settings=settings)
    assert after.code == 0 and "base" in after.out, after


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CliResult]:
    """A directory whose default database (okr-bot.sqlite3) holds the example; first import."""
    directory = tmp_path_factory.mktemp("imported")
    return directory, run_cli("import", str(EXAMPLE), cwd=directory)


def _no_changes(summary: str) -> bool:
    counts = re.findall(r"(\d+) (?:created|updated)\b", summary)
    return bool(counts) and all(count == "0" for count in counts)


def test_import_loads_the_example_and_prints_a_summary(imported: tuple[Path, CliResult]) -> None:
    directory, first = imported

    assert first.code == 0, first
    assert "2026-Q4 created; teams 2 created" in first.out, first.out
    assert "objectives 3 created" in first.out and "key results 6 created" in first.out
    assert (directory / "okr-bot.sqlite3").is_file()


def test_importing_the_same_file_again_changes_nothing(imported: tuple[Path, CliResult]) -> None:
    directory, _ = imported

    again = run_cli("import", str(EXAMPLE), cwd=directory)

    assert again.code == 0, again
    assert "2026-Q4 unchanged" in again.out and _no_changes(again.out), again.out


def test_a_bad_file_lists_each_problem_with_line_and_field_and_writes_nothing(
    imported: tuple[Path, CliResult],
) -> None:
    directory, _ = imported
    before = run_cli("export", cwd=directory)
    (directory / "bad.yaml").write_text(BAD_FILE, encoding="utf-8")

    result = run_cli("import", "bad.yaml", cwd=directory)

    assert result.code != 0 and "Traceback" not in result.err, result
    for line, field in [
        (9, "teams[1].objectives[0].colour"),
        (11, "teams[1].objectives[0].key_results[0].target"),
        (12, "teams[1].objectives[0].key_results[1].owner"),
    ]:
        where = re.compile(rf"\b{line}\b.*{re.escape(field)}")  # "line 9, f" or "bad.yaml:9: f"
        assert any(where.search(text) for text in result.err_lines), (
            f"no problem reported at line {line} for {field}:\n{result.err}"
        )
    after = run_cli("export", cwd=directory)
    assert before.code == 0 and after.out == before.out  # the valid Ops team was not written
    assert "Ops" not in after.out


def test_export_prints_the_cycle_and_it_re_imports_as_a_no_op(
    imported: tuple[Path, CliResult],
) -> None:
    directory, _ = imported

    exported = run_cli("export", cwd=directory)
    assert exported.code == 0, exported
    assert yaml.safe_load(exported.out)["cycle"]["name"] == "2026-Q4"
    assert "p95 time to first frame of a live stream" in exported.out
    (directory / "exported.yaml").write_text(exported.out, encoding="utf-8")
    again = run_cli("import", "exported.yaml", cwd=directory)

    assert again.code == 0, again
    assert "2026-Q4 unchanged" in again.out and _no_changes(again.out), again.out


@pytest.mark.parametrize("kind", ["missing", "directory", "not-utf8"])
def test_an_unreadable_file_gives_one_line_naming_it(tmp_path: Path, kind: str) -> None:
    name = f"{kind}.yaml"
    if kind == "directory":
        (tmp_path / name).mkdir()
    elif kind == "not-utf8":
        (tmp_path / name).write_bytes(b"\xff\xfecycle: {}\n")

    result = run_cli("import", name, cwd=tmp_path)

    result.assert_one_line_failure(name)
    assert not (tmp_path / "okr-bot.sqlite3").exists(), "a file that cannot be read creates nothing"


def test_jobs_list_names_checkin_prompts(tmp_path: Path) -> None:
    result = run_cli("jobs", "list", cwd=tmp_path)

    assert result.code == 0, result
    assert re.search(r"^checkin-prompts\s", result.out, re.MULTILINE), result.out


def test_running_an_unknown_job_fails_with_one_line_listing_the_jobs(tmp_path: Path) -> None:
    result = run_cli("jobs", "run", "nope", cwd=tmp_path)

    result.assert_one_line_failure("nope", "checkin-prompts")


def test_checkin_prompts_job_sends_one_dm_per_kr_owner_once(tmp_path: Path) -> None:
    # The example's cycle, moved around today: prompts go only to owners of active KRs.
    today = datetime.now(UTC).date()
    cycle = f"start: {today - timedelta(days=30)}, end: {today + timedelta(days=60)}"
    original = EXAMPLE.read_text(encoding="utf-8")
    text, moved = re.subn(r"start: [\d-]+, end: [\d-]+", cycle, original, count=1)
    (tmp_path / "okrs.yaml").write_text(text, encoding="utf-8")
    example = yaml.safe_load(text)
    assert moved == 1 and example["cycle"]["end"] > today
    objectives = [objective for team in example["teams"] for objective in team["objectives"]]
    owners = {kr["owner"] for objective in objectives for kr in objective["key_results"]}
    assert run_cli("import", "okrs.yaml", cwd=tmp_path).code == 0
    berlin = ZoneInfo("Europe/Berlin")  # the fake's users live in Berlin
    with FakeSlackApi() as fake:
        settings = {"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_API_URL": fake.base_url}
        periods = {current_period(datetime.now(UTC), berlin)}
        first = run_cli("jobs", "run", "checkin-prompts", cwd=tmp_path, settings=settings)
        periods.add(current_period(datetime.now(UTC), berlin))
        posts = fake.calls_to("chat.postMessage")
        second = run_cli("jobs", "run", "checkin-prompts", cwd=tmp_path, settings=settings)
        posts_after_second_run = fake.calls_to("chat.postMessage")

    assert first.code == 0, first
    assert f"{len(owners)} prompt(s) sent" in first.out
    assert sorted(post.channel for post in posts) == sorted(f"D{o}" for o in owners)
    for post in posts:
        headers = [block for block in post.body["blocks"] if block["type"] == "header"]
        assert len(headers) == 1, post.body["blocks"]
        assert any(period in headers[0]["text"]["text"] for period in periods), headers
    assert {post.token for post in posts} == {"xoxb-test-token"}
    assert second.code == 0, second
    assert "0 prompt(s) sent" in second.out
    assert posts_after_second_run == posts


def test_an_app_token_selects_socket_mode_and_a_refusal_is_one_clear_line(tmp_path: Path) -> None:
    with FakeSlackApi() as fake:
        settings = {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_APP_TOKEN": "xapp-test-token",
            "SLACK_API_URL": fake.base_url,
        }
        result = run_cli("run", cwd=tmp_path, settings=settings)
        opened = fake.calls_to("apps.connections.open")

    assert [call.token for call in opened][:1] == ["xapp-test-token"]
    assert result.code != 0
    assert "Traceback" not in result.err
    last = result.err_lines[-1]
    assert last == "okr-bot: Socket Mode could not connect with SLACK_APP_TOKEN: unknown_method."
