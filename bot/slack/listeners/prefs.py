"""`/okr prefs` and the App Home's *My settings*: open the modal, save what the member chose."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.services.settings.results import SettingsInvalid
from bot.slack import payload
from bot.slack import settings_forms as forms
from bot.slack.ids import Action, Callback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.surfaces import open_modal
from bot.slack.render.help import notice_view
from bot.slack.render.prefs import prefs_modal


def open_prefs(services: Services, client: WebClient, user: str, trigger: str) -> None:
    open_modal(client, trigger, prefs_modal(services.prefs.view(user)))


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    def from_home(body: dict[str, Any], client: WebClient) -> None:
        open_prefs(services, client, payload.user_id(body), payload.trigger_id(body))

    app.action(Action.HOME_PREFS)(after_ack.then_open_modal(from_home))

    @app.view(Callback.PREFS_MODAL)
    def save(ack: Ack, body: dict[str, Any]) -> None:
        try:
            user = payload.user_id(body)
            services.prefs.save(user, forms.prefs_form(payload.view_of(body)))
        except (forms.FormErrors, SettingsInvalid) as invalid:
            ack(response_action="errors", errors=forms.blocks_of(invalid.errors))
            return
        except payload.StalePayload as stale:
            ack(response_action="update", view=notice_view("My check-in settings", stale.message))
            return
        ack()
