"""The paced sender: waits its turn per workspace, channel and method; a 429 is handed back."""

from collections.abc import Callable, Iterator
from functools import partial

import pytest
from slack_sdk import WebClient

from bot.services.ports import DeliveryError
from bot.slack.delivery.sender import PacedSender, SlackLimits
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_limits import EnforcedLimits
from tests.fakes.timer import FakeTimer


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(validate_blocks=False) as api:
        yield api


def _post(sender: PacedSender, client: WebClient, channel: str) -> None:
    sender.call(
        "chat.postMessage",
        lambda: client.chat_postMessage(channel=channel, text="hi"),
        channel=channel,
    )


def test_posts_are_spaced_to_the_workspace_rate_after_the_burst(fake: FakeSlackApi) -> None:
    timer = FakeTimer()
    sender = PacedSender(timer, SlackLimits(messages_per_minute=30, burst=2))
    for n in range(6):
        _post(sender, fake.client(), f"D{n}")

    assert timer.sleeps == pytest.approx([2.0, 2.0, 2.0, 2.0])
    assert len(fake.calls_to("chat.postMessage")) == 6


def test_posts_to_one_channel_wait_a_second_and_other_channels_do_not(
    fake: FakeSlackApi,
) -> None:
    timer = FakeTimer()
    sender = PacedSender(timer, SlackLimits(messages_per_minute=6000))
    client = fake.client()
    for channel in ("D1", "D1", "D2", "D1"):
        _post(sender, client, channel)

    assert timer.sleeps == pytest.approx([1.0, 1.0])
    channels = [call.body["channel"] for call in fake.calls_to("chat.postMessage")]
    assert channels == ["D1", "D1", "D2", "D1"]


def test_tier3_methods_are_paced_each_on_its_own(fake: FakeSlackApi) -> None:
    timer = FakeTimer()
    sender = PacedSender(timer, SlackLimits(tier3_per_minute=50, burst=1))
    client = fake.client()
    for user in ("U1", "U2", "U3"):
        sender.call("conversations.open", partial(client.conversations_open, users=user))
    sender.call("chat.update", lambda: client.chat_update(channel="D1", ts="1.2", text="x"))

    assert timer.sleeps == pytest.approx([1.2, 1.2])  # chat.update had its own turn at once


def test_staying_under_the_limits_means_slack_never_answers_429() -> None:
    timer = FakeTimer()
    limits = EnforcedLimits(messages_per_minute=20, burst=1)
    with FakeSlackApi(validate_blocks=False, limits=limits, timer=timer) as fake:
        sender = PacedSender(timer, SlackLimits(messages_per_minute=20, burst=1))
        client = fake.client()
        for n in range(30):
            _post(sender, client, f"D{n % 3}")

        assert all(call.ok for call in fake.calls_to("chat.postMessage"))
        assert fake.limiter is not None and fake.limiter.rejected == 0
    assert sum(timer.sleeps) == pytest.approx(29 * 3.0)


def test_a_429_is_handed_back_with_its_retry_after_and_holds_the_method(
    fake: FakeSlackApi,
) -> None:
    timer = FakeTimer()
    sender = PacedSender(timer, SlackLimits(messages_per_minute=6000))
    fake.fail_http("chat.postMessage", 429, retry_after=7, times=1)

    with pytest.raises(DeliveryError) as limited:
        _post(sender, fake.client(), "D1")
    assert (limited.value.code, limited.value.retry_after) == ("ratelimited", 7.0)
    assert timer.sleeps == []  # the sender does not sleep on a 429: its caller re-queues

    _post(sender, fake.client(), "D2")
    assert timer.sleeps == pytest.approx([7.0])
    assert [call.ok for call in fake.calls_to("chat.postMessage")] == [False, True]


@pytest.mark.parametrize(
    ("fail", "code"),
    [
        (lambda fake: fake.fail("chat.postMessage", "channel_not_found"), "channel_not_found"),
        (lambda fake: fake.fail("chat.postMessage", "account_inactive"), "account_inactive"),
        (lambda fake: fake.fail_http("chat.postMessage", 503), "http_503"),
        (lambda fake: fake.fail_http("chat.postMessage", 500, delay=0.5), "TimeoutError"),
    ],
    ids=["channel_not_found", "account_inactive", "http_503", "timeout"],
)
def test_other_failures_are_delivery_errors_without_a_retry_time(
    fake: FakeSlackApi, fail: Callable[[FakeSlackApi], None], code: str
) -> None:
    fail(fake)
    sender = PacedSender(FakeTimer())
    with pytest.raises(DeliveryError) as failed:
        _post(sender, fake.client(timeout=0.1), "D1")
    assert (failed.value.code, failed.value.retry_after) == (code, None)
