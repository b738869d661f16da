"""Whatever follows `/okr`, the answer is a private message within the request, never a crash."""

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db.engine import Database
from bot.db.models import metadata
from tests.databases import sqlite_url
from tests.fakes.clock import FrozenClock
from tests.seed import ALICE, seed_quarter
from tests.slack.harness import SlackHarness, json_body, slack_harness

WORDS = [
    "list", "checkin", "export", "digest", "post", "away", "until", "back", "subscribe",
    "unsubscribe", "help", "team", "Growth", "growth", "at-risk", "at", "risk", "me", "cycle",
    "2026-Q4", "2026-12-01", "KR-1", "kr-999", "O-1", "<@U0BOB00001|bob>", "<#C0GROWTH01|g>",
    "<!here>", "&amp;", "&lt;", "&gt;", "|", "lsit", "expotr", "", "  ",
]  # fmt: skip
# (text, escape): free text is escaped as Slack escapes typed text; word soups go as is,
# so Slack's own <@U…|name> mentions arrive too.
COMMAND_TEXTS = st.one_of(
    st.tuples(st.text(max_size=80), st.just(True)),
    st.tuples(st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), st.just(False)),
)
ANSWERS = ("response_url", "views.open")


@pytest.fixture
def fuzz_slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackHarness]:
    database = Database.from_url(sqlite_url(str(tmp_path_factory.mktemp("fuzz"))))
    metadata.create_all(database.engine)
    seed_quarter(database)
    with slack_harness(database, FrozenClock(datetime(2026, 11, 16, 12, tzinfo=UTC))) as slack:
        yield slack
    database.dispose()


def _answered_later(slack: SlackHarness, timeout: float = 5.0) -> bool:
    """Work done after the acknowledgement ends in a response_url post or a modal."""
    return slack.fake.wait_until(
        lambda calls: any(call.method in ANSWERS for call in calls), timeout
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(command=COMMAND_TEXTS)
def test_any_command_text_gets_a_private_answer_and_logs_no_error(
    fuzz_slack: SlackHarness, caplog: pytest.LogCaptureFixture, command: tuple[str, bool]
) -> None:
    text, escape = command
    fuzz_slack.fake.clear()
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        response = fuzz_slack.command(text, ALICE, escape=escape)
        assert response.status == 200
        body = json_body(response)
        if body:
            assert body["response_type"] == "ephemeral"
            assert body["text"].strip()
        else:
            assert _answered_later(fuzz_slack), f"no answer to /okr {text!r}"
        for call in fuzz_slack.fake.calls_to("response_url"):
            assert call.body["response_type"] == "ephemeral"
            assert call.body["text"].strip()
    errors = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert errors == [], f"/okr {text!r} logged {errors}"


@pytest.mark.parametrize(("typed", "meant"), [("lsit", "list"), ("exprot", "export")])
def test_an_unknown_verb_gets_did_you_mean_and_the_help(
    fuzz_slack: SlackHarness, typed: str, meant: str
) -> None:
    body = json_body(fuzz_slack.command(f"{typed} team Growth", ALICE))
    assert body["response_type"] == "ephemeral"
    said = [block["text"]["text"] for block in body["blocks"] if block["type"] == "section"]
    assert said[0] == f"I don't know `{typed}`. Did you mean `/okr {meant}`?"
    assert "`/okr list [me|@person|#channel|team NAME|at-risk] [cycle NAME]`" in said[1]
    assert "`/okr export [cycle NAME]`" in said[1]
