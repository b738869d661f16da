"""The fake Slack API misbehaves on request: dropped connections and random passing failures."""

from http.client import RemoteDisconnected
from urllib.error import URLError

import pytest
from slack_sdk.errors import SlackApiError

from tests.fakes.flaky import Flaky
from tests.fakes.slack_api import DROP, FakeSlackApi


def test_a_dropped_connection_answers_nothing_and_changes_nothing() -> None:
    with FakeSlackApi() as fake:
        fake.fail_http("chat.postMessage", DROP, times=1)
        client = fake.client(retry_handlers=[])
        with pytest.raises((RemoteDisconnected, URLError, ConnectionError)):
            client.chat_postMessage(channel="C1", text="lost")
        client.chat_postMessage(channel="C1", text="arrives")
    assert [(c.body["text"], c.ok) for c in fake.calls_to("chat.postMessage")] == [
        ("lost", False),
        ("arrives", True),
    ]


def test_flaky_fails_the_given_shares_at_random_but_never_too_often_in_a_row() -> None:
    flaky = Flaky(server_errors=0.5, rate_limits=0.25, drops=0.25, seed=1, in_a_row=2)
    outcomes = [flaky({"channel": "C1"}) for _ in range(300)]

    assert set(outcomes) == {None, 500, 429, DROP}
    runs = "".join("x" if outcome is not None else "." for outcome in outcomes).split(".")
    assert max(len(run) for run in runs) == 2
    assert sum(flaky.failed.values()) == sum(outcome is not None for outcome in outcomes)
    again = Flaky(server_errors=0.5, rate_limits=0.25, drops=0.25, seed=1, in_a_row=2)
    assert [again({"channel": "C1"}) for _ in range(300)] == outcomes  # seeded


def test_misbehave_lets_a_chooser_answer_each_call() -> None:
    with FakeSlackApi() as fake:
        answers = iter([429, 500, None])
        fake.misbehave("chat.postMessage", lambda body: next(answers))
        client = fake.client(retry_handlers=[])
        statuses = []
        for _ in range(3):
            try:
                client.chat_postMessage(channel="C1", text="hi")
                statuses.append(200)
            except SlackApiError as error:
                statuses.append(error.response.status_code)
    assert statuses == [429, 500, 200]
