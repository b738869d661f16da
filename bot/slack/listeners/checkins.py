"""Check-ins: the prompt's *Check in*, *No change* and *Snooze*, and the check-in modal's save."""

import logging
from dataclasses import replace
from functools import partial
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.db.engine import patient_waits
from bot.domain.errors import DatabaseBusy, DomainError, NeedsFullCheckin
from bot.services.checkins.results import CheckinForm, PromptMessage
from bot.services.checkins.service import SnoozeFor
from bot.services.registry import Services
from bot.slack import payload
from bot.slack.forms.checkin import CheckinSubmission, parse_checkin
from bot.slack.ids import Action, Callback, parse_snooze_value
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.listeners.surfaces import open_checkin_modal, show_receipt
from bot.slack.render.checkin_receipt import snoozed
from bot.slack.render.checkin_unsaved import unsaved_checkin

log = logging.getLogger(__name__)

STALE_PROMPT = "This check-in message is out of date. Use `/okr checkin` to check in now."


class Checkins:
    """What each button does once its click is acknowledged. Ids are read through the one
    payload guard: a shape we never rendered is answered as a stale button."""

    def __init__(self, services: Services, after_ack: AfterAck) -> None:
        self._services = services
        self._after_ack = after_ack
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

    def hand_over(self, done: Submitted[CheckinSubmission], client: WebClient) -> None:
        """The modal has closed with answers that parse: save them off the listener thread."""
        save = partial(self._save, client, done.user, done.saved, done.body)
        self._after_ack.save(save, done.body, client)

    def _save(
        self, client: WebClient, user: str, submission: CheckinSubmission, body: dict[str, Any]
    ) -> None:
        """Save, then show the receipt; if it cannot be saved, DM why with the answers given."""
        try:
            with patient_waits(self._after_ack.save_wait):
                saved = self._services.checkins.save_checkin(
                    user, submission.period, submission.answers
                )
        except (DomainError, DatabaseBusy) as refused:
            log.info("a check-in was not saved: %s", type(refused).__name__)
            text, blocks = unsaved_checkin(submission.period, refused.message, submission.answers)
            self._follow_ups.run(
                "DM of a check-in that was not saved",
                lambda: client.chat_postMessage(channel=user, text=text, blocks=blocks),
            )
            return
        receipt = partial(show_receipt, client, self._services, self._follow_ups, saved)
        self._after_ack.answer(receipt, body, client)


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    checkins = Checkins(services, after_ack)
    app.action(Action.CHECK_IN)(after_ack.then_open_modal(checkins.check_in))
    app.action(Action.HOME_CHECK_IN)(after_ack.then_open_modal(checkins.check_in))
    # No change may open the modal instead, when there is no earlier answer to repeat.
    app.action(Action.NO_CHANGE)(after_ack.then_open_modal(checkins.no_change))
    app.action(Action.SNOOZE)(after_ack.then_answer(checkins.snooze))
    # Everything that can be judged without the database is judged before the ack, so field
    # errors stay on their fields; the save follows the ack, and Slack's 3 seconds are never
    # spent waiting for a write lock.
    read = modal_submission(lambda _, view: parse_checkin(view), checkins.hand_over, title=None)
    app.view(Callback.CHECKIN_MODAL)(read)
