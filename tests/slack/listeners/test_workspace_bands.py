"""Confidence bands stored for the workspace rule /okr list, the export and retro triggers."""

from datetime import UTC, datetime

from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import Retro, WorkspaceSettings
from bot.scheduling.jobs import find_job
from bot.services.checkins.results import CheckinAnswer
from tests.seed import ALICE, Seeded
from tests.slack.harness import SlackHarness

W46 = datetime(2026, 11, 9, 12, tzinfo=UTC)
W47 = datetime(2026, 11, 16, 12, tzinfo=UTC)


def test_a_confidence_of_5_is_off_track_when_the_workspace_says_so(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    with database.transaction() as session:
        session.add(WorkspaceSettings(id=1, band_red_max=5, band_yellow_max=7))
    for now, period in ((W46, "2026-W46"), (W47, "2026-W47")):
        slack.clock.set(now)
        answer = CheckinAnswer(seeded.sessions_kr, 2.5, 5)
        slack.services.checkins.save_checkin(ALICE, period, [answer])

    listed = str(slack.answer("list", ALICE)["blocks"])
    assert "🔴 Off track" in listed

    job = find_job("retros")
    assert job is not None
    job.tick(slack.services)
    with database.transaction() as session:
        triggers = {retro.trigger_key for retro in session.exec(select(Retro)).all()}
    assert "offtrack:2026-W47" in triggers
