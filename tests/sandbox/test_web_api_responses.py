"""Response URLs expire and run out as in Slack; the page guards itself against other sites."""

from datetime import timedelta

import httpx

from bot.sandbox.demo import MAYA, SAM
from bot.sandbox.webapi import limits
from tests.sandbox.simulated import Simulated
from tests.sandbox.web_api_checks import GROWTH


def test_a_response_url_takes_five_posts_in_thirty_minutes(slack: Simulated) -> None:
    url = slack.context.responses.issue(MAYA, GROWTH)
    for n in range(limits.RESPONSE_URL_USES):
        assert httpx.post(url, json={"text": f"answer {n}"}).status_code == 200

    sixth = httpx.post(url, json={"text": "one more"})

    assert sixth.status_code == 404 and sixth.text == "used_url"
    shown = [m for m in slack.workspace.messages if m.ephemeral_to == MAYA]
    assert len(shown) == limits.RESPONSE_URL_USES


def test_a_response_url_expires_after_thirty_minutes(slack: Simulated) -> None:
    url = slack.context.responses.issue(MAYA, GROWTH)
    slack.clock.set(slack.clock.now() + timedelta(minutes=31))

    late = httpx.post(url, json={"text": "late"})

    assert late.status_code == 404 and late.text == "expired_url"
    assert slack.workspace.problems[-1].source == "response_url"


def test_a_response_url_can_replace_the_message_clicked(slack: Simulated) -> None:
    posted = slack.client.chat_postMessage(channel=SAM, text="prompt")
    url = slack.context.responses.issue(SAM, posted["channel"], posted["ts"])

    httpx.post(url, json={"text": "done", "replace_original": True})

    replaced = slack.workspace.find_message(posted["channel"], posted["ts"])
    assert replaced is not None and replaced.text == "done"


def test_the_page_refuses_other_host_names(slack: Simulated) -> None:
    """A page elsewhere that resolves its own name to 127.0.0.1 gets nothing (DNS rebinding)."""
    answer = httpx.get(slack.origin + "/", headers={"Host": "evil.example"})

    assert answer.status_code == 421


def test_page_actions_take_json_only(slack: Simulated) -> None:
    """A form on another site cannot post JSON without the browser asking first."""
    host = {"Host": slack.origin.removeprefix("http://")}
    answer = httpx.post(slack.origin + "/do/type", data={"text": "/okr"}, headers=host)

    assert answer.status_code == 415
