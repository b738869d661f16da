"""The settings modal's buttons (each pushes a section) and the sections' submissions."""

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.services.settings.results import TeamForm
from bot.slack import payload
from bot.slack import settings_forms as forms
from bot.slack.ids import SettingsAction, SettingsCallback
from bot.slack.ids import SettingsField as F
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.render.settings import settings_menu
from bot.slack.render.settings_modals import admins_modal, cycle_modal, team_modal, workspace_modal

Body = dict[str, Any]
STALE = "That button no longer works; open the settings again."


def register(app: App, services: Services) -> None:
    settings = services.settings

    def push(trigger: str, client: WebClient, view: dict[str, Any]) -> None:
        client.views_push(trigger_id=trigger, view=view)

    def who(ack: Ack, body: Body) -> tuple[str, str]:
        """The caller and the trigger to push with, read before the click is acknowledged."""
        found = payload.user_id(body), payload.trigger_id(body)
        ack()
        return found

    @app.action(SettingsAction.WORKSPACE)
    def open_workspace(ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = who(ack, body)
        push(trigger, client, workspace_modal(settings.workspace_form(user)))

    @app.action(SettingsAction.TEAM)
    @app.action(SettingsAction.FIND_TEAM)
    def open_team(ack: Ack, body: Body, client: WebClient) -> None:
        team_id = _picked_id(body)
        user, trigger = who(ack, body)
        found = settings.team_settings(user, team_id)
        push(trigger, client, team_modal(found.team_id, found.form, found.parent))

    @app.action(SettingsAction.NEW_TEAM)
    def open_new_team(ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = who(ack, body)
        settings.check_admin(user, "create teams")
        push(trigger, client, team_modal(None, TeamForm(""), None))

    @app.action(SettingsAction.ADMINS)
    def open_admins(ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = who(ack, body)
        push(trigger, client, admins_modal(settings.admins(user)))

    @app.action(SettingsAction.NEW_CYCLE)
    def open_new_cycle(ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = who(ack, body)
        settings.check_admin(user, "open cycles")
        push(trigger, client, cycle_modal())

    @app.action(SettingsAction.CLOSE_CYCLE)
    @app.action(SettingsAction.FIND_CYCLE)
    def close_cycle(ack: Ack, body: Body, client: WebClient) -> None:
        cycle_id, menu_id = _picked_id(body), payload.view_id(payload.view_of(body))
        user, _ = who(ack, body)
        settings.close_cycle(user, cycle_id)
        client.views_update(view_id=menu_id, view=settings_menu(settings.menu(user)))

    def save(
        callback: SettingsCallback, write: Callable[[str, dict[str, Any]], object], field: F
    ) -> None:
        listener = modal_submission(
            write, show_menu, title="Settings", refused_on=field, blocks=forms.by_block
        )
        app.view(callback)(listener)

    def show_menu(done: Submitted[object], client: WebClient) -> None:
        root = done.view.get("root_view_id")
        if isinstance(root, str) and root and root != done.view.get("id"):
            client.views_update(view_id=root, view=settings_menu(settings.menu(done.user)))

    save(
        SettingsCallback.WORKSPACE,
        lambda user, view: settings.save_workspace(user, forms.workspace_form(view)),
        F.CADENCE,
    )
    save(SettingsCallback.TEAM, lambda user, view: _save_team(services, user, view), F.NAME)
    save(
        SettingsCallback.NEW_TEAM,
        lambda user, view: settings.create_team(user, forms.team_form(view)),
        F.NAME,
    )
    save(
        SettingsCallback.ADMINS,
        lambda user, view: settings.set_admins(user, forms.admins(view)),
        F.ADMINS,
    )
    save(
        SettingsCallback.NEW_CYCLE,
        lambda user, view: settings.open_cycle(user, forms.new_cycle(view)),
        F.NAME,
    )


def _save_team(services: Services, user: str, view: dict[str, Any]) -> None:
    team_id = forms.team_id_of(view)
    if team_id is None:
        raise payload.StalePayload("This form lost track of its team; open the settings again.")
    services.settings.save_team(user, team_id, forms.team_form(view))


def _picked_id(body: Body) -> int:
    """The id on a clicked button, or on the option picked in a type-ahead select."""
    action = payload.action_of(body)
    if "selected_option" in action:
        return payload.parse_id(payload.selected_value(action, STALE), STALE)
    return payload.button_id(action, STALE)
