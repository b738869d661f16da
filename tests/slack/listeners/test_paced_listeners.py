"""Listeners' Slack calls go through the one sender too: counted, never waited on."""

import pytest
from slack_sdk.errors import SlackApiError

from bot.slack.delivery.paced_client import PacedWebClient
from bot.slack.delivery.sender import PacedSender, SlackLimits
from bot.slack.ids import Action
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.timer import FakeTimer
from tests.seed import ALICE
from tests.slack.harness import SlackHarness


def _fan_out_update(sender: PacedSender, fake: FakeSlackApi) -> None:
    client = fake.client()
    sender.call("chat.update", lambda: client.chat_update(channel="D1", ts="1.1", text="x"))


def test_listener_calls_never_wait_but_the_fan_out_makes_room_for_them() -> None:
    timer = FakeTimer()
    sender = PacedSender(timer, SlackLimits(tier3_per_minute=60, burst=1))
    with FakeSlackApi() as fake:
        listener = PacedWebClient(sender, token="xoxb-test", base_url=fake.base_url)
        for _ in range(3):
            listener.chat_update(channel="D1", ts="1.1", text="after a click")
        assert timer.sleeps == []  # a listener is never made to wait
        _fan_out_update(sender, fake)
    # Three listener updates used up three seconds of chat.update's 1/s budget.
    assert timer.sleeps == [pytest.approx(3.0)]


def test_a_429_to_a_listener_is_slacks_error_and_holds_the_method_for_everyone() -> None:
    timer = FakeTimer()
    sender = PacedSender(timer)
    with FakeSlackApi() as fake:
        fake.fail_http("chat.update", 429, retry_after=30, times=1)
        listener = PacedWebClient(sender, token="xoxb-test", base_url=fake.base_url)
        with pytest.raises(SlackApiError):
            listener.chat_update(channel="D1", ts="1.1", text="after a click")
        _fan_out_update(sender, fake)
    assert timer.sleeps and timer.sleeps[0] >= 29


def test_a_click_in_the_app_is_counted_by_the_shared_sender(slack: SlackHarness) -> None:
    slack.services.prompts.send_due_prompts(force=True)
    prompt = slack.posted_prompt(ALICE, "2026-W47")
    for _ in range(3):
        slack.click(Action.SNOOZE, "", ALICE, prompt, action=_two_hours())
    slack.fake.wait_for("chat.update", count=3)
    waited = len(slack.timer.sleeps)
    _fan_out_update(slack.sender, slack.fake)
    assert len(slack.timer.sleeps) == waited + 1, "the fan-out waits for the listeners' calls"


def _two_hours() -> dict[str, object]:
    option = {"text": {"type": "plain_text", "text": "2 hours"}, "value": "2026-W47|2h"}
    return {"type": "static_select", "selected_option": option}
