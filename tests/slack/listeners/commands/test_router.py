"""`/okr` help and unknown words, and Bolt's refusal of forged or stale requests."""

import time

from slack_bolt import BoltResponse

from tests.fakes.blockkit import assert_valid_message
from tests.fakes.signing import signed_request, slash_command_body
from tests.seed import ALICE
from tests.slack.harness import SIGNING_SECRET, SlackHarness, json_body


def _help_text(response: BoltResponse) -> str:
    body = json_body(response)
    assert body["response_type"] == "ephemeral"
    assert_valid_message(body["blocks"], body["text"])
    return " ".join(block.get("text", {}).get("text", "") for block in body["blocks"])


def test_help_and_a_bare_okr_list_the_commands(slack: SlackHarness) -> None:
    for text in ("help", "", "  HELP  "):
        shown = _help_text(slack.command(text, ALICE))
        assert "`/okr checkin`" in shown
        assert "`/okr help`" in shown


def test_an_unknown_word_gets_did_you_mean_and_the_help(slack: SlackHarness) -> None:
    shown = _help_text(slack.command("chekin now", ALICE))
    assert "I don't know `chekin`. Did you mean `/okr checkin`?" in shown
    assert "`/okr help`" in shown


def test_an_unknown_word_is_shown_inert(slack: SlackHarness) -> None:
    shown = _help_text(slack.command("<!channel>", ALICE))
    assert "`&lt;!channel&gt;`" in shown
    assert "<!channel>" not in shown


def test_a_forged_signature_is_refused(slack: SlackHarness) -> None:
    body = slash_command_body(text="help", user_id=ALICE)
    response = slack.app.dispatch(signed_request(body, "not-the-secret"))
    assert response.status == 401
    assert [call.method for call in slack.fake.calls] == ["auth.test"]  # at start-up only


def test_a_stale_timestamp_is_refused(slack: SlackHarness) -> None:
    body = slash_command_body(text="help", user_id=ALICE)
    stale = int(time.time()) - 10 * 60
    assert slack.app.dispatch(signed_request(body, SIGNING_SECRET, timestamp=stale)).status == 401


def test_a_tampered_body_is_refused(slack: SlackHarness) -> None:
    request = signed_request(slash_command_body(text="help", user_id=ALICE), SIGNING_SECRET)
    request.raw_body = request.raw_body.replace(ALICE, "U0MALLORY1")
    assert slack.app.dispatch(request).status == 401
