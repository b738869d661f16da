"""A frozen clock walks a team through two weeks: prompt, reminder, snooze, away, missed."""

from datetime import UTC, date, datetime, time

from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.models import Prompt, Team
from bot.db.prompts import find_prompt
from bot.domain.prompting import PromptStatus
from bot.services.checkins.away import AwayService
from bot.services.checkins.prompts import PromptPolicy, PromptService
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.service import CheckinPolicy, CheckinService, SnoozeFor
from bot.services.members import CalendarDefaults
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, BOB, Seeded, seed_quarter
from tests.services.recording_notifier import RecordingNotifier

BERLIN_MONDAY_10 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # 2026-W47


class World:
    def __init__(self, database: Database, start: datetime = BERLIN_MONDAY_10) -> None:
        self.database = database
        self.seeded: Seeded = seed_quarter(database)
        self.clock = FrozenClock(start)
        # Alice lives in Berlin; Bob in Berlin too unless a test moves him.
        self.notifier = RecordingNotifier(timezones={ALICE: "Europe/Berlin", BOB: "Europe/Berlin"})
        self.prompts = PromptService(database, self.notifier, self.clock, PromptPolicy())
        self.checkins = CheckinService(database, self.clock, CheckinPolicy())
        self.away = AwayService(database, self.clock, CalendarDefaults())

    def tick(self) -> list[tuple[str, str, bool]]:
        """Run the scheduler's work now; returns (user, period, reminder) of each DM sent."""
        before = len(self.notifier.prompts)
        self.prompts.send_due_prompts()
        self.prompts.send_due_reminders()
        return [
            (card.slack_user_id, card.period, card.reminder)
            for _, card in self.notifier.prompts[before:]
        ]

    def status(self, user: str, period: str) -> PromptStatus | None:
        with self.database.transaction() as session:
            member = find_member(session, user)
            assert member is not None and member.id is not None
            prompt = find_prompt(session, member.id, period)
            return None if prompt is None else PromptStatus(prompt.status)


def test_two_weeks_of_prompts_reminders_edits_snoozes_away_back_and_missed(
    database: Database,
) -> None:
    world = World(database)
    _week_47_prompts_and_bobs_one_reminder(world)
    _alice_edits_her_answer(world)
    _sunday_midnight_ends_week_47(world)
    _week_48_alice_snoozes_and_bob_is_away_and_back(world)
    _alices_snooze_ends_and_then_her_reminder(world)
    _a_late_answer_counts_for_its_own_week(world)


def _week_47_prompts_and_bobs_one_reminder(world: World) -> None:
    assert sorted(world.tick()) == [(ALICE, "2026-W47", False), (BOB, "2026-W47", False)]
    assert world.tick() == []

    # Alice answers on Tuesday; Bob does not.
    world.clock.set(datetime(2026, 11, 17, 8, 0, tzinfo=UTC))
    world.checkins.save_checkin(
        ALICE, "2026-W47", [CheckinAnswer(world.seeded.sessions_kr, 2.2, 7)]
    )
    # 24 hours after the prompt: one reminder, to Bob only, and only once.
    world.clock.set(datetime(2026, 11, 17, 9, 0, tzinfo=UTC))
    assert world.tick() == [(BOB, "2026-W47", True)]
    assert world.status(BOB, "2026-W47") is PromptStatus.REMINDED
    world.clock.advance(hours=3)
    assert world.tick() == []


def _alice_edits_her_answer(world: World) -> None:
    # Alice edits her answer on Wednesday: the week's check-in changes, the first is kept.
    world.clock.set(datetime(2026, 11, 18, 10, 0, tzinfo=UTC))
    world.checkins.save_checkin(
        ALICE, "2026-W47", [CheckinAnswer(world.seeded.sessions_kr, 2.4, 8, "corrected")]
    )
    [latest] = world.checkins.history(world.seeded.sessions_kr).entries
    assert (latest.value, latest.confidence, latest.note, latest.edits) == (2.4, 8, "corrected", 1)


def _sunday_midnight_ends_week_47(world: World) -> None:
    # Sunday midnight in Berlin ends the week: Bob's prompt is missed, Alice's answered.
    world.clock.set(datetime(2026, 11, 22, 23, 0, tzinfo=UTC))
    assert world.tick() == []
    assert world.status(BOB, "2026-W47") is PromptStatus.MISSED
    assert world.status(ALICE, "2026-W47") is PromptStatus.ANSWERED


def _week_48_alice_snoozes_and_bob_is_away_and_back(world: World) -> None:
    # Week 48: Bob is away until Wednesday; Alice snoozes until tomorrow morning.
    world.clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    world.away.go_away(BOB, date(2026, 11, 25))
    world.clock.set(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    assert world.tick() == [(ALICE, "2026-W48", False)]
    world.checkins.snooze(ALICE, "2026-W48", SnoozeFor.TOMORROW_MORNING)

    # Bob is back early, on Monday afternoon: his prompt, a few hours late, goes out at once.
    world.clock.set(datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
    world.away.come_back(BOB)
    assert world.tick() == [(BOB, "2026-W48", False)]
    world.checkins.save_checkin(BOB, "2026-W48", [CheckinAnswer(world.seeded.bob_kr, 1400, 6)])


def _alices_snooze_ends_and_then_her_reminder(world: World) -> None:
    # Alice's snoozed prompt comes back on Tuesday morning, not a minute before.
    world.clock.set(datetime(2026, 11, 24, 7, 59, tzinfo=UTC))
    assert world.tick() == []
    world.clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    assert world.tick() == [(ALICE, "2026-W48", False)]

    # Still silent a day later, Alice gets her one reminder; Bob's answer stands.
    world.clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    assert world.tick() == [(ALICE, "2026-W48", True)]
    assert world.status(BOB, "2026-W48") is PromptStatus.ANSWERED


def _a_late_answer_counts_for_its_own_week(world: World) -> None:
    # A late answer for week 47 still counts for week 47.
    receipt = world.checkins.save_checkin(
        BOB, "2026-W47", [CheckinAnswer(world.seeded.bob_kr, 1500, 6)]
    )
    assert receipt.period == "2026-W47"
    assert world.status(BOB, "2026-W47") is PromptStatus.ANSWERED


def test_a_reminder_waits_for_working_hours(database: Database) -> None:
    # Prompted on a Friday afternoon: 24 hours later is Saturday, so Monday 09:00 it is.
    world = World(database, datetime(2026, 11, 20, 14, 0, tzinfo=UTC))
    world.prompts.send_due_prompts(force=True)
    world.clock.set(datetime(2026, 11, 21, 14, 0, tzinfo=UTC))
    assert world.tick() == []
    # Monday 09:00 is a new week in Berlin; the old week's prompt was missed, not reminded.
    world.clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    assert world.tick() == []
    assert world.status(ALICE, "2026-W47") is PromptStatus.MISSED


def test_prompts_missed_while_down_go_out_within_a_day_and_are_missed_after(
    database: Database,
) -> None:
    world = World(database, datetime(2026, 11, 17, 9, 1, tzinfo=UTC))  # Berlin: 24 h 01 late
    world.notifier.timezones[BOB] = "America/Los_Angeles"  # due Monday 18:00 UTC: 15 h late
    assert world.tick() == [(BOB, "2026-W47", False)]
    assert world.status(ALICE, "2026-W47") is PromptStatus.MISSED


def test_a_claim_left_by_a_crash_is_recovered_later(database: Database) -> None:
    world = World(database)
    with database.transaction() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and alice.id is not None
        # A process claimed Alice's prompt and died before it could send it.
        session.add(Prompt(member_id=alice.id, period="2026-W47", claimed_at=world.clock.now()))
    assert world.tick() == [(BOB, "2026-W47", False)]
    world.clock.advance(minutes=10)
    assert world.tick() == [(ALICE, "2026-W47", False)]
    assert world.tick() == []


def test_a_team_cadence_sets_when_its_members_are_asked(database: Database) -> None:
    world = World(database, datetime(2026, 11, 16, 9, 0, tzinfo=UTC))
    with database.transaction() as session:
        team = session.get_one(Team, 1)
        team.cadence, team.cadence_every, team.cadence_anchor = (
            "every_n_weeks",
            2,
            date(2026, 11, 9),
        )
        team.prompt_weekday, team.prompt_at = 2, time(14, 30)  # Wednesday 14:30
    # The sprint started on 2026-11-09 (W46): its prompt was last Wednesday, long missed.
    assert world.tick() == []
    assert world.status(ALICE, "2026-W46") is PromptStatus.MISSED
    # The next sprint starts 2026-11-23; its prompt is Wednesday 25th, 14:30 in Berlin.
    world.clock.set(datetime(2026, 11, 25, 13, 29, tzinfo=UTC))
    assert world.tick() == []
    world.clock.advance(minutes=1)
    assert sorted(world.tick()) == [(ALICE, "2026-W48", False), (BOB, "2026-W48", False)]
