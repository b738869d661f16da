"""Two real `okr-bot` processes on one PostgreSQL database send each prompt exactly once."""

import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli_process import OKR_BOT, clean_env, run_cli
from tests.databases import postgres_unavailable_reason, throwaway_postgres_database
from tests.fakes.slack_api import FakeSlackApi

EXAMPLE = Path(__file__).parents[1] / "examples" / "okrs-2026-Q4.yaml"


def _example_around_today(directory: Path) -> Path:
    """The example file with its cycle moved to span today, so its KRs are active."""
    today = datetime.now(UTC).date()
    cycle = f"start: {today - timedelta(days=30)}, end: {today + timedelta(days=60)}"
    text = re.sub(
        r"start: [\d-]+, end: [\d-]+", cycle, EXAMPLE.read_text(encoding="utf-8"), count=1
    )
    path = directory / "okrs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.postgres
def test_two_processes_at_the_same_moment_send_each_prompt_once(tmp_path: Path) -> None:
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with throwaway_postgres_database() as url, FakeSlackApi() as fake:
        plain_url = url.replace("postgresql+psycopg://", "postgresql://")
        settings = {
            "DATABASE_URL": plain_url,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_API_URL": fake.base_url,
        }
        path = _example_around_today(tmp_path)
        assert run_cli("import", str(path), cwd=tmp_path, settings=settings).code == 0
        command = [OKR_BOT, "jobs", "run", "checkin-prompts"]
        runs = [
            subprocess.Popen(  # noqa: S603 -- our own console script
                command, cwd=tmp_path, env=clean_env(**settings), stdout=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=60)[0] for run in runs]
        channels = [call.body["channel"] for call in fake.calls_to("chat.postMessage")]

    assert [run.returncode for run in runs] == [0, 0]
    assert channels, "somebody must have been prompted"
    assert len(channels) == len(set(channels)), f"a prompt went out twice: {sorted(channels)}"
    counts = [re.search(r"(\d+) prompt\(s\) sent", out) for out in outputs]
    assert sum(int(found.group(1)) for found in counts if found) == len(channels)
