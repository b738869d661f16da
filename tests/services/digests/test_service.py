"""Team digests as data: a known week, schedule, idempotence, failures, access, query count."""

from datetime import UTC, date, datetime, time

import pytest

from bench.work import counted
from bench.workspace import DIGEST_NOW, build_workspace
from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.models import Cycle, KeyResult, Objective, Team
from bot.domain.attention import Concern
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.progress import Status
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.digests.service import DigestPolicy, DigestService, PostOutcome
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, BOB, LEAD, Seeded, seed_quarter
from tests.services.recording_notifier import RecordingNotifier

FRIDAY_1500_UTC = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # 2026-W47
CHANNEL = "C0GROWTH01"


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed_quarter(database)


def _service(
    database: Database, clock: FrozenClock, notifier: RecordingNotifier | None = None
) -> DigestService:
    return DigestService(database, notifier or RecordingNotifier(), clock, DigestPolicy("UTC"))


def _check_in(
    database: Database, user: str, when: datetime, period: str, *answers: CheckinAnswer
) -> None:
    CheckinService(database, FrozenClock(when), CheckinPolicy()).save_checkin(
        user, period, list(answers)
    )


def _history(database: Database, seeded: Seeded) -> None:
    """Alice: two weeks ago 2.0 at 8; nothing last week; this week 2.4 at 4 with a blocker."""
    _check_in(
        database,
        ALICE,
        datetime(2026, 11, 4, 12, tzinfo=UTC),
        "2026-W45",
        CheckinAnswer(seeded.sessions_kr, 2.0, 8),
        CheckinAnswer(seeded.churn_kr, 7.5, 7),
    )
    _check_in(
        database,
        ALICE,
        datetime(2026, 11, 18, 12, tzinfo=UTC),
        "2026-W47",
        CheckinAnswer(seeded.sessions_kr, 2.4, 4, note="Good week"),
        CheckinAnswer(seeded.churn_kr, 7.4, 3, blocker="Waiting on billing data"),
    )


def test_a_known_week(database: Database, seeded: Seeded) -> None:
    _history(database, seeded)
    digest = _service(database, FrozenClock(FRIDAY_1500_UTC)).preview(LEAD).digest

    assert (digest.team_name, digest.cycle_name, digest.period) == ("Growth", "2026-Q4", "2026-W47")
    assert (digest.week, digest.weeks) == (8, 14)
    sessions, churn, launch, fans = digest.key_results
    # Change since the last digest: against the latest check-in up to last week (W45's).
    assert (sessions.value, sessions.previous_value) == (2.4, 2.0)
    assert (sessions.confidence, sessions.previous_confidence) == (4, 8)
    assert sessions.concerns == (Concern.CONFIDENCE_DROP,)
    assert sessions.note == "Good week"
    assert churn.concerns == (Concern.INTO_RED, Concern.CONFIDENCE_DROP, Concern.BEHIND_PACE)
    assert churn.status is Status.OFF_TRACK
    assert (launch.value, launch.status, launch.owner) == (None, Status.NO_CHECKIN, ALICE)
    assert [kr.kr_id for kr in digest.needs_attention] == [seeded.churn_kr, seeded.sessions_kr]
    assert [(b.kr_id, b.text, b.owner) for b in digest.blockers] == [
        (seeded.churn_kr, "Waiting on billing data", ALICE)
    ]
    assert digest.not_checked_in == (BOB,)
    assert fans.history == ()
    assert [p.period for p in sessions.history] == ["2026-W45", "2026-W47"]
    assert digest.leads == (LEAD,)


def test_the_away_are_listed_apart_from_those_who_did_not_check_in(
    database: Database, seeded: Seeded
) -> None:
    with database.transaction() as session:
        bob = find_member(session, BOB)
        assert bob is not None
        bob.away_until = date(2026, 11, 27)
    digest = _service(database, FrozenClock(FRIDAY_1500_UTC)).preview(LEAD).digest
    assert [(p.slack_user_id, p.until) for p in digest.away] == [(BOB, date(2026, 11, 27))]
    assert digest.not_checked_in == (ALICE,)


def test_the_digest_is_posted_at_friday_three_in_the_teams_zone(
    database: Database, seeded: Seeded
) -> None:
    with database.transaction() as session:
        team = session.get_one(Team, 1)
        team.timezone = "America/New_York"
    clock = FrozenClock(datetime(2026, 11, 20, 19, 59, tzinfo=UTC))  # 14:59 in New York
    notifier = RecordingNotifier()
    digests = _service(database, clock, notifier)
    assert digests.post_due().posted == []
    clock.advance(minutes=1)
    assert digests.post_due().posted == [f"Growth → {CHANNEL}"]
    assert [(channel, d.period) for channel, d in notifier.digests] == [(CHANNEL, "2026-W47")]


def test_a_team_may_set_its_own_digest_day_and_time(database: Database, seeded: Seeded) -> None:
    with database.transaction() as session:
        team = session.get_one(Team, 1)
        team.timezone, team.digest_weekday, team.digest_at = "Europe/Berlin", 3, time(9, 0)
    clock = FrozenClock(datetime(2026, 11, 19, 7, 59, tzinfo=UTC))  # Thursday 08:59 in Berlin
    digests = _service(database, clock)
    assert digests.post_due().posted == []
    clock.advance(minutes=1)
    assert digests.post_due().posted == [f"Growth → {CHANNEL}"]


def test_posting_is_idempotent_per_team_period_and_channel(
    database: Database, seeded: Seeded
) -> None:
    clock = FrozenClock(FRIDAY_1500_UTC)
    notifier = RecordingNotifier()
    first, second = _service(database, clock, notifier), _service(database, clock, notifier)
    assert len(first.post_due().posted) == 1
    assert second.post_due().posted == []  # another replica on the same database
    assert first.post_due(force=True).posted == []
    assert first.post_now(LEAD).outcome is PostOutcome.ALREADY_POSTED
    clock.advance(days=7)
    assert len(first.post_due().posted) == 1  # next week brings the next digest
    assert [d.period for _, d in notifier.digests] == ["2026-W47", "2026-W48"]


def test_a_failure_is_recorded_and_retried_on_a_later_tick(
    database: Database, seeded: Seeded
) -> None:
    clock = FrozenClock(FRIDAY_1500_UTC)
    notifier = RecordingNotifier(failing={CHANNEL: "http_500"})
    digests = _service(database, clock, notifier)
    assert digests.post_due().failed == {f"Growth → {CHANNEL}": "http_500"}
    del notifier.failing[CHANNEL]
    assert digests.post_due().posted == []  # backing off
    clock.advance(minutes=10)
    assert len(digests.post_due().posted) == 1
    assert digests.post_due().posted == []
    assert notifier.problems == []  # a passing failure is not the leads' business


def test_a_channel_the_bot_is_not_in_is_reported_to_the_leads_once(
    database: Database, seeded: Seeded
) -> None:
    clock = FrozenClock(FRIDAY_1500_UTC)
    notifier = RecordingNotifier(failing={CHANNEL: "not_in_channel"})
    digests = _service(database, clock, notifier)
    digests.post_due()
    clock.advance(minutes=10)
    digests.post_due()
    # Posted to the lead's user id: Slack delivers it to the app's DM with them.
    assert [(dm, p.team_name, p.channel_id, p.code) for dm, p in notifier.problems] == [
        (LEAD, "Growth", CHANNEL, "not_in_channel")
    ]
    # Once the bot is invited, a lead's `/okr digest post` retries at once.
    del notifier.failing[CHANNEL]
    assert digests.post_now(LEAD).outcome is PostOutcome.POSTED


def test_only_leads_and_admins_may_post(database: Database, seeded: Seeded) -> None:
    digests = _service(database, FrozenClock(datetime(2026, 11, 18, 9, tzinfo=UTC)))
    with pytest.raises(NotAllowed, match="Only the leads of Growth and bot admins"):
        digests.post_now(ALICE)
    with database.transaction() as session:
        bob = find_member(session, BOB)
        assert bob is not None
        bob.is_admin = True
    assert digests.post_now(BOB, "growth").outcome is PostOutcome.POSTED


def test_whose_digest_a_preview_shows(database: Database, seeded: Seeded) -> None:
    digests = _service(database, FrozenClock(FRIDAY_1500_UTC))
    assert digests.preview(ALICE).digest.team_name == "Growth"  # owns KRs in it
    assert digests.preview("U0STRANGER", "  GROWTH ").channel_id == CHANNEL
    with pytest.raises(NotFound, match="not in a team"):
        digests.preview("U0STRANGER")
    with pytest.raises(NotFound, match=r"no team named .Sales.\. The teams are: Growth\."):
        digests.preview(ALICE, "Sales")


def test_no_cycle_running_means_no_digest(database: Database, seeded: Seeded) -> None:
    clock = FrozenClock(datetime(2027, 1, 15, 15, tzinfo=UTC))
    notifier = RecordingNotifier()
    assert _service(database, clock, notifier).post_due(force=True).posted == []
    assert notifier.digests == []


def test_a_parent_team_rolls_up_its_child_teams(database: Database, seeded: Seeded) -> None:
    with database.transaction() as session:
        company = Team(name="Company")
        session.add(company)
        session.flush()
        growth = session.get_one(Team, 1)
        growth.parent_id = company.id
        cycle = session.get_one(Cycle, 1)
        assert company.id is not None and cycle.id is not None
        mission = Objective(cycle_id=cycle.id, team_id=company.id, title="Win sports")
        session.add(mission)
        session.flush()
        assert mission.id is not None
        session.add(KeyResult(objective_id=mission.id, owner_id=3, title="Revenue"))
    digest = _service(database, FrozenClock(FRIDAY_1500_UTC)).preview(LEAD, "Company").digest
    assert [(o.title, o.team_name) for o in digest.objectives] == [
        ("Become the best platform for sports fans", "Growth"),
        ("Win sports", "Company"),
    ]
    assert len(digest.key_results) == 5


def test_the_number_of_statements_does_not_grow_with_the_number_of_krs(
    database: Database,
) -> None:
    small, large = build_workspace(database, [10, 200])
    digests = _service(database, FrozenClock(DIGEST_NOW))
    counts = {}
    for team in (small, large):
        with counted(database.engine) as work:
            digest = digests.preview("U000000000", team).digest  # the first lead
        counts[len(digest.key_results)] = work.statements
    assert set(counts) == {10, 200}
    assert counts[10] == counts[200]
    assert counts[200] <= 13  # one of them reads the key results' sources
