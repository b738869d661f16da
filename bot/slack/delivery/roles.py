"""Slack's word on who someone is, admin or owner included: users.info, kept two minutes."""

import logging
import threading

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.services.ports import DeliveryError, SlackProfile, Timer
from bot.slack.delivery.notifier import profile_of
from bot.slack.delivery.sender import PacedSender

log = logging.getLogger(__name__)

# Someone demoted in Slack is no admin here within this many seconds.
REMEMBER_S = 120.0
# Asked while a person waits on Slack's 3 seconds; a slower answer counts as none.
TIMEOUT_S = 2
_FORGET_EVERY = 1000


class SlackRoleCheck:
    """Implements bot.services.ports.SlackRoles; thread-safe, never sleeps or retries."""

    def __init__(self, client: WebClient, sender: PacedSender, timer: Timer) -> None:
        # Our own client: no retry handlers (a listener must not sleep) and a short timeout.
        self._client = WebClient(
            token=client.token,
            base_url=client.base_url,
            timeout=TIMEOUT_S,
            ssl=client.ssl,
            proxy=client.proxy,
            headers=client.headers,
            retry_handlers=[],
        )
        self._sender = sender
        self._timer = timer
        self._lock = threading.Lock()
        self._known: dict[str, tuple[float, SlackProfile]] = {}

    def profile(self, slack_user_id: str) -> SlackProfile:
        now = self._timer.monotonic()
        with self._lock:
            known = self._known.get(slack_user_id)
        if known is not None and now - known[0] < REMEMBER_S:
            return known[1]
        try:
            answer = self._sender.call_now(
                "users.info", lambda: self._client.users_info(user=slack_user_id)
            )
            user = answer.get("user")
            if not isinstance(user, dict):
                raise DeliveryError("no_user")
        except (SlackApiError, SlackClientError, OSError) as error:
            code = error.response.get("error") if isinstance(error, SlackApiError) else None
            log.warning("users.info for a role check failed: %s", code or type(error).__name__)
            raise DeliveryError(str(code or type(error).__name__)) from error
        profile = profile_of(user)
        with self._lock:
            if len(self._known) >= _FORGET_EVERY:
                self._known = {k: v for k, v in self._known.items() if now - v[0] < REMEMBER_S}
            self._known[slack_user_id] = (now, profile)
        return profile
