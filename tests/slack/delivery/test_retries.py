"""Slack's passing failures (5xx, timeouts, dropped connections) are retried within the run by
the scheduled work (prompts, digests, retro DMs), and never by a listener."""

import queue
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import Cycle, RetroRequest
from bot.runtime import build_runtime, build_services
from bot.scheduling.jobs import find_job
from bot.services.registry import Services
from bot.services.scoring import close_cycle
from bot.settings import Settings
from bot.slack.delivery.retries import RETRIES, scheduled_work_retries
from tests.fakes.clock import FrozenClock
from tests.fakes.flaky import Flaky
from tests.fakes.signing import signed_request, slash_command_body
from tests.fakes.slack_api import DROP, FakeSlackApi
from tests.fakes.slack_files import Body
from tests.fakes.timer import FakeTimer
from tests.seed import ALICE, BOB, seed_quarter

MONDAY_1600_UTC = datetime(2026, 11, 16, 16, 0, tzinfo=UTC)  # 2026-W47, after every prompt time
ALICE_DM, BOB_DM = "D" + ALICE, "D" + BOB
SECRET = "retries-signing-secret"


def _to_alice(body: Body) -> bool:
    return body.get("channel") in (ALICE, ALICE_DM)


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as api:
        yield api


def _services(database: Database, fake: FakeSlackApi, clock: FrozenClock) -> Services:
    """The scheduled work's retries, with waits and a timeout short enough for a test."""
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
    retries = scheduled_work_retries(first_wait_s=0.01)
    client = WebClient(token="xoxb-test", base_url=fake.base_url, timeout=1, retry_handlers=retries)
    return build_services(database, client, settings, clock, FakeTimer())


def _delivered(fake: FakeSlackApi, channel: str) -> int:
    return sum(c.ok and c.channel == channel for c in fake.calls_to("chat.postMessage"))


PASSING: dict[str, Callable[[FakeSlackApi], None]] = {
    "500s": lambda fake: fake.fail_http("chat.postMessage", 500, when=_to_alice, times=2),
    "503": lambda fake: fake.fail_http("chat.postMessage", 503, when=_to_alice, times=1),
    "502 from a proxy": lambda fake: fake.fail_http(
        "chat.postMessage", 502, when=_to_alice, times=1
    ),
    "dropped connections": lambda fake: fake.fail_http(
        "chat.postMessage", DROP, when=_to_alice, times=RETRIES
    ),
    "timeout": lambda fake: fake.fail_http(
        "chat.postMessage", 500, when=_to_alice, times=1, delay=1.5
    ),
}


@pytest.mark.parametrize("failure", PASSING.values(), ids=PASSING.keys())
def test_a_passing_failure_is_retried_within_the_run_and_the_prompt_goes_out_once(
    database: Database, fake: FakeSlackApi, failure: Callable[[FakeSlackApi], None]
) -> None:
    seed_quarter(database)
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC))
    failure(fake)

    report = services.prompts.send_due_prompts()

    assert sorted(report.sent) == [ALICE, BOB] and report.failed == {}
    assert (_delivered(fake, ALICE_DM), _delivered(fake, BOB_DM)) == (1, 1)


def test_a_lasting_outage_is_recorded_after_the_retries_and_sent_by_a_later_tick(
    database: Database, fake: FakeSlackApi
) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_1600_UTC)
    services = _services(database, fake, clock)
    fake.fail_http("chat.postMessage", 500, when=_to_alice, times=RETRIES + 1)

    report = services.prompts.send_due_prompts()
    assert report.sent == [BOB] and report.failed == {ALICE: "http_500"}
    assert len([c for c in fake.calls_to("chat.postMessage") if _to_alice(c.body)]) == RETRIES + 1

    clock.advance(minutes=6)
    assert services.prompts.send_due_prompts().sent == [ALICE]
    assert _delivered(fake, ALICE_DM) == 1


def test_a_429_is_left_to_the_paced_sender_not_retried_by_the_client(
    database: Database, fake: FakeSlackApi
) -> None:
    seed_quarter(database)
    services = _services(database, fake, FrozenClock(MONDAY_1600_UTC))
    fake.fail_http("chat.postMessage", 429, retry_after=30, when=_to_alice, times=1)

    assert sorted(services.prompts.send_due_prompts().sent) == [ALICE, BOB]
    # Bob went out while Alice waited her turn again: the client did not sleep on the 429.
    channels = [c.channel for c in fake.calls_to("chat.postMessage")]
    assert channels == [ALICE_DM, BOB_DM, ALICE_DM]


def test_digests_and_retro_dms_ride_out_passing_failures_too(
    database: Database, fake: FakeSlackApi
) -> None:
    seed_quarter(database)
    clock = FrozenClock(MONDAY_1600_UTC)
    services = _services(database, fake, clock)
    flaky = Flaky(server_errors=0.3, drops=0.2, seed=3)
    fake.misbehave("chat.postMessage", flaky)

    assert services.digests.post_due(force=True).describe() == "1 digest(s) posted, 0 failed"
    with database.transaction() as session:
        close_cycle(session, session.exec(select(Cycle)).one(), clock.now())
    retros = find_job("retros")
    assert retros is not None
    outcome = retros.run_now(services)

    assert "0 failed" in outcome and flaky.failed, (outcome, flaky.failed)
    with database.transaction() as session:
        requests = session.exec(select(RetroRequest)).all()
        assert {request.status for request in requests} == {"sent"}
    ok = [c.channel for c in fake.calls_to("chat.postMessage") if c.ok]
    assert (ok.count(ALICE_DM), ok.count(BOB_DM)) == (3, 1)  # one per retro and person
    assert len(requests) == 4
    assert ok.count("C0GROWTH01") == 1  # the digest, posted once


def test_a_listener_never_retries_so_never_sleeps(
    database: Database, database_url: str, fake: FakeSlackApi
) -> None:
    """A listener's Slack call that fails is tried once: slack-sdk's retries sleep."""
    settings = Settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=fake.base_url,
        database_url=database_url,
    )
    runtime = build_runtime(settings)
    outcomes: queue.Queue[str] = queue.Queue()
    try:
        app = runtime.slack_app(verify_token=False)
        _probe(app, outcomes)
        fake.fail_http("views.publish", DROP, times=1)
        fake.fail_http("views.publish", 500, times=1)
        for _ in range(2):
            body = slash_command_body("/probe", user_id=ALICE)
            assert app.dispatch(signed_request(body, SECRET)).status == 200
            assert outcomes.get(timeout=10) == "failed"
    finally:
        runtime.close()
    assert [call.ok for call in fake.calls_to("views.publish")] == [False, False]


def _probe(app: App, outcomes: "queue.Queue[str]") -> None:
    """A listener that makes one Slack call with the client Bolt hands it."""

    @app.command("/probe")
    def probe(ack: Ack, client: WebClient, body: dict[str, str]) -> None:
        ack()
        try:
            client.views_publish(user_id=body["user_id"], view={"type": "home", "blocks": []})
        except Exception:
            outcomes.put("failed")
            return
        outcomes.put("published")


def test_the_retries_are_few_and_short() -> None:
    server, connection = scheduled_work_retries()
    waits = [server.interval_calculator.calculate_sleep_duration(n) for n in range(RETRIES)]
    assert all(
        base <= wait <= base * 1.5 for wait, base in zip(waits, (0.25, 0.5, 1, 2), strict=True)
    )
    assert sum(waits) < 6  # a lasting outage costs a member's turn a few seconds, no more
    assert server.max_retry_count == connection.max_retry_count == RETRIES
