"""`/okr prefs` and the App Home's *My settings*: open the modal, save what the member chose."""

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack import payload
from bot.slack.forms import settings as forms
from bot.slack.ids import Action, Callback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.modal_submission import modal_submission
from bot.slack.listeners.surfaces import open_modal
from bot.slack.render.prefs import prefs_modal


def open_prefs(services: Services, client: WebClient, user: str, trigger: str) -> None:
    open_modal(client, trigger, prefs_modal(services.prefs.view(user)))


class Prefs:
    def __init__(self, services: Services) -> None:
        self._services = services

    def open_from_home(self, body: dict[str, Any], client: WebClient) -> None:
        open_prefs(self._services, client, payload.user_id(body), payload.trigger_id(body))

    def save(self, user: str, view: dict[str, Any]) -> None:
        self._services.prefs.save(user, forms.prefs_form(view))


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    prefs = Prefs(services)
    app.action(Action.HOME_PREFS)(after_ack.then_open_modal(prefs.open_from_home))
    app.view(Callback.PREFS_MODAL)(
        modal_submission(prefs.save, title="My check-in settings", blocks=forms.by_block)
    )
