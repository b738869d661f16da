"""Buttons: *Check in*, *No change*, *Snooze* and *I'm away* on the prompt; Home's buttons."""

from dataclasses import replace
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.domain.errors import NeedsFullCheckin
from bot.services.checkins import SnoozeFor
from bot.services.registry import Services
from bot.services.snapshots import CheckinForm, PromptMessage
from bot.slack.ids import Action, parse_snooze_value
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.surfaces import open_checkin_modal, open_modal, show_receipt
from bot.slack.render.away import away_modal
from bot.slack.render.checkin_receipt import snoozed
from bot.slack.render.history import history_modal


class Buttons:
    """What each button does once its click is acknowledged; ids in values are hints only."""

    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._services = services
        self._follow_ups = after_ack.follow_ups

    def check_in(self, body: dict[str, Any], client: WebClient) -> None:
        # The period in the button is a hint; the service re-checks it against the member.
        period = _action(body).get("value") or None
        form = self._services.checkins.checkin_form(body["user"]["id"], period)
        open_checkin_modal(client, body["trigger_id"], form)

    def no_change(self, body: dict[str, Any], client: WebClient) -> None:
        user, period = body["user"]["id"], _action(body)["value"]
        checkins = self._services.checkins
        try:
            saved = checkins.no_change(user, period)
        except NeedsFullCheckin as missing:
            form = checkins.checkin_form(user, period)
            notice = CheckinForm(form.period, form.key_results, notice=missing.message)
            open_checkin_modal(client, body["trigger_id"], notice)
            return
        # The button's own message is the one to turn into the receipt.
        clicked = PromptMessage(body["container"]["channel_id"], body["container"]["message_ts"])
        show_receipt(
            client, self._services, self._follow_ups, replace(saved, prompt_message=clicked)
        )

    def snooze(self, body: dict[str, Any], client: WebClient) -> None:
        period, choice = parse_snooze_value(_action(body)["selected_option"]["value"])
        until = self._services.checkins.snooze(body["user"]["id"], period, SnoozeFor(choice))
        text, blocks = snoozed(period, until)
        channel, ts = body["container"]["channel_id"], body["container"]["message_ts"]
        self._follow_ups.run(
            "chat.update of a snoozed prompt",
            lambda: client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks),
        )

    def ask_until_when(self, body: dict[str, Any], client: WebClient) -> None:
        today = self._services.away.today_for(body["user"]["id"])
        open_modal(client, body["trigger_id"], away_modal(_action(body)["value"], today))

    def show_history(self, body: dict[str, Any], client: WebClient) -> None:
        history = self._services.checkins.history(int(_action(body)["value"]))
        open_modal(client, body["trigger_id"], history_modal(history))


def _action(body: dict[str, Any]) -> dict[str, Any]:
    action: dict[str, Any] = body["actions"][0]
    return action


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    buttons = Buttons(services, after_ack)
    app.action(Action.CHECK_IN)(after_ack.then_open_modal(buttons.check_in))
    app.action(Action.HOME_CHECK_IN)(after_ack.then_open_modal(buttons.check_in))
    # No change may open the modal instead, when there is no earlier answer to repeat.
    app.action(Action.NO_CHANGE)(after_ack.then_open_modal(buttons.no_change))
    app.action(Action.SNOOZE)(after_ack.then_answer(buttons.snooze))
    app.action(Action.AWAY)(after_ack.then_open_modal(buttons.ask_until_when))
    app.action(Action.HOME_HISTORY)(after_ack.then_open_modal(buttons.show_history))
