"""The one guard between a Slack payload and a listener: typed ids and values, or stale.

Slack sends what the app rendered, but a payload may come from an old message, an old
modal or a hand-made request: every id or value a listener takes goes through here, and a
shape we did not render is a `StalePayload`, which people hear about as an out-of-date button.
"""

import json
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.domain.errors import DomainError
from bot.slack import limits

STALE = "That button or form is out of date. Open it again from the latest message or command."
MAX_VALUE = limits.BUTTON_VALUE
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,31}")
_CHANNEL_ID = re.compile(r"[CDG][A-Z0-9]{2,31}")
_MESSAGE_TS = re.compile(r"\d{1,12}\.\d{1,8}")
_ID_DIGITS = 18  # more would not fit a 64-bit database id

Payload = dict[str, Any]
State = dict[str, dict[str, Payload]]


class StalePayload(DomainError):
    """A payload we did not render (an old button, an old form, a made-up request)."""

    def __init__(self, message: str = STALE) -> None:
        super().__init__(message)


def user_id(body: Payload) -> str:
    """The person who clicked, typed or submitted: from the signed payload, the only identity."""
    user = body.get("user")  # a block action's {"id": …}, an event's "U…"
    found = user.get("id") if isinstance(user, dict) else user or body.get("user_id")
    return _matching(found, _USER_ID)


def trigger_id(body: Payload) -> str:
    return _text(body.get("trigger_id"), limits.ID_CHARS)


def action_of(body: Payload) -> Payload:
    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions else None
    if not isinstance(first, dict):
        raise StalePayload()
    return first


def value(action: Payload, stale: str = STALE) -> str:
    """A button's value, as rendered: a string within Slack's limit."""
    return _text(action.get("value"), MAX_VALUE, stale)


def optional_value(action: Payload, stale: str = STALE) -> str | None:
    """A button's value when it may carry none (Slack leaves it out when empty)."""
    return None if action.get("value") in (None, "") else value(action, stale)


def button_id(action: Payload, stale: str = STALE) -> int:
    """The database id a button carries: a hint the service re-checks; anything else is stale."""
    return parse_id(action.get("value"), stale)


def parse_id(raw: object, stale: str = STALE) -> int:
    """An id we rendered as ASCII digits (a button's value, an option's value)."""
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= _ID_DIGITS):
        raise StalePayload(stale)
    return int(raw)


def selected_value(action: Payload, stale: str = STALE) -> str:
    """The value of the option picked in a select or an overflow menu."""
    option = action.get("selected_option")
    return _text(option.get("value") if isinstance(option, dict) else None, MAX_VALUE, stale)


def message_at(body: Payload) -> tuple[str, str]:
    """The channel and ts of the message whose button was clicked."""
    container = body.get("container")
    if not isinstance(container, dict):
        raise StalePayload()
    channel = _matching(container.get("channel_id"), _CHANNEL_ID)
    return channel, _matching(container.get("message_ts"), _MESSAGE_TS)


def view_of(body: Payload) -> Payload:
    view = body.get("view")
    if not isinstance(view, dict):
        raise StalePayload()
    return view


def view_id(view: Payload) -> str:
    return _text(view.get("id"), limits.ID_CHARS)


def view_hash(view: Payload) -> str | None:
    found = view.get("hash")
    return found if isinstance(found, str) else None


def state_values(view: Payload) -> State:
    """The inputs of a view by block id and action id; entries of another shape are left out."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        return {}
    return {
        str(block): {
            str(action): dict(element)
            for action, element in elements.items()
            if isinstance(element, dict)
        }
        for block, elements in values.items()
        if isinstance(elements, dict)
    }


def typed(element: Payload, key: str = "value") -> str:
    """What was typed (or a date or time picked) into an input; "" for nothing or odd shapes."""
    found = element.get(key)
    return found if isinstance(found, str) else ""


def picked(element: Payload) -> str | None:
    """The value of the option picked in a single select or radio buttons."""
    option = element.get("selected_option")
    found = option.get("value") if isinstance(option, dict) else None
    return found if isinstance(found, str) else None


def picked_all(element: Payload, key: str = "selected_options") -> list[str]:
    """The values picked in checkboxes or a multi-select; ids for `selected_users`."""
    found = element.get(key)
    if not isinstance(found, list):
        return []
    values = [item.get("value") if isinstance(item, dict) else item for item in found]
    return [value for value in values if isinstance(value, str)]


def metadata(view: Payload, stale: str = STALE) -> Payload:
    """The view's private_metadata as the JSON object we rendered ({} when there is none)."""
    raw = view.get("private_metadata") or "{}"
    try:
        found = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        found = None
    if not isinstance(found, dict):
        raise StalePayload(stale)
    return found


def typed_text(body: Payload) -> str:
    """What the person has typed so far into an external select ("" before the first key)."""
    typed = body.get("value")
    return typed[:MAX_VALUE] if isinstance(typed, str) else ""


def _text(found: object, limit: int, stale: str = STALE) -> str:
    if not isinstance(found, str) or not found or len(found) > limit:
        raise StalePayload(stale)
    return found


def _matching(found: object, pattern: re.Pattern[str]) -> str:
    if not isinstance(found, str) or not pattern.fullmatch(found):
        raise StalePayload()
    return found


def well_formed(body: Payload) -> bool:
    """Whether an interactive payload has the envelope Bolt and every listener rely on: who
    sent it, and the action, view or select it is about. Other payloads pass untouched."""
    kind = body.get("type")
    checks: dict[str, Callable[[], object]] = {
        "block_actions": lambda: _text(action_of(body).get("action_id"), limits.ID_CHARS),
        "view_submission": lambda: _view_named(body),
        "view_closed": lambda: _view_named(body),
        "block_suggestion": lambda: _text(body.get("action_id"), limits.ID_CHARS),
    }
    if not isinstance(kind, str) or kind not in checks:
        return True
    # Bolt reads a view as a mapping whenever the key is there, even to log an unhandled one.
    if "view" in body and not isinstance(body["view"], dict):
        return False
    try:
        user_id(body)
        checks[kind]()
        _reply_urls(body)
    except StalePayload:
        return False
    return True


def _reply_urls(body: Payload) -> None:
    """Where Bolt's `respond` would post: text, or there is nowhere to answer at all."""
    if "response_url" in body:
        _text(body["response_url"], 2000)
    urls = body.get("response_urls")
    if urls is not None and not isinstance(urls, list):
        raise StalePayload()
    for entry in urls or []:
        _text(entry.get("response_url") if isinstance(entry, dict) else None, 2000)


def _view_named(body: Payload) -> None:
    view = view_of(body)
    _text(view.get("callback_id"), limits.ID_CHARS)
    _text(view.get("type"), 32)


class DropMalformed(Middleware):
    """Bolt middleware: a payload without a sender or a target gets nothing, quietly.

    There is nobody to tell, and Bolt itself fails on such a body with a traceback as soon as
    it builds a listener's arguments; so this is a class, which Bolt calls without them."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        body = req.body
        if well_formed(body):
            return next()
        empty = json.dumps({"options": []}) if body.get("type") == "block_suggestion" else ""
        return BoltResponse(status=200, body=empty)
