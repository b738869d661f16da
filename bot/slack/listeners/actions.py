"""Buttons: *Check in*, *No change*, *Snooze* and *I'm away* on the prompt; Home's buttons."""

from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import NeedsFullCheckin
from bot.services.checkins import SnoozeFor
from bot.services.registry import Services
from bot.services.snapshots import CheckinForm, PromptMessage
from bot.slack.follow_ups import FollowUps
from bot.slack.ids import Action, parse_snooze_value
from bot.slack.listeners.surfaces import open_checkin_modal, open_modal, show_receipt
from bot.slack.render.away import away_modal
from bot.slack.render.checkin_receipt import snoozed
from bot.slack.render.history import history_modal


def register(app: App, services: Services, follow_ups: FollowUps) -> None:
    @app.action(Action.CHECK_IN)
    @app.action(Action.HOME_CHECK_IN)
    def check_in(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        # The period in the button is a hint; the service re-checks it against the member.
        form = services.checkins.checkin_form(body["user"]["id"], action.get("value") or None)
        open_checkin_modal(client, body["trigger_id"], form)

    @app.action(Action.NO_CHANGE)
    def no_change(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient
    ) -> None:
        ack()
        user = body["user"]["id"]
        try:
            receipt = services.checkins.no_change(user, action["value"])
        except NeedsFullCheckin as missing:
            form = services.checkins.checkin_form(user, action["value"])
            notice = CheckinForm(form.period, form.key_results, notice=missing.message)
            open_checkin_modal(client, body["trigger_id"], notice)
            return
        # The button's own message is the one to turn into the receipt.
        clicked = PromptMessage(body["container"]["channel_id"], body["container"]["message_ts"])
        show_receipt(client, services, follow_ups, replace(receipt, prompt_message=clicked))

    @app.action(Action.SNOOZE)
    def snooze(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        period, choice = parse_snooze_value(action["selected_option"]["value"])
        until = services.checkins.snooze(body["user"]["id"], period, SnoozeFor(choice))
        text, blocks = snoozed(period, until)
        channel, ts = body["container"]["channel_id"], body["container"]["message_ts"]
        follow_ups.run(
            "chat.update of a snoozed prompt",
            lambda: client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks),
        )

    @app.action(Action.AWAY)
    def ask_until_when(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient
    ) -> None:
        ack()
        today = services.away.today_for(body["user"]["id"])
        open_modal(client, body["trigger_id"], away_modal(action["value"], today))

    @app.action(Action.HOME_HISTORY)
    def show_history(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient
    ) -> None:
        ack()
        history = services.checkins.history(int(action["value"]))
        open_modal(client, body["trigger_id"], history_modal(history))
