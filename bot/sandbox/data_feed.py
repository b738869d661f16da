"""The sandbox's own data endpoint, which a demo key result's http_json source reads."""

from datetime import UTC, datetime, timedelta

DATA_PATH = "/data/fans.json"
# Up from LOW to HIGH over a quarter, then down again, at a steady pace: a jump of a day moves
# the value by about 0.2, and the history the demo seeds from the same line runs smoothly into
# what the source reads now.
LOW, HIGH = 30.0, 50.0
PERIOD = timedelta(weeks=26)
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def alerts_on_percent(now: datetime) -> float:
    """Share of fans with match alerts switched on, at `now` on the sandbox clock."""
    phase = ((now - EPOCH) % PERIOD) / PERIOD
    rising = 1 - abs(2 * phase - 1)  # 0 → 1 → 0 over the period
    return round(LOW + (HIGH - LOW) * rising, 2)


def fans_document(now: datetime) -> dict[str, object]:
    """What `GET /data/fans.json` answers at the sandbox clock's `now`."""
    return {
        "alerts_on_percent": alerts_on_percent(now),
        "measured_at": now.astimezone(UTC).isoformat(timespec="seconds"),
    }
