"""Settings inputs for quiet nudges: the holiday region, and pinging blockers' owners."""

from bot.slack.ids import MENTION_BLOCKERS
from bot.slack.ids import SettingsField as F
from bot.slack.render.blocks import Block, input_block, plain


def holidays_block(region: str | None, default_label: str) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": F.HOLIDAYS, "max_length": 16}
    if region:
        element["initial_value"] = region
    return input_block(
        F.HOLIDAYS,
        "Public holidays kept (country or region)",
        element,
        optional=True,
        hint=f"A code like DE, or DE-BY for Bavaria; nobody is nudged on one. "
        f"Empty: {default_label.lower()}.",
    )


def mention_blockers_block(on: bool) -> Block:
    choice: Block = {
        "text": plain("Mention the owners of blockers in the digest"),
        "value": MENTION_BLOCKERS,
    }
    element: Block = {"type": "checkboxes", "action_id": F.MENTION_BLOCKERS, "options": [choice]}
    if on:
        element["initial_options"] = [choice]
    return input_block(
        F.MENTION_BLOCKERS,
        "Pings from the team's channel",
        element,
        optional=True,
        hint="Digests name people without notifying them; this pings only blockers' owners.",
    )
