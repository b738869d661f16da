"""Stored workspace defaults, and a team's own settings over them, are what the bot uses."""

from datetime import UTC, datetime, time

from bot.db.engine import Database
from bot.db.models import Team
from bot.db.workspace import editable_workspace_settings
from bot.domain.progress import ConfidenceBands, Status
from bot.services.checkins.home import HomeService
from bot.services.checkins.prompts import PromptPolicy, PromptService
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.digests.service import DigestPolicy, DigestService
from bot.services.members import CalendarDefaults
from bot.services.reading import ReadContext
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, BOB, LEAD, Seeded, seed_quarter
from tests.services.recording_notifier import RecordingNotifier

MONDAY_0900_UTC = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # 10:00 in Berlin, 2026-W47


def _workspace(database: Database, **values: object) -> None:
    with database.transaction() as session:
        row = editable_workspace_settings(session)
        for name, value in values.items():
            setattr(row, name, value)


def _team(database: Database, **values: object) -> None:
    with database.transaction() as session:
        team = session.get_one(Team, 1)
        for name, value in values.items():
            setattr(team, name, value)


def _prompts(database: Database, clock: FrozenClock) -> tuple[PromptService, RecordingNotifier]:
    notifier = RecordingNotifier(timezones={ALICE: "Europe/Berlin", BOB: "Europe/Berlin"})
    return PromptService(database, notifier, clock, PromptPolicy()), notifier


def _reminded(service: PromptService) -> list[str]:
    return sorted(service.send_due_reminders().reminded)


def test_the_workspace_prompt_day_and_time_are_used(database: Database) -> None:
    seed_quarter(database)
    _workspace(database, prompt_weekday=2, prompt_at=time(14, 30))  # Wednesday 14:30
    clock = FrozenClock(MONDAY_0900_UTC)
    service, _ = _prompts(database, clock)
    assert service.send_due_prompts().sent == []
    clock.set(datetime(2026, 11, 18, 13, 30, tzinfo=UTC))  # 14:30 in Berlin
    assert sorted(service.send_due_prompts().sent) == [ALICE, BOB]


def test_a_team_cadence_wins_over_the_workspace_default(database: Database) -> None:
    seed_quarter(database)
    _workspace(database, prompt_weekday=2)
    _team(database, prompt_weekday=0)
    service, _ = _prompts(database, FrozenClock(MONDAY_0900_UTC))
    assert sorted(service.send_due_prompts().sent) == [ALICE, BOB]


def test_the_workspace_reminder_delay_is_used_and_zero_turns_it_off(database: Database) -> None:
    seed_quarter(database)
    _workspace(database, reminder_after_hours=4)
    clock = FrozenClock(MONDAY_0900_UTC)
    service, _ = _prompts(database, clock)
    service.send_due_prompts()
    clock.set(datetime(2026, 11, 16, 12, 59, tzinfo=UTC))
    assert _reminded(service) == []
    clock.set(datetime(2026, 11, 16, 13, 0, tzinfo=UTC))
    assert _reminded(service) == [ALICE, BOB]


def test_a_team_without_reminders_overrides_the_workspace(database: Database) -> None:
    seed_quarter(database)
    _workspace(database, reminder_after_hours=4)
    _team(database, reminder_after_hours=0)
    clock = FrozenClock(MONDAY_0900_UTC)
    service, _ = _prompts(database, clock)
    service.send_due_prompts()
    clock.set(datetime(2026, 11, 18, 12, 0, tzinfo=UTC))  # two days on, working hours
    assert _reminded(service) == []


def _digest_status(database: Database) -> Status:
    service = DigestService(
        database, RecordingNotifier(), FrozenClock(MONDAY_0900_UTC), DigestPolicy("UTC")
    )
    return service.preview(LEAD).digest.key_results[0].status


def _check_in_at_confidence_four(database: Database, seeded: Seeded) -> None:
    CheckinService(database, FrozenClock(MONDAY_0900_UTC), CheckinPolicy()).save_checkin(
        ALICE, "2026-W47", [CheckinAnswer(seeded.sessions_kr, 2.5, 4)]
    )


def test_workspace_bands_then_team_bands_decide_the_status(database: Database) -> None:
    seeded = seed_quarter(database)
    _check_in_at_confidence_four(database, seeded)
    assert _digest_status(database) is Status.AT_RISK  # built-in: 4–6 is yellow
    _workspace(database, band_red_max=4, band_yellow_max=7)
    assert _digest_status(database) is Status.OFF_TRACK
    home = HomeService(
        ReadContext(database, FrozenClock(MONDAY_0900_UTC), CalendarDefaults(), ConfidenceBands())
    )
    assert home.home_for(ALICE).key_results[0].status is Status.OFF_TRACK
    _team(database, band_red_max=2, band_yellow_max=3)
    assert _digest_status(database) is Status.ON_TRACK
    assert home.home_for(ALICE).key_results[0].status is Status.ON_TRACK


def test_the_workspace_digest_day_and_time_are_used(database: Database) -> None:
    seed_quarter(database)
    _workspace(database, digest_weekday=0, digest_at=time(9, 0))  # Monday 09:00 UTC
    clock = FrozenClock(datetime(2026, 11, 16, 8, 59, tzinfo=UTC))
    service = DigestService(database, RecordingNotifier(), clock, DigestPolicy("UTC"))
    assert service.post_due().posted == []
    clock.set(MONDAY_0900_UTC)
    assert service.post_due().posted == ["Growth → C0GROWTH01"]
