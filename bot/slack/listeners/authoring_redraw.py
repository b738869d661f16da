"""Re-drawing an authoring modal from what was typed, with fresh coaching under each title."""

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.drafting import MAX_KEY_RESULTS
from bot.domain.progress import KRType
from bot.services.okrs.drafts import DraftField, TitleFeedback
from bot.services.registry import Services
from bot.services.sources.results import SourceProbe
from bot.slack import payload
from bot.slack.draft_metadata import STALE_FORM, DraftMetadata
from bot.slack.forms.draft import key_result_indices, picked_id, view_prefill
from bot.slack.forms.source import shows_source
from bot.slack.ids import Callback, Prefill, draft_block_id
from bot.slack.render.blocks import Block
from bot.slack.render.kr_inputs import key_result_defaults
from bot.slack.render.kr_modal import edit_key_result_modal
from bot.slack.render.objective_modals import edit_objective_modal, new_objective_modal
from bot.slack.render.source_section import SourceSection

log = logging.getLogger(__name__)


def redraw(
    services: Services,
    user: str,
    view: dict[str, Any],
    *,
    add_key_result: bool = False,
    probe: SourceProbe | None = None,
) -> dict[str, Any]:
    """The same modal with the person's input kept, hints refreshed, maybe one KR more;
    `probe`: what the Data source section's *Test* found."""
    metadata = DraftMetadata.from_json(view.get("private_metadata", ""))
    prefill = view_prefill(view)
    authoring = services.authoring
    match view.get("callback_id"):
        case Callback.NEW_OBJECTIVE:
            if add_key_result and metadata.krs < MAX_KEY_RESULTS:
                prefill = key_result_defaults(metadata.krs, user) | prefill
                metadata = DraftMetadata(metadata.channel, metadata.team, metadata.krs + 1)
            feedback = _feedback(services, prefill, metadata.krs, objective_first=True)
            choices = services.authoring_choices.new_objective_choices(
                user,
                picked_id(prefill, DraftField.TEAM),
                picked_id(prefill, DraftField.CYCLE),
                picked_id(prefill, DraftField.PARENT),
            )
            return new_objective_modal(choices, user, metadata, prefill, feedback)
        case Callback.EDIT_OBJECTIVE:
            parent = picked_id(prefill, DraftField.PARENT)
            details = authoring.objective_details(user, metadata.objective or 0, parent)
            feedback = _feedback(services, prefill, details.key_result_count, objective_first=True)
            return edit_objective_modal(details, metadata, prefill, feedback)
        case Callback.EDIT_KEY_RESULT:
            details_kr = authoring.key_result_details(user, metadata.kr or 0)
            feedback = _feedback(services, prefill, 1, objective_first=False)
            source = SourceSection(details_kr.ref, probe) if shows_source(view) else None
            return edit_key_result_modal(
                details_kr, metadata, prefill, feedback.get(None), source=source
            )
        case _:
            raise payload.StalePayload(STALE_FORM)


def redraw_on_click(
    services: Services,
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    *,
    add_key_result: bool = False,
    probe: Callable[[str, dict[str, Any]], SourceProbe] | None = None,
) -> None:
    """A button or keystroke in an authoring modal: acknowledge, then redraw the modal;
    `probe(user, view)` first fetches what the Data source section describes."""
    user, view = payload.user_id(body), payload.view_of(body)
    where = payload.view_id(view), payload.view_hash(view)
    # A fetch can take seconds: Slack wants its answer within three.
    ack()
    found = probe(user, view) if probe is not None else None
    update_view(
        client, where, redraw(services, user, view, add_key_result=add_key_result, probe=found)
    )


def update_view(client: WebClient, where: tuple[str, str | None], new_view: dict[str, Any]) -> None:
    """Replace the modal at (view id, hash) unless it changed since that hash."""
    view_id, view_hash = where
    try:
        client.views_update(view_id=view_id, hash=view_hash, view=new_view)
    except SlackApiError as error:
        # A newer keystroke already changed the view: its own update carries the hints.
        if error.response.get("error") != "hash_conflict":
            raise
        log.info("views.update skipped: the modal changed meanwhile")


def confirm(
    client: WebClient, user: str, channel: str | None, text: str, blocks: list[Block]
) -> None:
    """Tell the author privately where they typed the command, else in a direct message."""
    if channel and not channel.startswith("D"):
        try:
            client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=blocks)
            return
        except SlackApiError as error:
            log.info("ephemeral confirmation failed (%s); sending a DM", error.response["error"])
    client.chat_postMessage(
        channel=user, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
    )


def _feedback(
    services: Services, prefill: Prefill, key_results: int, *, objective_first: bool
) -> dict[int | None, TitleFeedback]:
    found: dict[int | None, TitleFeedback] = {}
    indices: list[int | None] = [None, *key_result_indices(prefill)]
    for index in indices:
        title = prefill.get(draft_block_id(DraftField.TITLE, index))
        if not isinstance(title, str) or not title.strip():
            continue
        if index is None and objective_first:
            found[index] = services.authoring.title_feedback(
                title, objective=True, key_result_count=key_results
            )
            continue
        kr_type = prefill.get(draft_block_id(DraftField.TYPE, index))
        found[index] = services.authoring.title_feedback(
            title,
            kr_type=KRType(kr_type) if kr_type in set(KRType) else KRType.INCREASE_TO,
            start=_number(prefill.get(draft_block_id(DraftField.START, index))),
            target=_number(prefill.get(draft_block_id(DraftField.TARGET, index))),
        )
    return found


def _number(value: str | list[str] | None) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return None
