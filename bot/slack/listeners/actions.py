"""Buttons: *Check in*, *No change*, *Snooze* and *I'm away* on the prompt; Home's buttons."""

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import NeedsFullCheckin
from bot.services.checkins import SnoozeFor
from bot.services.registry import Services
from bot.services.snapshots import CheckinForm
from bot.slack import payload
from bot.slack.ids import Action, parse_snooze_value
from bot.slack.listeners.surfaces import open_checkin_modal, refresh_home
from bot.slack.render.away import away_modal
from bot.slack.render.checkin_receipt import checkin_receipt, snoozed
from bot.slack.render.history import history_modal

STALE_PROMPT = "This check-in message is out of date. Use `/okr checkin` to check in now."
# Each listener reads what it needs from the payload before acknowledging: a shape we never
# rendered is answered kindly, before Slack hears that the click worked.


def register(app: App, services: Services) -> None:
    @app.action(Action.CHECK_IN)
    @app.action(Action.HOME_CHECK_IN)
    def check_in(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # The period in the button is a hint; the service re-checks it against the member.
        period = payload.optional_value(payload.action_of(body), STALE_PROMPT)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        ack()
        open_checkin_modal(client, trigger, services.checkins.checkin_form(user, period))

    @app.action(Action.NO_CHANGE)
    def no_change(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        period = payload.value(payload.action_of(body), STALE_PROMPT)
        channel, ts = payload.message_at(body)
        ack()
        try:
            receipt = services.checkins.no_change(user, period)
        except NeedsFullCheckin as missing:
            form = services.checkins.checkin_form(user, period)
            notice = CheckinForm(form.period, form.key_results, notice=missing.message)
            open_checkin_modal(client, trigger, notice)
            return
        text, blocks = checkin_receipt(receipt)
        client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        refresh_home(client, services, user)

    @app.action(Action.SNOOZE)
    def snooze(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        picked = payload.selected_value(payload.action_of(body), STALE_PROMPT)
        period, choice = parse_snooze_value(picked)
        if choice not in set(SnoozeFor):
            raise payload.StalePayload(STALE_PROMPT)
        user, (channel, ts) = payload.user_id(body), payload.message_at(body)
        ack()
        until = services.checkins.snooze(user, period, SnoozeFor(choice))
        text, blocks = snoozed(period, until)
        client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)

    @app.action(Action.AWAY)
    def ask_until_when(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        period = payload.value(payload.action_of(body), STALE_PROMPT)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        ack()
        client.views_open(
            trigger_id=trigger, view=away_modal(period, services.away.today_for(user))
        )

    @app.action(Action.HOME_HISTORY)
    def show_history(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        kr_id, trigger = payload.button_id(payload.action_of(body)), payload.trigger_id(body)
        ack()
        client.views_open(trigger_id=trigger, view=history_modal(services.checkins.history(kr_id)))
