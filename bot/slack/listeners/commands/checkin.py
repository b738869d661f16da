"""`/okr checkin [KR-12]`: the check-in modal, for all my key results or for one I may write."""

from bot.domain.errors import DomainError
from bot.domain.refs import Ref, RefKind
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.listeners.surfaces import open_checkin_modal

USAGE = "/okr checkin [KR-12]"


def _checkin(call: Invocation) -> None:
    kr_id = _kr_id(call)
    if kr_id is None:
        form = call.services.checkins.checkin_form(call.user_id)
    else:
        # Owners, contributors, the team's leads and admins; anyone else is told why.
        form = call.services.checkins.checkin_form_for(call.user_id, kr_id)
    open_checkin_modal(call.client, call.body["trigger_id"], form)


def _kr_id(call: Invocation) -> int | None:
    if not call.tokens:
        return None
    [token, *rest] = call.tokens
    if isinstance(token, Ref) and token.kind is RefKind.KEY_RESULT and not rest:
        return token.id
    raise DomainError(f"Try `/okr checkin` for all your key results, or `{USAGE}` for one of them.")


SUBCOMMAND = Subcommand(
    "checkin",
    "/okr checkin",
    "check in on your key results now; `/okr checkin KR-12` for one you help with or lead",
    _checkin,
    opens_modal=True,
)
