"""The weekly prompt fan-out: due times per zone, idempotence, failures, snoozes, skips."""

from datetime import UTC, date, datetime

from bot.db.engine import Database
from bot.db.members import find_member
from bot.services.checkins.prompts import PromptPolicy, PromptService
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.service import CheckinPolicy, CheckinService, SnoozeFor
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, BOB, seed_quarter
from tests.services.recording_notifier import RecordingNotifier

# Monday 2026-11-16 (ISO week 2026-W47), 08:30 UTC = 09:30 in Berlin.
MONDAY_0830_UTC = datetime(2026, 11, 16, 8, 30, tzinfo=UTC)


def _service(database: Database, clock: FrozenClock, notifier: RecordingNotifier) -> PromptService:
    return PromptService(database, notifier, clock, PromptPolicy())


def test_a_prompt_goes_out_once_the_members_local_prompt_time_comes(database: Database) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier(timezones={ALICE: "Europe/Berlin", BOB: "Asia/Kolkata"})
    prompts = _service(database, clock, notifier)

    # 09:30 in Berlin (not yet due), 14:00 in Kolkata (due).
    assert prompts.send_due_prompts().sent == [BOB]
    clock.set(datetime(2026, 11, 16, 9, 0, tzinfo=UTC))
    assert prompts.send_due_prompts().sent == [ALICE]
    assert notifier.recipients() == [BOB, ALICE]


def test_the_prompt_lists_the_members_key_results_for_the_period(database: Database) -> None:
    seed_quarter(database)
    notifier = RecordingNotifier()
    _service(database, FrozenClock(MONDAY_0830_UTC), notifier).send_due_prompts(force=True)

    cards = {card.slack_user_id: (channel, card) for channel, card in notifier.prompts}
    channel, card = cards[ALICE]
    assert channel == "D" + ALICE
    assert card.period == "2026-W47"
    assert [kr.title for kr in card.key_results] == [
        "Median monthly 20+ minute sessions per fan",
        "Monthly churn of sports subscribers",
        "Live scores available in the app",
    ]


def test_sending_is_idempotent_per_member_and_period(database: Database) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier()
    first = _service(database, clock, notifier)
    second = _service(database, clock, notifier)  # another process on the same database

    assert sorted(first.send_due_prompts(force=True).sent) == [ALICE, BOB]
    assert second.send_due_prompts(force=True).sent == []
    clock.advance(hours=5)
    assert first.send_due_prompts().sent == []
    assert len(notifier.prompts) == 2


def test_next_week_brings_a_new_prompt(database: Database) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier()
    prompts = _service(database, clock, notifier)
    prompts.send_due_prompts(force=True)
    clock.advance(days=7, hours=2)
    assert sorted(prompts.send_due_prompts().sent) == [ALICE, BOB]
    assert [card.period for _, card in notifier.prompts[-2:]] == ["2026-W48", "2026-W48"]


def test_a_failed_dm_is_recorded_and_does_not_stop_the_others(database: Database) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier(failing={ALICE: "channel_not_found"})
    prompts = _service(database, clock, notifier)

    report = prompts.send_due_prompts(force=True)
    assert report.sent == [BOB]
    assert report.failed == {ALICE: "channel_not_found"}

    # Retried on a later tick once the backoff has passed, and sent once only.
    del notifier.failing[ALICE]
    assert prompts.send_due_prompts().sent == []
    clock.advance(minutes=11)
    assert prompts.send_due_prompts().sent == [ALICE]
    assert prompts.send_due_prompts(force=True).sent == []


def test_an_operators_run_sends_a_failed_prompt_again_at_once(database: Database) -> None:
    seed_quarter(database)
    notifier = RecordingNotifier(failing={ALICE: "channel_not_found"})
    prompts = _service(database, FrozenClock(MONDAY_0830_UTC), notifier)
    assert prompts.send_due_prompts(force=True).failed == {ALICE: "channel_not_found"}
    del notifier.failing[ALICE]

    assert prompts.send_due_prompts(force=True).sent == [ALICE]  # no backoff for `jobs run`
    assert prompts.send_due_prompts(force=True).sent == []
    assert notifier.recipients() == [BOB, ALICE]


def test_deactivated_members_are_skipped(database: Database) -> None:
    seed_quarter(database)
    notifier = RecordingNotifier(deactivated={BOB})
    prompts = _service(database, FrozenClock(MONDAY_0830_UTC), notifier)
    report = prompts.send_due_prompts(force=True)
    assert report.sent == [ALICE]
    assert report.skipped == [BOB]


def test_members_away_are_not_prompted_until_they_are_back(database: Database) -> None:
    seed_quarter(database)
    with database.transaction() as session:
        bob = find_member(session, BOB)
        assert bob is not None
        bob.away_until = date(2026, 11, 20)
    clock = FrozenClock(MONDAY_0830_UTC)
    prompts = _service(database, clock, RecordingNotifier())
    assert prompts.send_due_prompts(force=True).sent == [ALICE]
    clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    assert sorted(prompts.send_due_prompts().sent) == [ALICE, BOB]


def test_the_profile_is_cached_for_a_week(database: Database) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier()
    prompts = _service(database, clock, notifier)
    prompts.send_due_prompts(force=True)
    clock.advance(days=1)
    prompts.send_due_prompts()
    assert sorted(notifier.profile_lookups) == [ALICE, BOB]


def test_a_member_who_already_checked_in_is_not_prompted(database: Database) -> None:
    seeded = seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier()
    CheckinService(database, clock, CheckinPolicy()).save_checkin(
        BOB,
        "2026-W47",
        [CheckinAnswer(seeded.bob_kr, 1200, 7)],
    )
    assert _service(database, clock, notifier).send_due_prompts(force=True).sent == [ALICE]


def test_a_snoozed_prompt_comes_back_two_hours_later(database: Database) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier()
    prompts = _service(database, clock, notifier)
    prompts.send_due_prompts(force=True)
    CheckinService(database, clock, CheckinPolicy()).snooze(ALICE, "2026-W47", SnoozeFor.TWO_HOURS)

    clock.advance(hours=1, minutes=59)
    assert prompts.send_due_prompts().sent == []
    clock.advance(minutes=1)
    assert prompts.send_due_prompts().sent == [ALICE]
    assert prompts.send_due_prompts().sent == []


def test_week_old_profiles_are_left_to_the_weekly_walk(database: Database) -> None:
    """One by one only for someone new: the walk of Slack's member list refreshes the rest
    (tests/services/test_profiles.py)."""
    seed_quarter(database)
    clock = FrozenClock(MONDAY_0830_UTC)
    notifier = RecordingNotifier()
    prompts = _service(database, clock, notifier)
    prompts.send_due_prompts(force=True)
    clock.advance(days=7)
    lookups_before = len(notifier.profile_lookups)

    assert sorted(prompts.send_due_prompts(force=True).sent) == [ALICE, BOB]
    assert len(notifier.profile_lookups) == lookups_before
