"""The demo is seeded so that the newcomer has a prompt waiting, whatever the day and hour:
on Monday just after midnight UTC it is still Sunday for them, in New York."""

import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.sandbox import bot_wiring, demo
from tests.sandbox.simulated import TOKEN, Simulated, simulated_slack

MONDAY = datetime(2026, 11, 30, tzinfo=UTC)
INSTANTS = [
    MONDAY + timedelta(minutes=30),  # Sunday evening in New York, Monday in Tokyo
    *(MONDAY + timedelta(days=day, hours=12) for day in range(7)),
    MONDAY + timedelta(days=6, hours=23, minutes=30),  # Monday morning in Tokyo
]


def _seeded(simulated: Simulated, folder: Path) -> None:
    bot = bot_wiring.start_bot(
        f"sqlite:///{folder / 'demo.sqlite3'}",
        f"{simulated.origin}/api/",
        TOKEN,
        secrets.token_hex(32),
        simulated.clock,
        simulated.origin.removeprefix("http://"),
    )
    bot.pause()  # as the sandbox seeds: the scheduler waits until the demo is in place
    try:
        demo.seed(bot.services, bot.runtime.database, simulated.clock, simulated.origin + "/data")
    finally:
        bot.stop()


@pytest.mark.parametrize("now", INSTANTS, ids=lambda now: now.strftime("%a-%H%M"))
def test_the_newcomer_finds_a_prompt_waiting(now: datetime, tmp_path: Path) -> None:
    bot_wiring.migrate_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    with simulated_slack(now) as simulated:
        _seeded(simulated, tmp_path)
        workspace = simulated.workspace
        dm = workspace.dm_with(demo.NEWCOMER).id
        said = [str(m.blocks) for m in workspace.messages if m.channel == dm]
    assert any("Where do your key results stand" in text for text in said), now
