"""Authoring modals: coaching while a title is typed, *Add a key result*, and saving."""

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError
from bot.services.okrs.drafts import DraftProblems
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.draft_forms import (
    field_errors,
    input_block_ids,
    parse_new_objective,
    parse_objective_edit,
    view_prefill,
)
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.forms import FormErrors
from bot.slack.ids import Action, Callback
from bot.slack.listeners.draft_views import confirm, redraw, update_view
from bot.slack.render.blocks import Block
from bot.slack.render.draft_receipt import (
    objective_created,
    objective_updated,
)
from bot.slack.render.help import notice_view
from bot.slack.source_views import save_key_result

# Turns the submitted view into the confirmation to send, or raises a form or domain error.
Save = Callable[[str, DraftMetadata, dict[str, Any]], tuple[str, list[Block]]]


def register(app: App, services: Services) -> None:
    @app.action(Action.DRAFT_TITLE)
    def coach_title(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        user, view = payload.user_id(body), payload.view_of(body)
        where = payload.view_id(view), payload.view_hash(view)
        ack()
        update_view(client, where, redraw(services, user, view))

    @app.action(Action.DRAFT_ADD_KR)
    def add_key_result(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        user, view = payload.user_id(body), payload.view_of(body)
        where = payload.view_id(view), payload.view_hash(view)
        ack()
        update_view(client, where, redraw(services, user, view, add_key_result=True))

    def create(user: str, _: DraftMetadata, view: dict[str, Any]) -> tuple[str, list[Block]]:
        draft = parse_new_objective(view_prefill(view), input_block_ids(view))
        return objective_created(services.authoring.create_objective(user, draft))

    def edit_objective(
        user: str, metadata: DraftMetadata, view: dict[str, Any]
    ) -> tuple[str, list[Block]]:
        edit = parse_objective_edit(view_prefill(view))
        saved = services.authoring.update_objective(user, metadata.objective or 0, edit)
        return objective_updated(saved)

    def edit_key_result(
        user: str, metadata: DraftMetadata, view: dict[str, Any]
    ) -> tuple[str, list[Block]]:
        return save_key_result(services, user, metadata.kr or 0, view)

    for callback, title, save in (
        (Callback.NEW_OBJECTIVE, "New objective", create),
        (Callback.EDIT_OBJECTIVE, "Edit objective", edit_objective),
        (Callback.EDIT_KEY_RESULT, "Edit key result", edit_key_result),
    ):
        app.view(callback)(_submission(title, save))


def _submission(title: str, save: Save) -> Callable[..., None]:
    def submitted(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # Everything is checked before ack(): only the ack can put errors on the fields.
        try:
            user, view = payload.user_id(body), payload.view_of(body)
            metadata = DraftMetadata.from_json(view.get("private_metadata", ""))
            text, blocks = save(user, metadata, view)
        except FormErrors as invalid:
            ack(response_action="errors", errors=invalid.errors)
            return
        except DraftProblems as refused:
            ack(response_action="errors", errors=field_errors(refused, input_block_ids(view)))
            return
        except DomainError as refused:
            ack(response_action="update", view=notice_view(title, refused.message))
            return
        ack()
        confirm(client, user, metadata.channel, text, blocks)

    return submitted
