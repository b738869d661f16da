"""What services need from the outside world: clocks and a way to reach people in Slack."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.services.checkins.results import PromptCard
    from bot.services.digests.results import TeamDigest


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware and in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class Timer(Protocol):
    """Seconds for pacing and waiting; a port so tests and benchmarks can fake or speed it up."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None:
        """Block the calling thread: only the scheduler's or the CLI's, never a listener's."""
        ...


class SystemTimer:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


@dataclass(frozen=True)
class SlackProfile:
    display_name: str
    timezone: str | None
    deleted: bool = False
    is_bot: bool = False
    is_admin: bool = False  # a Slack workspace admin or owner
    # The status as Slack shows it; expiration is epoch seconds, 0 when it never expires.
    status_text: str = ""
    status_emoji: str = ""
    status_expiration: int = 0


@dataclass(frozen=True)
class PostedMessage:
    channel_id: str
    ts: str


@dataclass(frozen=True)
class DigestDelivery:
    """A posted digest: its parent message, and how many thread replies Slack refused."""

    channel_id: str
    ts: str
    failed_replies: int = 0


@dataclass(frozen=True)
class DigestProblem:
    """Why a team's digest could not reach its channel, for the team's leads."""

    team_name: str
    channel_id: str
    code: str


class DeliveryError(Exception):
    """Slack refused or failed a call; `code` is Slack's error or the HTTP status.

    `retry_after` (seconds) is set when Slack rate-limited the call: it did nothing, and the
    same call may be made again once that time has passed.
    """

    def __init__(self, code: str, *, retry_after: float | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after


class SlackRoles(Protocol):
    """Who someone is in Slack now, admin or owner included; implemented in bot.slack."""

    def profile(self, slack_user_id: str) -> SlackProfile:
        """Slack's answer, a few minutes old at most; DeliveryError when Slack cannot say."""
        ...


class Notifier(Protocol):
    """Reaches members in Slack; implemented by bot.slack.delivery.notifier, faked nowhere."""

    def profile(self, slack_user_id: str) -> SlackProfile: ...

    def send_checkin_prompt(self, channel_id: str, card: "PromptCard") -> PostedMessage:
        """Post to a channel or DM id, or to a user id (their DM); answers the `D…` id."""
        ...

    def post_digest(self, channel_id: str, digest: "TeamDigest") -> DigestDelivery:
        """Post the digest; raises DeliveryError only when its parent message failed."""
        ...

    def send_digest_problem(self, channel_id: str, problem: DigestProblem) -> None: ...


@dataclass(frozen=True)
class ProfilePage:
    """One page of Slack's member list: profiles by user id, and the cursor to the next page
    (None after the last)."""

    profiles: dict[str, SlackProfile]
    next_cursor: str | None


class ProfileSource(Protocol):
    """Members' profiles from Slack: one person (users.info), or the list by the page."""

    def profile(self, slack_user_id: str) -> SlackProfile: ...

    def profile_page(self, cursor: str | None) -> ProfilePage:
        """The page at `cursor` (None: the first); DeliveryError when Slack refuses."""
        ...
