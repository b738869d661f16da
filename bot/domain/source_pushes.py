"""A value pushed to a key result's webhook: its body, and how many pushes a key result may take."""

import json
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.errors import DomainError

MAX_BODY = 4096
MAX_ID = 128
_FIELDS = ("value", "id")
# A key result is read weekly: a burst of 10, then one a minute, is plenty for any honest pusher.
PUSH_BURST = 10
PUSH_REFILL = timedelta(minutes=1)


class PushBodyError(DomainError):
    """The body of a push is not `{"value": NUMBER, "id": "optional key"}`; `field` says where."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


@dataclass(frozen=True)
class Push:
    value: float
    push_id: str | None = None  # the pusher's idempotency key: the same id twice changes nothing


def parse_push(body: bytes) -> Push:
    if len(body) > MAX_BODY:
        raise PushBodyError("body", f"must be at most {MAX_BODY} bytes")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PushBodyError("body", 'must be JSON such as {"value": 47.5}') from None
    if not isinstance(data, dict):
        raise PushBodyError("body", 'must be a JSON object such as {"value": 47.5}')
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise PushBodyError(unknown[0], 'is not a field: send "value" and, optionally, "id"')
    value = data.get("value")
    # bool is an int in Python but never a measurement.
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise PushBodyError("value", "must be a number")
    push_id = data.get("id")
    if push_id is not None and not (
        isinstance(push_id, str) and 0 < len(push_id) <= MAX_ID and push_id.isprintable()
    ):
        raise PushBodyError("id", f"must be a text of 1 to {MAX_ID} printable characters")
    return Push(float(value), push_id)


@dataclass(frozen=True)
class PushAllowance:
    """A token bucket: `tokens` pushes may come now; one more every PUSH_REFILL, up to a burst."""

    tokens: float = PUSH_BURST
    counted_at: datetime | None = None

    def take(self, now: datetime) -> tuple["PushAllowance", timedelta | None]:
        """The allowance after one push at `now`, and None; or how long to wait when none is left.

        A refused push leaves the allowance as it was."""
        tokens = float(PUSH_BURST)
        if self.counted_at is not None:
            earned = max(now - self.counted_at, timedelta(0)) / PUSH_REFILL
            tokens = min(float(PUSH_BURST), self.tokens + earned)
        if tokens < 1:
            return self, (1 - tokens) * PUSH_REFILL
        return PushAllowance(tokens - 1, now), None
