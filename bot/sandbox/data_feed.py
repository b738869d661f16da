"""The sandbox's own data endpoint, which a demo key result's http_json source reads."""

import math
from datetime import UTC, datetime, timedelta

DATA_PATH = "/data/fans.json"
# A slow swell around MIDDLE, so that a jump of a day moves the value a little and the history
# the demo seeds from the same curve runs smoothly into what the source reads now.
MIDDLE, SWING = 40.0, 10.0
PERIOD = timedelta(weeks=26)
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def alerts_on_percent(now: datetime) -> float:
    """Share of fans with match alerts switched on, at `now` on the sandbox clock."""
    phase = ((now - EPOCH) % PERIOD) / PERIOD
    return round(MIDDLE + SWING * math.sin(2 * math.pi * phase), 2)


def fans_document(now: datetime) -> dict[str, object]:
    """What `GET /data/fans.json` answers at the sandbox clock's `now`."""
    return {
        "alerts_on_percent": alerts_on_percent(now),
        "measured_at": now.astimezone(UTC).isoformat(timespec="seconds"),
    }
