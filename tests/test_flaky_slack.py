"""Two real `okr-bot jobs run checkin-prompts` at once, against a Slack that fails now and then
(HTTP 500s, 429s, dropped connections): every owner is prompted exactly once, in that run."""

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import col, select

from bot.db.engine import Database
from bot.db.models import Member, Prompt
from tests.cli_process import OKR_BOT, clean_env, run_cli
from tests.fakes.flaky import Flaky
from tests.fakes.slack_api import DROP, FakeSlackApi
from tests.quarters import write_quarter

OWNERS = [f"U0OWNER{n:03d}" for n in range(1, 25)]


def _known_to_the_bot(url: str) -> None:
    """As after earlier weeks: profiles read and DM channels known, so only the prompts (not
    users.info or conversations.open at their slower rates) set the pace."""
    database = Database.from_url(url)
    try:
        with database.transaction() as session:
            for member in session.exec(select(Member).where(col(Member.slack_user_id).in_(OWNERS))):
                member.timezone, member.profile_fetched_at = "Europe/Berlin", datetime.now(UTC)
                member.dm_channel_id = "D" + member.slack_user_id
    finally:
        database.dispose()


def test_two_runs_at_once_against_a_flaky_slack_prompt_every_owner_exactly_once(
    tmp_path: Path, empty_database_url: str
) -> None:
    with FakeSlackApi() as fake:
        settings = {
            "DATABASE_URL": empty_database_url,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_API_URL": fake.base_url,
            "OKR_SLACK_MESSAGES_PER_MINUTE": "1000",
        }
        _import_the_quarter(tmp_path, settings)
        _known_to_the_bot(empty_database_url)
        flaky = Flaky(
            server_errors=0.10, rate_limits=0.15, drops=0.05, seed=45
        )  # its first draws hold every kind
        fake.misbehave("chat.postMessage", flaky)
        runs, outputs = _run_the_prompts_twice_at_once(tmp_path, settings)
        delivered = [c.body["channel"] for c in fake.calls_to("chat.postMessage") if c.ok]

    assert [run.returncode for run in runs] == [0, 0], outputs
    assert flaky.failed.get(500) and flaky.failed.get(429) and flaky.failed.get(DROP), flaky.failed
    assert sorted(delivered) == sorted("D" + owner for owner in OWNERS)  # each exactly once
    sent = [
        re.search(r"(\d+) prompt\(s\) sent, \d+ reminder\(s\), 0 failed", out) for out in outputs
    ]
    assert all(sent), outputs
    assert sum(int(found.group(1)) for found in sent if found) == len(OWNERS)
    _assert_every_prompt_is_sent(empty_database_url)


def _import_the_quarter(tmp_path: Path, settings: dict[str, str]) -> None:
    assert (
        run_cli(
            "import", str(write_quarter(tmp_path, OWNERS)), cwd=tmp_path, settings=settings
        ).code
        == 0
    )


def _run_the_prompts_twice_at_once(
    tmp_path: Path, settings: dict[str, str]
) -> tuple[list[subprocess.Popen[str]], list[str]]:
    """Both `okr-bot jobs run checkin-prompts` started before either ends; their outputs."""
    runs = [
        subprocess.Popen(  # noqa: S603 -- our own console script
            [OKR_BOT, "jobs", "run", "checkin-prompts"],
            cwd=tmp_path,
            env=clean_env(**settings),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(2)
    ]
    return runs, [run.communicate(timeout=120)[0] for run in runs]


def _assert_every_prompt_is_sent(url: str) -> None:
    database = Database.from_url(url)
    try:
        with database.transaction() as session:
            assert set(session.exec(select(Prompt.status)).all()) == {"sent"}
    finally:
        database.dispose()
