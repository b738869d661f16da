"""Retrying Slack's passing failures (5xx, timeouts, dropped connections) within a run.

Only for the scheduled work's client (prompts, digests, retro DMs): slack-sdk's handlers sleep
on the calling thread between tries, which a listener must never do. A 429 is not retried here:
the paced sender re-queues it and sends the others meanwhile.
"""

import random
from http.client import RemoteDisconnected
from urllib.error import URLError

from slack_sdk.http_retry import (
    BackoffRetryIntervalCalculator,
    ConnectionErrorRetryHandler,
    Jitter,
    RetryHandler,
)
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

# Four more tries, about 0.25, 0.5, 1 and 2 seconds apart, before a failure is recorded and
# left to a later tick: a short outage passes, a long one does not hold up the run for long.
RETRIES = 4
FIRST_WAIT_S = 0.25
# A timeout is retried too: Slack may have posted, and then the member sees it twice, but
# giving up would leave them without their prompt until a later tick.
PASSING_ERRORS: list[type[Exception]] = [
    URLError,
    ConnectionError,
    RemoteDisconnected,
    TimeoutError,
]


class _UpToHalfMore(Jitter):
    """Spreads the tries of many clients without stretching short waits by a whole second,
    as slack-sdk's default jitter does."""

    def recalculate(self, duration: float) -> float:
        return duration * (1 + random.random() / 2)  # noqa: S311 -- spreading, not secrecy


class AnyServerErrorRetryHandler(ServerErrorRetryHandler):
    """slack-sdk retries 500 and 503; a proxy or load balancer in front answers 502 and 504."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and 500 <= response.status_code < 600


def scheduled_work_retries(first_wait_s: float = FIRST_WAIT_S) -> list[RetryHandler]:
    interval = BackoffRetryIntervalCalculator(first_wait_s, _UpToHalfMore())
    return [
        AnyServerErrorRetryHandler(RETRIES, interval),
        ConnectionErrorRetryHandler(RETRIES, interval, PASSING_ERRORS),
    ]
