"""`/okr new` and `/okr edit O-7|KR-12`: open the authoring modals, permissions checked first."""

from typing import Any

from bot.domain.errors import DomainError
from bot.domain.refs import Ref, RefKind
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.listeners.sources import opened_with_source
from bot.slack.listeners.surfaces import open_modal
from bot.slack.render.help import error_message
from bot.slack.render.kr_modal import edit_key_result_modal
from bot.slack.render.objective_modals import edit_objective_modal, new_objective_modal
from bot.slack.render.text import escape, truncate

EDIT_USAGE = "/okr edit O-7|KR-12"
WHICH_ONE = (
    "Tell me what to edit by its reference: `/okr edit O-7` for an objective or "
    "`/okr edit KR-12` for a key result. References show in digests, on App Home and in "
    "`/okr list`."
)


def _new(call: Invocation) -> None:
    metadata = DraftMetadata(channel=_channel(call))
    try:
        view = new_objective_modal(
            call.services.authoring_choices.new_objective_choices(call.user_id),
            call.user_id,
            metadata,
        )
    except DomainError as refused:
        call.reply(*error_message(refused.message))
        return
    _open(call, view)


def _edit(call: Invocation) -> None:
    ref = call.tokens[0] if call.tokens else None
    if not isinstance(ref, Ref):
        said = f"`{escape(truncate(call.args[0], 40))}` is not a reference. " if call.args else ""
        call.reply(said + WHICH_ONE, [])
        return
    authoring = call.services.authoring
    try:
        if ref.kind is RefKind.OBJECTIVE:
            details = authoring.objective_details(call.user_id, ref.id)
            metadata = DraftMetadata(_channel(call), team=details.team_id, objective=ref.id)
            view = edit_objective_modal(details, metadata)
        else:
            kr = authoring.key_result_details(call.user_id, ref.id)
            prefill, source = opened_with_source(call.services, call.user_id, kr)
            metadata = DraftMetadata(_channel(call), kr.team_id, kr=ref.id)
            view = edit_key_result_modal(kr, metadata, prefill, source=source)
    except DomainError as refused:
        call.reply(*error_message(refused.message))
        return
    _open(call, view)


def _open(call: Invocation, view: dict[str, Any]) -> None:
    open_modal(call.client, call.body["trigger_id"], view)


def _channel(call: Invocation) -> str | None:
    channel = call.body.get("channel_id")
    return str(channel) if channel else None


NEW = Subcommand(
    "new",
    "/okr new",
    "create an objective with up to 5 key results (team leads, admins)",
    _new,
    opens_modal=True,
)
EDIT = Subcommand(
    "edit",
    EDIT_USAGE,
    "edit an objective or a key result, or archive a key result",
    _edit,
    opens_modal=True,
)
