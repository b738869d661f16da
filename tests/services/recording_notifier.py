"""A Notifier that records what would reach Slack, with per-user failures on demand."""

from dataclasses import dataclass, field

from bot.services.ports import DeliveryError, PostedMessage, SlackProfile
from bot.services.snapshots import PromptCard


@dataclass
class RecordingNotifier:
    timezones: dict[str, str] = field(default_factory=dict)
    failing: dict[str, str] = field(default_factory=dict)
    deactivated: set[str] = field(default_factory=set)
    prompts: list[tuple[str, PromptCard]] = field(default_factory=list)
    profile_lookups: list[str] = field(default_factory=list)

    def profile(self, slack_user_id: str) -> SlackProfile:
        self.profile_lookups.append(slack_user_id)
        return SlackProfile(
            display_name=slack_user_id.lower(),
            timezone=self.timezones.get(slack_user_id, "Europe/Berlin"),
            deleted=slack_user_id in self.deactivated,
        )

    def open_dm(self, slack_user_id: str) -> str:
        if slack_user_id in self.failing:
            raise DeliveryError(self.failing[slack_user_id])
        return "D" + slack_user_id

    def send_checkin_prompt(self, channel_id: str, card: PromptCard) -> PostedMessage:
        self.prompts.append((channel_id, card))
        return PostedMessage(channel_id, f"1700000000.{len(self.prompts):06d}")

    def recipients(self) -> list[str]:
        return [card.slack_user_id for _, card in self.prompts]
