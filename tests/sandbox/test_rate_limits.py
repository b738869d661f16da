"""The simulated Web API answers too many calls as Slack does: 429, `ratelimited`, Retry-After."""

import pytest
from slack_sdk.errors import SlackApiError

from bot.sandbox.demo import PRIYA
from bot.sandbox.webapi.errors import SlackRefusal
from bot.sandbox.webapi.rate_limits import PER_MINUTE, RateLimits
from tests.sandbox.simulated import Simulated

GROWTH = "C0GROWTH01"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_tier_takes_its_calls_per_minute_then_says_when_to_come_back() -> None:
    clock = Clock()
    limits = RateLimits(clock)
    for _ in range(PER_MINUTE["users.list"]):
        limits.check("users.list")
    clock.now += 20
    with pytest.raises(SlackRefusal) as refused:
        limits.check("users.list")
    assert refused.value.status == 429 and refused.value.error == "ratelimited"
    assert refused.value.retry_after == 40
    clock.now += 40
    limits.check("users.list")  # a minute after the first call, the window has room again


def test_each_channel_takes_about_a_message_a_second() -> None:
    clock = Clock()
    limits = RateLimits(clock)
    for _ in range(5):
        limits.check("chat.postMessage", GROWTH)
    limits.check("chat.postMessage", "C0OTHER001")  # another channel has its own window
    with pytest.raises(SlackRefusal):
        limits.check("chat.postMessage", GROWTH)
    clock.now += 5
    limits.check("chat.postMessage", GROWTH)


def test_the_bots_client_sees_a_429_with_retry_after_and_the_page_shows_it(
    slack: Simulated,
) -> None:
    for _ in range(PER_MINUTE["users.info"]):
        slack.client.users_info(user=PRIYA)
    with pytest.raises(SlackApiError) as refused:
        slack.client.users_info(user=PRIYA)

    response = refused.value.response
    assert response.status_code == 429 and response["error"] == "ratelimited"
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert slack.workspace.problems[-1].error == "ratelimited"
