"""Prompt delivery through the paced sender to a fake Slack over HTTP: 429s are re-queued
within the run, other failures are retried by a later tick; nobody is sent twice or lost."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.prompts import find_prompt
from bot.runtime import build_services
from bot.services.checkins.prompts import PromptPolicy, PromptService
from bot.services.checkins.results import CheckinAnswer, PromptCard
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.ports import DeliveryError, PostedMessage
from bot.services.registry import Services
from bot.settings import Settings, SettingsError, load_settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_files import Body
from tests.fakes.slack_users import im_channel
from tests.fakes.timer import FakeTimer
from tests.seed import ALICE, BOB, seed_quarter
from tests.services.recording_notifier import RecordingNotifier

MONDAY_1600_UTC = datetime(2026, 11, 16, 16, 0, tzinfo=UTC)
ALICE_DM, BOB_DM = "D" + ALICE, "D" + BOB


def _to_alice(body: Body) -> bool:
    return body.get("channel") in (ALICE, ALICE_DM)


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(validate_blocks=False) as api:
        yield api


def _services(
    database: Database, fake: FakeSlackApi, clock: FrozenClock, timer: FakeTimer
) -> Services:
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
    return build_services(database, fake.client(timeout=0.2), settings, clock, timer)


def _delivered(fake: FakeSlackApi) -> list[str]:
    """The DMs posted to: a post to a user id lands in their DM."""
    return [im_channel(c.body["channel"]) for c in fake.calls_to("chat.postMessage") if c.ok]


def test_a_429_is_requeued_and_sent_later_in_the_same_run_exactly_once(
    database: Database, fake: FakeSlackApi
) -> None:
    seed_quarter(database)
    timer = FakeTimer()
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC), timer)
    fake.fail_http("chat.postMessage", 429, retry_after=30, when=_to_alice, times=1)

    report = services.prompts.send_due_prompts()

    assert sorted(report.sent) == [ALICE, BOB] and report.failed == {}
    assert _delivered(fake) == [BOB_DM, ALICE_DM]  # Bob did not wait behind Alice's retry
    assert sum(timer.sleeps) >= 30  # Slack's Retry-After was honoured, on the fan-out thread
    assert services.prompts.send_due_prompts().sent == []
    with database.transaction() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and alice.id is not None
        prompt = find_prompt(session, alice.id, "2026-W47")
        assert prompt is not None
        assert (prompt.status, prompt.attempts, prompt.channel_id) == ("sent", 1, ALICE_DM)


def test_a_member_slack_keeps_rate_limiting_is_left_to_a_later_tick(
    database: Database, fake: FakeSlackApi
) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_1600_UTC)
    services = _services(database, fake, clock, FakeTimer())
    fake.fail_http("chat.postMessage", 429, retry_after=1, when=_to_alice, times=6)

    report = services.prompts.send_due_prompts()
    assert report.sent == [BOB] and report.failed == {ALICE: "ratelimited"}

    clock.advance(minutes=11)
    assert services.prompts.send_due_prompts().sent == [ALICE]
    assert sorted(_delivered(fake)) == [ALICE_DM, BOB_DM]


FAILURES: dict[str, tuple[Callable[[FakeSlackApi], None], str]] = {
    "channel_not_found": (
        lambda fake: fake.fail("chat.postMessage", "channel_not_found", when=_to_alice, times=1),
        "channel_not_found",
    ),
    "user_not_found": (
        lambda fake: fake.fail("chat.postMessage", "user_not_found", when=_to_alice, times=1),
        "user_not_found",
    ),
    "account_inactive": (
        lambda fake: fake.fail("chat.postMessage", "account_inactive", when=_to_alice, times=1),
        "account_inactive",
    ),
    "http_500": (
        lambda fake: fake.fail_http("chat.postMessage", 500, when=_to_alice, times=1),
        "http_500",
    ),
    "timeout": (
        lambda fake: fake.fail_http("chat.postMessage", 500, when=_to_alice, times=1, delay=0.6),
        "TimeoutError",
    ),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_a_failure_is_recorded_and_retried_on_a_later_tick_without_a_duplicate(
    database: Database,
    fake: FakeSlackApi,
    failure: tuple[Callable[[FakeSlackApi], None], str],
) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_1600_UTC)
    services = _services(database, fake, clock, FakeTimer())
    make_it_fail, code = failure
    make_it_fail(fake)

    report = services.prompts.send_due_prompts()
    assert report.sent == [BOB] and report.failed == {ALICE: code}

    assert services.prompts.send_due_prompts().sent == []  # backing off
    clock.advance(minutes=11)
    assert services.prompts.send_due_prompts().sent == [ALICE]
    clock.advance(hours=2)
    assert services.prompts.send_due_prompts().sent == []
    assert sorted(_delivered(fake)) == [ALICE_DM, BOB_DM]


@dataclass
class _LimitedOnce(RecordingNotifier):
    """Slack rate-limits Alice's first prompt, and meanwhile she checks in by other means."""

    meanwhile: Callable[[], object] = lambda: None
    limited: bool = False

    def send_checkin_prompt(self, channel_id: str, card: PromptCard) -> PostedMessage:
        if card.slack_user_id == ALICE and not self.limited:
            self.limited = True
            self.meanwhile()
            raise DeliveryError("ratelimited", retry_after=5)
        return super().send_checkin_prompt(channel_id, card)


def test_an_answer_given_while_the_prompt_waits_its_turn_wins(database: Database) -> None:
    seeded = seed_quarter(database)
    clock = FrozenClock(MONDAY_1600_UTC)
    checkins = CheckinService(database, clock, CheckinPolicy())
    answers = [CheckinAnswer(kr, 1, 5) for kr in (seeded.sessions_kr, seeded.churn_kr)]
    answers.append(CheckinAnswer(seeded.launch_kr, 0, 5))
    notifier = _LimitedOnce(meanwhile=lambda: checkins.save_checkin(ALICE, "2026-W47", answers))
    prompts = PromptService(database, notifier, clock, PromptPolicy(), FakeTimer())

    report = prompts.send_due_prompts()
    assert report.sent == [BOB] and report.failed == {}
    assert notifier.recipients() == [BOB]


def test_the_workspace_pace_comes_from_okr_slack_messages_per_minute(
    database: Database, fake: FakeSlackApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_quarter(database)
    monkeypatch.setenv("OKR_SLACK_MESSAGES_PER_MINUTE", "6")
    clock, timer = FrozenClock(MONDAY_1600_UTC), FakeTimer()
    services = _services(database, fake, clock, timer)
    started = timer.monotonic()
    services.prompts.send_due_prompts()  # two prompts: the burst Slack tolerates
    clock.advance(days=7)
    services.prompts.send_due_prompts()  # two more, ten seconds apart at 6 a minute

    assert len(_delivered(fake)) == 4
    assert timer.monotonic() - started == pytest.approx(20.0)  # the fake timer moves by sleeps


def test_a_messages_per_minute_of_zero_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OKR_SLACK_MESSAGES_PER_MINUTE", "0")
    with pytest.raises(SettingsError, match=r"^OKR_SLACK_MESSAGES_PER_MINUTE is invalid"):
        load_settings()
