"""Steps of the weekly check-in shared by Slack-flow tests: the prompt, the modal, its values."""

from typing import Any

from bot.slack.ids import Action, Field, input_action_id, kr_block_id
from tests.fakes.blockkit import assert_valid_view
from tests.seed import ALICE, Seeded
from tests.slack.harness import PostedPrompt, SlackHarness


def prompt_to(slack: SlackHarness, user: str, period: str = "2026-W47") -> PostedPrompt:
    """Send the period's prompts now; the one DM'd to `user`."""
    slack.services.prompts.send_due_prompts(force=True)
    return slack.posted_prompt(user, period)


def checkin_values(
    seeded: Seeded, sessions: str, confidence: str, **extra: str
) -> dict[str, dict[str, Any]]:
    """Alice's answers for her three key results, as the modal's state values."""

    def entry(kr: int, field: Field, state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return kr_block_id(kr, field), {input_action_id(field): state}

    def number(value: str) -> dict[str, Any]:
        return {"type": "number_input", "value": value}

    def text(value: str | None) -> dict[str, Any]:
        return {"type": "plain_text_input", "value": value}

    return dict(
        [
            entry(seeded.sessions_kr, Field.VALUE, number(sessions)),
            entry(seeded.sessions_kr, Field.CONFIDENCE, number(confidence)),
            entry(seeded.sessions_kr, Field.NOTE, text(extra.get("note"))),
            entry(seeded.sessions_kr, Field.BLOCKER, text(extra.get("blocker"))),
            entry(seeded.churn_kr, Field.VALUE, number("7.5")),
            entry(seeded.churn_kr, Field.CONFIDENCE, number("5")),
            entry(seeded.launch_kr, Field.VALUE, {"type": "checkboxes", "selected_options": []}),
            entry(seeded.launch_kr, Field.CONFIDENCE, number("6")),
        ]
    )


def open_checkin_modal(slack: SlackHarness, prompt: PostedPrompt) -> dict[str, Any]:
    """Alice clicks *Check in* on her prompt; the modal the bot opened."""
    slack.fake.clear()
    assert slack.click(Action.CHECK_IN, "2026-W47", ALICE, prompt).status == 200
    view: dict[str, Any] = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)
    return view
