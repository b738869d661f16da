"""Going away: the date picker behind *I'm away*, and what the prompt says afterwards."""

import json
from datetime import date
from typing import Any

from bot.slack.ids import AWAY_DATE_ACTION, AWAY_DATE_BLOCK, Callback
from bot.slack.render.blocks import Block, input_block, plain, section


def away_modal(period: str, today: date) -> dict[str, Any]:
    picker: Block = {
        "type": "datepicker",
        "action_id": AWAY_DATE_ACTION,
        "initial_date": today.isoformat(),
        "placeholder": plain("Last day away"),
    }
    return {
        "type": "modal",
        "callback_id": Callback.AWAY_MODAL,
        "title": plain("Away"),
        "submit": plain("Save"),
        "close": plain("Cancel"),
        "private_metadata": json.dumps({"period": period}),
        "blocks": [
            section("No check-ins or reminders while you are away. Until when?"),
            input_block(AWAY_DATE_BLOCK, "Away until (inclusive)", picker),
        ],
    }


def away_set(until: date) -> tuple[str, list[Block]]:
    text = f"You're away until {until:%A, %d %B %Y}. No check-ins until then; enjoy!"
    return text, [section(f"🌴 {text}\nBack early? Type `/okr back`.")]


def welcome_back() -> tuple[str, list[Block]]:
    text = "Welcome back! Your check-ins are on again."
    return text, [section(f"👋 {text}")]
