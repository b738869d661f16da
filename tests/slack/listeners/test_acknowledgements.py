"""Acknowledge first: nothing a command or a form needs from the database delays Slack's ack."""

import pytest

from bot.slack.ids import Action, Field, input_action_id, kr_block_id
from tests.seed import ALICE, Seeded
from tests.slack.checkin_steps import open_checkin_modal, prompt_to
from tests.slack.harness import SlackHarness, database_held, json_body

# Each command, and where its answer goes once the database answers: the modal opened, or a
# private message through response_url (answers and refusals alike).
COMMANDS = [
    ("list", "response_url"),
    ("list team Growth at-risk", "response_url"),
    ("digest", "response_url"),
    ("digest post", "response_url"),
    ("tree O-1", "response_url"),
    ("learnings pricing", "response_url"),
    ("away until 2026-12-04", "response_url"),
    ("back", "response_url"),
    ("subscribe <#C0OTHER001|other> team Growth", "response_url"),
    ("export", "response_url"),
    ("retro KR-{kr}", "response_url"),
    ("score KR-{kr} 0.5 we learned", "response_url"),
    ("new", "response_url"),
    ("edit O-1", "response_url"),
    ("settings", "response_url"),
    ("checkin", "views.open"),
    ("hypothesis KR-{kr}", "views.open"),
]


@pytest.mark.parametrize(("text", "answer"), COMMANDS)
def test_a_command_is_acknowledged_before_it_touches_the_database(
    slack: SlackHarness, seeded: Seeded, text: str, answer: str
) -> None:
    command = text.format(kr=seeded.sessions_kr)
    with database_held(slack.database) as release:
        response = slack.command(command, ALICE, escape=False)
        # Back while every query waits: the ack is empty and nothing has been said yet.
        assert (response.status, response.body) == (200, "")
        assert slack.fake.calls_to("response_url") == []
        assert slack.fake.calls_to("views.open") == []
        release.set()
        slack.fake.wait_for(answer)


def test_help_is_answered_in_the_acknowledgement_itself(slack: SlackHarness) -> None:
    with database_held(slack.database):
        body = json_body(slack.command("help", ALICE))
    assert body["response_type"] == "ephemeral"
    assert "`/okr list" in str(body["blocks"])


def test_a_bad_command_still_gets_its_usage(slack: SlackHarness) -> None:
    said = slack.answer("list everything", ALICE)["text"]
    assert "/okr list [me|@person|#channel|team NAME|at-risk]" in said


def test_a_check_in_with_bad_fields_is_answered_on_the_field_without_the_database(
    slack: SlackHarness, seeded: Seeded
) -> None:
    view = open_checkin_modal(slack, prompt_to(slack, ALICE))
    values = {
        kr_block_id(seeded.sessions_kr, Field.VALUE): {
            input_action_id(Field.VALUE): {"type": "number_input", "value": "lots"}
        },
        kr_block_id(seeded.sessions_kr, Field.CONFIDENCE): {
            input_action_id(Field.CONFIDENCE): {"type": "number_input", "value": "12"}
        },
    }
    with database_held(slack.database):
        answer = json_body(slack.submit(view, values, ALICE))
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {
        kr_block_id(seeded.sessions_kr, Field.VALUE),
        kr_block_id(seeded.sessions_kr, Field.CONFIDENCE),
    }


def test_clicking_check_in_is_acknowledged_before_the_form_is_read(
    slack: SlackHarness,
) -> None:
    prompt = prompt_to(slack, ALICE)
    slack.fake.clear()
    with database_held(slack.database) as release:
        response = slack.click(Action.CHECK_IN, "2026-W47", ALICE, prompt)
        assert (response.status, response.body) == (200, "")
        assert slack.fake.calls_to("views.open") == []
        release.set()
        slack.fake.wait_for("views.open")


def test_opening_home_is_acknowledged_before_the_event_is_claimed_or_read(
    slack: SlackHarness,
) -> None:
    with database_held(slack.database) as release:
        opened = {"type": "app_home_opened", "user": ALICE, "tab": "home"}
        assert slack.event(opened).status == 200
        assert slack.fake.calls_to("views.publish") == []
        release.set()
        slack.fake.wait_for("views.publish")
