"""After a check-in is saved: Slack's failures are retried, never reported as a failed save;
a modal Slack would not open asks for a new click; Home follows only those who look at it."""

import logging

import pytest

from bot.slack.ids import Action
from tests.fakes.slack_api import Call
from tests.seed import ALICE, Seeded
from tests.slack.checkin_steps import checkin_values, open_checkin_modal, prompt_to
from tests.slack.harness import SlackHarness, json_body
from tests.slack.reads import checkins

CLICK_AGAIN = "Slack is busy right now and did not open the form"


def _check_in(slack: SlackHarness, seeded: Seeded) -> None:
    view = open_checkin_modal(slack, prompt_to(slack, ALICE))
    response = slack.submit(view, checkin_values(seeded, "2.4", "7"), ALICE)
    assert json_body(response) == {}, "the save is acknowledged as a success"


def _saved(slack: SlackHarness, seeded: Seeded) -> bool:
    return bool(checkins(slack, seeded.sessions_kr, 1))


def _told_of_a_failure(slack: SlackHarness) -> list[Call]:
    said = [*slack.fake.calls_to("chat.postMessage"), *slack.fake.calls_to("chat.postEphemeral")]
    return [call for call in said if "went wrong" in str(call.body.get("text"))]


def _open_home(slack: SlackHarness) -> None:
    assert slack.event({"type": "app_home_opened", "user": ALICE, "tab": "home"}).status == 200
    slack.fake.wait_for("views.publish")


@pytest.mark.parametrize("status", [500, 429])
def test_a_receipt_slack_refuses_is_retried_and_the_save_stands(
    slack: SlackHarness, seeded: Seeded, status: int
) -> None:
    slack.fake.fail_http("chat.update", status, times=1)
    _check_in(slack, seeded)
    first, again = slack.fake.wait_for("chat.update", 2)
    assert (first.ok, again.ok) == (False, True)
    assert again.body["text"].startswith("Checked in for 2026-W47")
    assert _saved(slack, seeded)
    slack.idle()
    assert _told_of_a_failure(slack) == []


def test_a_home_that_cannot_be_published_is_logged_and_given_up_quietly(
    slack: SlackHarness, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    _open_home(slack)
    slack.fake.fail_http("views.publish", 500)
    with caplog.at_level(logging.WARNING, logger="bot.slack.delivery.follow_ups"):
        _check_in(slack, seeded)
        slack.idle()
    # One try and three retries (opening the modal cleared the calls before), then no more.
    assert len(slack.fake.calls_to("views.publish")) == 4
    assert _saved(slack, seeded)
    assert slack.fake.wait_for("chat.update")[0].ok
    assert _told_of_a_failure(slack) == []
    assert "views.publish of App Home failed 4 times (internal_error); given up" in caplog.text


def test_home_is_republished_after_a_check_in_for_someone_who_just_opened_it(
    slack: SlackHarness, seeded: Seeded
) -> None:
    _open_home(slack)
    slack.clock.advance(hours=11)
    _check_in(slack, seeded)
    refreshed = slack.fake.wait_for("views.publish")[0].body  # calls since the modal opened
    assert refreshed["user_id"] == ALICE
    assert "2.4 / 3 sessions" in str(refreshed["view"]["blocks"])


@pytest.mark.parametrize("opened_hours_ago", [None, 13])
def test_home_is_left_alone_for_someone_not_looking_at_it(
    slack: SlackHarness, seeded: Seeded, opened_hours_ago: int | None
) -> None:
    if opened_hours_ago is not None:
        _open_home(slack)
        slack.clock.advance(hours=opened_hours_ago)
    _check_in(slack, seeded)
    slack.fake.wait_for("chat.update")
    slack.idle()
    assert slack.fake.calls_to("views.publish") == []  # calls since the modal opened


def test_a_click_slack_would_not_open_a_modal_for_asks_for_another_click(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    prompt = prompt_to(slack, ALICE)
    slack.fake.fail_http("views.open", 429)
    with caplog.at_level(logging.ERROR):
        assert slack.click(Action.CHECK_IN, "2026-W47", ALICE, prompt).status == 200
        told = slack.fake.wait_for("response_url")[0].body
    assert told["response_type"] == "ephemeral" and told["replace_original"] is False
    assert CLICK_AGAIN in told["text"] and "click again" in told["text"]
    assert caplog.records == []


def test_a_home_click_slack_would_not_open_a_modal_for_asks_by_direct_message(
    slack: SlackHarness,
) -> None:
    slack.fake.fail_http("views.open", 429)
    assert slack.click(Action.HOME_CHECK_IN, "2026-W47", ALICE).status == 200
    [told] = slack.fake.wait_for("chat.postMessage")
    assert told.body["channel"] == ALICE
    assert CLICK_AGAIN in told.body["text"]


def test_okr_checkin_slack_would_not_open_asks_to_try_again(slack: SlackHarness) -> None:
    slack.fake.fail_http("views.open", 429)
    assert CLICK_AGAIN in slack.answer("checkin", ALICE)["text"]
