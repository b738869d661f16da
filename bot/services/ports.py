"""What services need from the outside world: a clock and a way to reach people in Slack."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.services.snapshots import PromptCard


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware and in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class SlackProfile:
    display_name: str
    timezone: str | None
    deleted: bool = False
    is_bot: bool = False


@dataclass(frozen=True)
class PostedMessage:
    channel_id: str
    ts: str


class DeliveryError(Exception):
    """Slack refused or failed a call; `code` is Slack's error or the HTTP status."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Notifier(Protocol):
    """Reaches members in Slack; implemented by bot.slack.notifier, faked nowhere."""

    def profile(self, slack_user_id: str) -> SlackProfile: ...

    def open_dm(self, slack_user_id: str) -> str: ...

    def send_checkin_prompt(self, channel_id: str, card: "PromptCard") -> PostedMessage: ...
