"""Authoring modals: coaching while a title is typed, *Add a key result*, and saving."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import FieldErrors
from bot.services.registry import Services
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.forms.draft import (
    field_errors,
    input_block_ids,
    parse_new_objective,
    parse_objective_edit,
    view_prefill,
)
from bot.slack.ids import Action, Callback
from bot.slack.listeners.authoring_redraw import confirm, redraw_on_click
from bot.slack.listeners.modal_submission import Listener, Submitted, modal_submission
from bot.slack.listeners.sources import save_key_result
from bot.slack.render.blocks import Block
from bot.slack.render.draft_receipt import objective_created, objective_updated

View = dict[str, Any]


@dataclass(frozen=True)
class Confirmation:
    """What to tell the author once saved, and where they typed the command."""

    channel: str | None
    text: str
    blocks: list[Block]


class Authoring:
    def __init__(self, services: Services) -> None:
        self._services = services
        self._authoring = services.authoring

    def coach_title(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        redraw_on_click(self._services, ack, body, client)

    def add_key_result(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        redraw_on_click(self._services, ack, body, client, add_key_result=True)

    def create(self, user: str, view: View) -> Confirmation:
        metadata = _metadata(view)
        draft = parse_new_objective(view_prefill(view), input_block_ids(view))
        created = self._authoring.create_objective(user, draft)
        return Confirmation(metadata.channel, *objective_created(created))

    def edit_objective(self, user: str, view: View) -> Confirmation:
        metadata, edit = _metadata(view), parse_objective_edit(view_prefill(view))
        saved = self._authoring.update_objective(user, metadata.objective or 0, edit)
        return Confirmation(metadata.channel, *objective_updated(saved))

    def edit_key_result(self, user: str, view: View) -> Confirmation:
        metadata = _metadata(view)
        text, blocks = save_key_result(self._services, user, metadata.kr or 0, view)
        return Confirmation(metadata.channel, text, blocks)


def register(app: App, services: Services) -> None:
    authoring = Authoring(services)
    app.action(Action.DRAFT_TITLE)(authoring.coach_title)
    app.action(Action.DRAFT_ADD_KR)(authoring.add_key_result)
    app.view(Callback.NEW_OBJECTIVE)(_saving(authoring.create, "New objective"))
    app.view(Callback.EDIT_OBJECTIVE)(_saving(authoring.edit_objective, "Edit objective"))
    app.view(Callback.EDIT_KEY_RESULT)(_saving(authoring.edit_key_result, "Edit key result"))


def _saving(save: Callable[[str, View], Confirmation], title: str) -> Listener:
    return modal_submission(save, _confirm, title=title, blocks=_on_blocks)


def _confirm(done: Submitted[Confirmation], client: WebClient) -> None:
    confirmation = done.saved
    confirm(client, done.user, confirmation.channel, confirmation.text, confirmation.blocks)


def _on_blocks(invalid: FieldErrors[Any], view: View) -> dict[str, str]:
    return field_errors(invalid, input_block_ids(view))


def _metadata(view: View) -> DraftMetadata:
    return DraftMetadata.from_json(view.get("private_metadata", ""))
