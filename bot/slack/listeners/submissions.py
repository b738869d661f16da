"""The check-in modal's submission: field errors in the modal, or ack, then save and a receipt."""

import logging
from datetime import timedelta
from functools import partial
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.db.engine import patient_waits
from bot.domain.errors import DatabaseBusy, DomainError
from bot.services.registry import Services
from bot.slack.forms import CheckinSubmission, parse_checkin
from bot.slack.ids import Callback
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.listeners.modal_submission import Submitted, modal_submission
from bot.slack.listeners.surfaces import show_receipt
from bot.slack.render.checkin_unsaved import unsaved_checkin

log = logging.getLogger(__name__)

# Once the modal has closed, nobody waits on the save: it may wait this long for a write lock.
SAVE_WAIT = timedelta(seconds=10)


def register(app: App, services: Services, after_ack: AfterAck) -> None:
    def hand_over(done: Submitted[CheckinSubmission], client: WebClient) -> None:
        save = partial(_save, client, services, after_ack, done.user, done.saved, done.body)
        after_ack.save(save, done.body, client)

    # Everything that can be judged without the database is judged before the ack, so field
    # errors stay on their fields; the save follows the ack, and Slack's 3 seconds are never
    # spent waiting for a write lock.
    read = modal_submission(lambda _, view: parse_checkin(view), hand_over, title=None)
    app.view(Callback.CHECKIN_MODAL)(read)


def _save(
    client: WebClient,
    services: Services,
    after_ack: AfterAck,
    user: str,
    submission: CheckinSubmission,
    body: dict[str, Any],
) -> None:
    """Save, then show the receipt; if it cannot be saved, DM why with the answers given."""
    try:
        with patient_waits(after_ack.save_wait or SAVE_WAIT):
            saved = services.checkins.save_checkin(user, submission.period, submission.answers)
    except (DomainError, DatabaseBusy) as refused:
        log.info("a check-in was not saved: %s", type(refused).__name__)
        text, blocks = unsaved_checkin(submission.period, refused.message, submission.answers)
        after_ack.follow_ups.run(
            "DM of a check-in that was not saved",
            lambda: client.chat_postMessage(channel=user, text=text, blocks=blocks),
        )
        return
    receipt = partial(show_receipt, client, services, after_ack.follow_ups, saved)
    after_ack.answer(receipt, body, client)
