"""An event Slack delivers again (X-Slack-Retry-Num, Socket Mode retry_attempt) is handled once."""

import json

from slack_bolt.request import BoltRequest

from bot.db.engine import Database
from tests.fakes.signing import JSON, event_body
from tests.seed import ALICE, seed_quarter
from tests.slack.served import served_edge

HOME_OPENED = {"type": "app_home_opened", "user": ALICE, "tab": "home"}


def test_redeliveries_over_http_get_200_and_the_event_is_handled_once(database: Database) -> None:
    seed_quarter(database)
    body = event_body(HOME_OPENED).encode()
    with served_edge(database) as edge:
        assert edge.post_signed(body, JSON) == 200
        edge.slack.fake.wait_for("views.publish")
        for retry in ("1", "2", "3"):
            status = edge.post_signed(
                body, JSON, X_Slack_Retry_Num=retry, X_Slack_Retry_Reason="http_timeout"
            )
            assert status == 200
        assert edge.post_signed(event_body(HOME_OPENED).encode(), JSON) == 200  # a new event
    # Out of served_edge every listener has finished: a second publish would be here by now.
    assert len(edge.slack.fake.calls_to("views.publish")) == 2


def test_a_redelivery_to_another_replica_is_not_handled_again(database: Database) -> None:
    seed_quarter(database)
    body = event_body(HOME_OPENED).encode()
    with served_edge(database) as first, served_edge(database) as second:
        assert first.post_signed(body, JSON) == 200
        first.slack.fake.wait_for("views.publish")
        assert second.post_signed(body, JSON, X_Slack_Retry_Num="1") == 200
    assert len(first.slack.fake.calls_to("views.publish")) == 1
    assert second.slack.fake.calls == []


def test_a_socket_mode_retry_attempt_is_not_handled_again(database: Database) -> None:
    seed_quarter(database)
    payload = json.loads(event_body(HOME_OPENED))
    with served_edge(database) as edge:
        # Socket Mode hands Bolt the envelope's payload; retry_attempt stays in the envelope.
        for _ in range(2):
            answer = edge.slack.app.dispatch(BoltRequest(body=payload, mode="socket_mode"))
            assert answer.status == 200
    assert len(edge.slack.fake.calls_to("views.publish")) == 1
