"""Random passing failures for the fake Slack API: 500s, 429s and dropped connections."""

import random
from dataclasses import dataclass, field

from tests.fakes.slack_api import DROP
from tests.fakes.slack_files import Body


@dataclass
class Flaky:
    """A Chooser (see FakeSlackApi.misbehave) failing a share of calls at random, seeded.

    No channel fails more than `in_a_row` times running: passing failures pass, so a client
    that retries that many times always gets through, and a test never fails by bad luck.
    """

    server_errors: float = 0.0
    rate_limits: float = 0.0
    drops: float = 0.0
    seed: int = 0
    in_a_row: int = 3
    failed: dict[int, int] = field(default_factory=dict)  # by status: how many, for the test
    _streaks: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def __call__(self, body: Body) -> int | None:
        """Called under the fake's lock, one call at a time."""
        key = str(body.get("channel") or body.get("users") or "")
        draw = self._random.random()
        status = None
        for share, failure in (
            (self.server_errors, 500),
            (self.rate_limits, 429),
            (self.drops, DROP),
        ):
            if draw < share:
                status = failure
                break
            draw -= share
        if status is None or self._streaks.get(key, 0) >= self.in_a_row:
            self._streaks[key] = 0
            return None
        self._streaks[key] = self._streaks.get(key, 0) + 1
        self.failed[status] = self.failed.get(status, 0) + 1
        return status
