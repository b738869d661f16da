"""Two real `okr-bot run` processes on PostgreSQL: one runs the scheduled jobs; when it is
killed, the other takes over within a minute, and everyone is prompted once."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli_process import RunningBot, free_port, run_cli, start_run
from tests.databases import throwaway_postgres_database
from tests.fakes.slack_api import Call, FakeSlackApi

NOW_RUNS = "this replica now runs the scheduled jobs"
STOPPED = "this replica stopped running the scheduled jobs"
TAKE_OVER_DEADLINE = 60.0  # the promise to operators; with one-second ticks it takes about one
PROMPTED_DEADLINE = 30.0
FIRST_TEAM = ("U0FIRST001", "U0FIRST002")
SECOND_TEAM = ("U0SECOND01", "U0SECOND02")


def _team(name: str, owners: tuple[str, ...]) -> str:
    # Asked at 00:00 UTC today: whoever gets a key result later today is asked at once.
    weekday = datetime.now(UTC).strftime("%a").lower()
    krs = "".join(
        f"\n          - {{title: {o} ships, owner: {o}, type: milestone}}" for o in owners
    )
    return f"""
  - name: {name}
    channel: C0{name.upper():0<8}
    leads: [U0LEAD0001]
    cadence: {{kind: weekly, day: {weekday}, at: "00:00"}}
    objectives:
      - title: {name} delivers
        owner: U0LEAD0001
        key_results:{krs}"""


def _okr_file(directory: Path, *teams: str) -> Path:
    today = datetime.now(UTC).date()
    cycle = f"{{name: Now, start: {today - timedelta(days=30)}, end: {today + timedelta(days=60)}}}"
    path = directory / "okrs.yaml"
    path.write_text(f"cycle: {cycle}\nteams:{''.join(teams)}\n", encoding="utf-8")
    return path


def _replica(directory: Path, settings: dict[str, str], token: str) -> RunningBot:
    directory.mkdir()
    own = {"SLACK_BOT_TOKEN": token, "SLACK_SIGNING_SECRET": "replica-secret"}
    own |= {"PORT": str(free_port()), "OKR_HTTP_HOST": "127.0.0.1", "OKR_HTTP_THREADS": "4"}
    return start_run(directory, settings | own)


def _tokens(calls: list[Call]) -> set[str | None]:
    return {call.token for call in calls if call.method != "auth.test"}


@pytest.mark.postgres
def test_one_process_runs_the_jobs_and_another_takes_over_when_it_is_killed(
    tmp_path: Path,
) -> None:
    with throwaway_postgres_database() as url, FakeSlackApi() as fake:
        for user in FIRST_TEAM + SECOND_TEAM:
            fake.set_user(user, tz="UTC")
        settings = {
            "DATABASE_URL": url.replace("postgresql+psycopg://", "postgresql://"),
            "SLACK_API_URL": fake.base_url,
            "OKR_TICK_SECONDS": "1",
            "OKR_WORKING_HOURS": "00:00-23:59",
            "OKR_WORKING_DAYS": "Mon-Sun",
        }
        replicas = [_replica(tmp_path / name, settings, f"xoxb-{name}") for name in ("one", "two")]
        try:
            _run_and_hand_over(tmp_path, settings, replicas, fake)
        finally:
            for replica in replicas:
                if replica.process.poll() is None:
                    replica.process.kill()
                    replica.process.wait()


def _run_and_hand_over(
    directory: Path, settings: dict[str, str], replicas: list[RunningBot], fake: FakeSlackApi
) -> None:
    leader, follower = sorted(replicas, key=lambda replica: NOW_RUNS not in replica.output())
    leader.wait_for_output(NOW_RUNS, TAKE_OVER_DEADLINE)
    first = _okr_file(directory, _team("First", FIRST_TEAM))
    assert run_cli("import", str(first), cwd=directory, settings=settings).code == 0
    fake.wait_for("chat.postMessage", len(FIRST_TEAM), PROMPTED_DEADLINE)
    assert _tokens(fake.calls) == {f"xoxb-{leader.directory.name}"}, "only the leader works"
    assert NOW_RUNS not in follower.output()

    leader.process.kill()
    leader.process.wait()
    follower.wait_for_output(NOW_RUNS, TAKE_OVER_DEADLINE)
    handed_over = len(fake.calls)
    both = _okr_file(directory, _team("First", FIRST_TEAM), _team("Second", SECOND_TEAM))
    assert run_cli("import", str(both), cwd=directory, settings=settings).code == 0
    prompts = fake.wait_for("chat.postMessage", len(FIRST_TEAM + SECOND_TEAM), PROMPTED_DEADLINE)
    assert _tokens(fake.calls[handed_over:]) == {f"xoxb-{follower.directory.name}"}

    assert follower.stop() == 0
    assert STOPPED in follower.output()
    channels = Counter(call.channel for call in prompts)
    assert channels == Counter("D" + user for user in FIRST_TEAM + SECOND_TEAM)
