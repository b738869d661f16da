"""The settings modal's buttons (each pushes a section) and the sections' submissions."""

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.services.settings.results import TeamForm
from bot.slack import payload
from bot.slack.forms import settings as forms
from bot.slack.ids import SettingsAction, SettingsCallback
from bot.slack.ids import SettingsField as F
from bot.slack.listeners.modal_submission import Listener, Submitted, modal_submission
from bot.slack.render.settings import settings_menu
from bot.slack.render.settings_modals import admins_modal, cycle_modal, team_modal, workspace_modal

Body = dict[str, Any]
View = dict[str, Any]
STALE = "That button no longer works; open the settings again."


class Settings:
    def __init__(self, services: Services) -> None:
        self._settings = services.settings

    def open_workspace(self, ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = _who(ack, body)
        _push(trigger, client, workspace_modal(self._settings.workspace_form(user)))

    def open_team(self, ack: Ack, body: Body, client: WebClient) -> None:
        team_id = _picked_id(body)
        user, trigger = _who(ack, body)
        found = self._settings.team_settings(user, team_id)
        _push(trigger, client, team_modal(found.team_id, found.form, found.parent))

    def open_new_team(self, ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = _who(ack, body)
        self._settings.check_admin(user, "create teams")
        _push(trigger, client, team_modal(None, TeamForm(""), None))

    def open_admins(self, ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = _who(ack, body)
        _push(trigger, client, admins_modal(self._settings.admins(user)))

    def open_new_cycle(self, ack: Ack, body: Body, client: WebClient) -> None:
        user, trigger = _who(ack, body)
        self._settings.check_admin(user, "open cycles")
        _push(trigger, client, cycle_modal())

    def close_cycle(self, ack: Ack, body: Body, client: WebClient) -> None:
        cycle_id, menu_id = _picked_id(body), payload.view_id(payload.view_of(body))
        user, _ = _who(ack, body)
        self._settings.close_cycle(user, cycle_id)
        client.views_update(view_id=menu_id, view=settings_menu(self._settings.menu(user)))

    def save_workspace(self, user: str, view: View) -> None:
        self._settings.save_workspace(user, forms.workspace_form(view))

    def save_team(self, user: str, view: View) -> None:
        team_id = forms.team_id_of(view)
        if team_id is None:
            raise payload.StalePayload("This form lost track of its team; open the settings again.")
        self._settings.save_team(user, team_id, forms.team_form(view))

    def create_team(self, user: str, view: View) -> None:
        self._settings.create_team(user, forms.team_form(view))

    def set_admins(self, user: str, view: View) -> None:
        self._settings.set_admins(user, forms.admins(view))

    def open_cycle(self, user: str, view: View) -> None:
        self._settings.open_cycle(user, forms.new_cycle(view))

    def saving(self, save: Callable[[str, View], None], refused_on: F) -> Listener:
        """A section's submission; a refusal is shown on the field `refused_on`."""
        return modal_submission(
            save, self._show_menu, title="Settings", refused_on=refused_on, blocks=forms.by_block
        )

    def _show_menu(self, done: Submitted[None], client: WebClient) -> None:
        """Back on the menu, show what changed (the section was pushed on top of it)."""
        root = done.view.get("root_view_id")
        if isinstance(root, str) and root and root != done.view.get("id"):
            client.views_update(view_id=root, view=settings_menu(self._settings.menu(done.user)))


def register(app: App, services: Services) -> None:
    settings = Settings(services)
    app.action(SettingsAction.WORKSPACE)(settings.open_workspace)
    app.action(SettingsAction.TEAM)(settings.open_team)
    app.action(SettingsAction.FIND_TEAM)(settings.open_team)
    app.action(SettingsAction.NEW_TEAM)(settings.open_new_team)
    app.action(SettingsAction.ADMINS)(settings.open_admins)
    app.action(SettingsAction.NEW_CYCLE)(settings.open_new_cycle)
    app.action(SettingsAction.CLOSE_CYCLE)(settings.close_cycle)
    app.action(SettingsAction.FIND_CYCLE)(settings.close_cycle)
    app.view(SettingsCallback.WORKSPACE)(settings.saving(settings.save_workspace, F.CADENCE))
    app.view(SettingsCallback.TEAM)(settings.saving(settings.save_team, F.NAME))
    app.view(SettingsCallback.NEW_TEAM)(settings.saving(settings.create_team, F.NAME))
    app.view(SettingsCallback.ADMINS)(settings.saving(settings.set_admins, F.ADMINS))
    app.view(SettingsCallback.NEW_CYCLE)(settings.saving(settings.open_cycle, F.NAME))


def _push(trigger: str, client: WebClient, view: View) -> None:
    client.views_push(trigger_id=trigger, view=view)


def _who(ack: Ack, body: Body) -> tuple[str, str]:
    """The caller and the trigger to push with, read before the click is acknowledged."""
    found = payload.user_id(body), payload.trigger_id(body)
    ack()
    return found


def _picked_id(body: Body) -> int:
    """The id on a clicked button, or on the option picked in a type-ahead select."""
    action = payload.action_of(body)
    if "selected_option" in action:
        return payload.parse_id(payload.selected_value(action, STALE), STALE)
    return payload.button_id(action, STALE)
