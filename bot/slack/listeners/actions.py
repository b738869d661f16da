"""Buttons: *Check in*, *No change*, *Snooze* and *I'm away* on the prompt; Home's buttons."""

from dataclasses import replace
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.domain.errors import NeedsFullCheckin
from bot.services.checkins.results import CheckinForm, PromptMessage
from bot.services.checkins.service import SnoozeFor
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.ids import Action, parse_snooze_value
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.surfaces import open_checkin_modal, open_modal, show_receipt
from bot.slack.render.away import away_modal
from bot.slack.render.checkin_receipt import snoozed
from bot.slack.render.history import history_modal

STALE_PROMPT = "This check-in message is out of date. Use `/okr checkin` to check in now."


class Buttons:
    """What each button does once its click is acknowledged. Ids are read through the one
    payload guard: a shape we never rendered is answered as a stale button."""

    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._services = services
        self._follow_ups = after_ack.follow_ups

    def check_in(self, body: dict[str, Any], client: WebClient) -> None:
        # The period in the button is a hint; the service re-checks it against the member.
        period = payload.optional_value(payload.action_of(body), STALE_PROMPT)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        open_checkin_modal(client, trigger, self._services.checkins.checkin_form(user, period))

    def no_change(self, body: dict[str, Any], client: WebClient) -> None:
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        period = payload.value(payload.action_of(body), STALE_PROMPT)
        channel, ts = payload.message_at(body)
        checkins = self._services.checkins
        try:
            saved = checkins.no_change(user, period)
        except NeedsFullCheckin as missing:
            form = checkins.checkin_form(user, period)
            notice = CheckinForm(form.period, form.key_results, notice=missing.message)
            open_checkin_modal(client, trigger, notice)
            return
        # The button's own message is the one to turn into the receipt.
        saved = replace(saved, prompt_message=PromptMessage(channel, ts))
        show_receipt(client, self._services, self._follow_ups, saved)

    def snooze(self, body: dict[str, Any], client: WebClient) -> None:
        picked = payload.selected_value(payload.action_of(body), STALE_PROMPT)
        period, choice = parse_snooze_value(picked)
        if choice not in set(SnoozeFor):
            raise payload.StalePayload(STALE_PROMPT)
        user, (channel, ts) = payload.user_id(body), payload.message_at(body)
        until = self._services.checkins.snooze(user, period, SnoozeFor(choice))
        text, blocks = snoozed(period, until)
        self._follow_ups.run(
            "chat.update of a snoozed prompt",
            lambda: client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks),
        )

    def ask_until_when(self, body: dict[str, Any], client: WebClient) -> None:
        period = payload.value(payload.action_of(body), STALE_PROMPT)
        user, trigger = payload.user_id(body), payload.trigger_id(body)
        open_modal(client, trigger, away_modal(period, self._services.away.today_for(user)))

    def show_history(self, body: dict[str, Any], client: WebClient) -> None:
        kr_id, trigger = payload.button_id(payload.action_of(body)), payload.trigger_id(body)
        open_modal(client, trigger, history_modal(self._services.checkins.history(kr_id)))


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    buttons = Buttons(services, after_ack)
    app.action(Action.CHECK_IN)(after_ack.then_open_modal(buttons.check_in))
    app.action(Action.HOME_CHECK_IN)(after_ack.then_open_modal(buttons.check_in))
    # No change may open the modal instead, when there is no earlier answer to repeat.
    app.action(Action.NO_CHANGE)(after_ack.then_open_modal(buttons.no_change))
    app.action(Action.SNOOZE)(after_ack.then_answer(buttons.snooze))
    app.action(Action.AWAY)(after_ack.then_open_modal(buttons.ask_until_when))
    app.action(Action.HOME_HISTORY)(after_ack.then_open_modal(buttons.show_history))
