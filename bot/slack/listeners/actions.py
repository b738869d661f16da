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


def register(app: App, services: Services) -> None:
    @app.action(Action.CHECK_IN)
    @app.action(Action.HOME_CHECK_IN)
    def check_in(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        # The period in the button is a hint; the service re-checks it against the member.
        period = payload.optional_value(payload.action_of(body), STALE_PROMPT)
        form = services.checkins.checkin_form(payload.user_id(body), period)
        open_checkin_modal(client, payload.trigger_id(body), form)

    @app.action(Action.NO_CHANGE)
    def no_change(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user = payload.user_id(body)
        period = payload.value(payload.action_of(body), STALE_PROMPT)
        channel, ts = payload.message_at(body)
        try:
            receipt = services.checkins.no_change(user, period)
        except NeedsFullCheckin as missing:
            form = services.checkins.checkin_form(user, period)
            notice = CheckinForm(form.period, form.key_results, notice=missing.message)
            open_checkin_modal(client, payload.trigger_id(body), notice)
            return
        text, blocks = checkin_receipt(receipt)
        client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        refresh_home(client, services, user)

    @app.action(Action.SNOOZE)
    def snooze(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        picked = payload.selected_value(payload.action_of(body), STALE_PROMPT)
        period, choice = parse_snooze_value(picked)
        if choice not in set(SnoozeFor):
            raise payload.StalePayload(STALE_PROMPT)
        channel, ts = payload.message_at(body)
        until = services.checkins.snooze(payload.user_id(body), period, SnoozeFor(choice))
        text, blocks = snoozed(period, until)
        client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)

    @app.action(Action.AWAY)
    def ask_until_when(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        period = payload.value(payload.action_of(body), STALE_PROMPT)
        today = services.away.today_for(payload.user_id(body))
        client.views_open(trigger_id=payload.trigger_id(body), view=away_modal(period, today))

    @app.action(Action.HOME_HISTORY)
    def show_history(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        history = services.checkins.history(payload.button_id(payload.action_of(body)))
        client.views_open(trigger_id=payload.trigger_id(body), view=history_modal(history))
