"""Key-result data sources in the edit modal: the section opened, its *Test* button, saving.

*Test* acknowledges at once, fetches, then shows what was found in the modal."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError, FieldErrors
from bot.domain.sources import WebhookSource
from bot.services.okrs.drafts import KeyResultDetails
from bot.services.registry import Services
from bot.services.sources.results import SourceProbe
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.forms.draft import parse_key_result_edit, view_prefill
from bot.slack.forms.source import (
    SourceEdit,
    parse_source_section,
    shows_source,
    source_prefill,
)
from bot.slack.ids import Action, Prefill
from bot.slack.listeners.authoring_redraw import redraw_on_click
from bot.slack.render.blocks import Block, context
from bot.slack.render.draft_receipt import key_result_updated
from bot.slack.render.kr_modal import key_result_prefill
from bot.slack.render.source_section import SourceSection, webhook_note

PICK_A_KIND = "Pick a kind of data source to test it."


class Sources:
    def __init__(self, services: Services) -> None:
        self._services = services

    def test(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        redraw_on_click(self._services, ack, body, client, probe=self._probe)

    def _probe(self, user: str, view: dict[str, Any]) -> SourceProbe:
        metadata = DraftMetadata.from_json(view.get("private_metadata", ""))
        return tested(self._services, user, metadata.kr or 0, view)


def register(app: App, services: Services) -> None:
    sources = Sources(services)
    app.action(Action.SOURCE_TEST)(sources.test)


def opened_with_source(
    services: Services, user: str, details: KeyResultDetails
) -> tuple[Prefill, SourceSection | None]:
    """What the modal first shows; the section only for the owner, team leads and admins."""
    prefill = key_result_prefill(details)
    editable = services.source_editor.editable(user, details.kr_id)
    if editable is None:
        return prefill, None
    return prefill | source_prefill(editable.spec), SourceSection(details.ref)


def tested(services: Services, user: str, kr_id: int, view: dict[str, Any]) -> SourceProbe:
    """The *Test* button: the section as typed now, fetched and not saved."""
    try:
        edit = parse_source_section(view_prefill(view))
    except FieldErrors as invalid:
        return SourceProbe(error=" ".join(invalid.errors.values()))
    if edit.spec is None:
        return SourceProbe(error=PICK_A_KIND)
    try:
        return services.source_editor.test(user, kr_id, edit.spec)
    except DomainError as refused:
        return SourceProbe(error=refused.message)


def save_key_result(
    services: Services, user: str, kr_id: int, view: dict[str, Any]
) -> tuple[str, list[Block]]:
    """Save the key result and, when the form carried it, its source; rights judged again."""
    prefill, errors = view_prefill(view), {}
    try:
        draft, archive = parse_key_result_edit(prefill)
    except FieldErrors as invalid:
        errors = invalid.errors
    source: SourceEdit | None = None
    if shows_source(view):
        try:
            source = parse_source_section(prefill)
        except FieldErrors as invalid:
            errors |= invalid.errors
    if errors:
        raise FieldErrors(errors)
    if source is not None:
        services.source_editor.check(user, kr_id)
    saved = services.authoring.update_key_result(user, kr_id, draft, archive=archive)
    text, blocks = key_result_updated(saved)
    if source is not None:
        services.source_editor.save(user, kr_id, source.spec)
        if source.spec is not None and isinstance(source.spec, WebhookSource):
            blocks = [*blocks, context(webhook_note(saved.ref))]
    return text, blocks
