"""A quarter imported after the week's prompt and digest times, then `okr-bot run` started and
`okr-bot jobs run` used, as the README describes: nobody is recorded missed, no stale digest is
posted at start, and the jobs send what has not gone out."""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import Digest, Member, Prompt
from tests.cli_process import free_port, run_cli, start_run
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_files import Body
from tests.quarters import CHANNEL, write_quarter

OWNERS = ["U0ALICE001", "U0BOB00001", "U0CAROL001"]
START_UP_DEADLINE = 15.0  # seconds for the first tick: readiness, not a speed target


def _zone_at_midday() -> str:
    """A zone where it is now about noon: working hours hold whenever the test runs."""
    offset = 12 - datetime.now(UTC).hour  # -11 … +12 hours, all of them real zones
    return "UTC" if offset == 0 else f"Etc/GMT{-offset:+d}"  # Etc/GMT-3 is UTC+3


def _quarter(directory: Path, tz: str) -> Path:
    """Asked and digested on Monday at midnight: whatever today is, both times have passed
    this week before the import."""
    return write_quarter(
        directory,
        OWNERS,
        f"timezone: {tz}",
        'cadence: {kind: weekly, day: mon, at: "00:00"}',
        'digest: {day: mon, at: "00:00"}',
    )


def _start_then_stop(directory: Path, settings: dict[str, str], fake: FakeSlackApi) -> None:
    """`okr-bot run` in HTTP mode until its first tick has tried every owner, then SIGTERM
    (which waits for the tick to finish)."""
    own = {"PORT": str(free_port()), "SLACK_SIGNING_SECRET": "catch-up-secret"}
    bot = start_run(directory, settings | own)
    try:
        fake.wait_for("chat.postMessage", count=len(OWNERS), timeout=START_UP_DEADLINE)
    finally:
        code = bot.stop()
    assert code == 0, bot.output()


def _statuses(url: str) -> tuple[dict[str, str], list[str]]:
    database = Database.from_url(url)
    try:
        with database.transaction() as session:
            prompts = session.exec(select(Member.slack_user_id, Prompt.status).join(Prompt)).all()
            digests = session.exec(select(Digest.status)).all()
            return dict(prompts), list(digests)
    finally:
        database.dispose()


def test_import_then_start_then_jobs_asks_everyone_once_and_posts_no_stale_digest(
    tmp_path: Path, empty_database_url: str
) -> None:
    zone = _zone_at_midday()
    with FakeSlackApi() as fake:
        for owner in OWNERS:
            fake.set_user(owner, tz=zone)
        # Carol's first prompt fails: the start records it, `jobs run` sends it again.
        fake.fail("chat.postMessage", "channel_not_found", when=_to("U0CAROL001"), times=1)
        settings = {
            "DATABASE_URL": empty_database_url,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_API_URL": fake.base_url,
            "OKR_WORKING_DAYS": "Mon-Sun",
        }
        path = _quarter(tmp_path, zone)
        assert run_cli("import", str(path), cwd=tmp_path, settings=settings).code == 0

        _start_then_stop(tmp_path, settings, fake)
        at_start = _statuses(empty_database_url)
        jobs = [
            run_cli("jobs", "run", name, cwd=tmp_path, settings=settings).out.strip()
            for name in ("checkin-prompts", "digests")
        ]
        posts = [c.channel for c in fake.calls_to("chat.postMessage") if c.ok]

    assert at_start == (
        {"U0ALICE001": "sent", "U0BOB00001": "sent", "U0CAROL001": "failed"},
        ["skipped"],  # this week's digest fell due before the key results were there
    )
    assert jobs[0].startswith("1 prompt(s) sent, 0 reminder(s), 0 failed"), jobs
    assert jobs[1].startswith("1 digest(s) posted, 0 failed"), jobs
    assert sorted(posts) == sorted([CHANNEL, *("D" + owner for owner in OWNERS)])


def _to(owner: str) -> Callable[[Body], bool]:
    return lambda body: body.get("channel") in (owner, "D" + owner)
