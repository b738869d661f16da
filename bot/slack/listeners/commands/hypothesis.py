"""`/okr hypothesis KR-12`: a modal to add a hypothesis under the key result."""

from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.listeners.commands.retro import key_result_id
from bot.slack.listeners.surfaces import open_modal
from bot.slack.render.hypotheses import hypothesis_modal

USAGE = "/okr hypothesis KR-12"


def _hypothesis(call: Invocation) -> None:
    kr_id = key_result_id(call.tokens, USAGE)
    # Checked before the modal opens, so a refused user hears why instead of filling it in.
    kr = call.services.hypotheses.key_result_for_form(call.user_id, kr_id)
    open_modal(call.client, call.body["trigger_id"], hypothesis_modal(kr))


SUBCOMMAND = Subcommand(
    "hypothesis",
    USAGE,
    "add a hypothesis under a key result, ranked by ICE",
    _hypothesis,
    opens_modal=True,
)
