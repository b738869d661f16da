"""The settings modal's buttons (each pushes a section) and the sections' submissions."""

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import DomainError
from bot.services.registry import Services
from bot.services.settings_types import SettingsInvalid, TeamForm
from bot.slack import settings_forms as forms
from bot.slack.ids import SettingsAction, SettingsCallback, button_id
from bot.slack.ids import SettingsField as F
from bot.slack.render.settings import settings_menu
from bot.slack.render.settings_modals import admins_modal, cycle_modal, team_modal, workspace_modal

Body = dict[str, Any]


def register(app: App, services: Services) -> None:
    settings = services.settings

    def push(body: Body, client: WebClient, view: dict[str, Any]) -> None:
        client.views_push(trigger_id=body["trigger_id"], view=view)

    @app.action(SettingsAction.WORKSPACE)
    def open_workspace(ack: Ack, body: Body, client: WebClient) -> None:
        ack()
        push(body, client, workspace_modal(settings.workspace_form(body["user"]["id"])))

    @app.action(SettingsAction.TEAM)
    def open_team(ack: Ack, body: Body, client: WebClient) -> None:
        ack()
        found = settings.team_settings(body["user"]["id"], _value_id(body))
        push(body, client, team_modal(found.team_id, found.form, found.parents))

    @app.action(SettingsAction.NEW_TEAM)
    def open_new_team(ack: Ack, body: Body, client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        settings.check_admin(user, "create teams")
        push(body, client, team_modal(None, TeamForm(""), settings.menu(user).teams))

    @app.action(SettingsAction.ADMINS)
    def open_admins(ack: Ack, body: Body, client: WebClient) -> None:
        ack()
        push(body, client, admins_modal(settings.admins(body["user"]["id"])))

    @app.action(SettingsAction.NEW_CYCLE)
    def open_new_cycle(ack: Ack, body: Body, client: WebClient) -> None:
        ack()
        settings.check_admin(body["user"]["id"], "open cycles")
        push(body, client, cycle_modal())

    @app.action(SettingsAction.CLOSE_CYCLE)
    def close_cycle(ack: Ack, body: Body, client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        settings.close_cycle(user, _value_id(body))
        client.views_update(view_id=body["view"]["id"], view=settings_menu(settings.menu(user)))

    def on_submit(
        callback: SettingsCallback, save: Callable[[str, dict[str, Any]], object], refused_on: F
    ) -> None:
        @app.view(callback)
        def submitted(ack: Ack, body: Body, view: dict[str, Any], client: WebClient) -> None:
            user = body["user"]["id"]
            try:
                save(user, view)
            except (forms.FormErrors, SettingsInvalid) as invalid:
                ack(response_action="errors", errors=forms.blocks_of(invalid.errors))
                return
            except DomainError as refused:
                ack(response_action="errors", errors={refused_on: refused.message})
                return
            ack()
            root = view.get("root_view_id")
            if root and root != view.get("id"):
                menu = settings_menu(settings.menu(user))
                client.views_update(view_id=root, view=menu)

    on_submit(
        SettingsCallback.WORKSPACE,
        lambda user, view: settings.save_workspace(user, forms.workspace_form(view)),
        F.CADENCE,
    )
    on_submit(SettingsCallback.TEAM, lambda user, view: _save_team(services, user, view), F.NAME)
    on_submit(
        SettingsCallback.NEW_TEAM,
        lambda user, view: settings.create_team(user, forms.team_form(view)),
        F.NAME,
    )
    on_submit(
        SettingsCallback.ADMINS,
        lambda user, view: settings.set_admins(user, forms.admins(view)),
        F.ADMINS,
    )
    on_submit(
        SettingsCallback.NEW_CYCLE,
        lambda user, view: settings.open_cycle(user, forms.new_cycle(view)),
        F.NAME,
    )


def _save_team(services: Services, user: str, view: dict[str, Any]) -> None:
    team_id = forms.team_id_of(view)
    if team_id is None:
        raise DomainError("This form lost track of its team; open the settings again.")
    services.settings.save_team(user, team_id, forms.team_form(view))


def _value_id(body: Body) -> int:
    return button_id(body["actions"][0], "That button no longer works; open the settings again.")
