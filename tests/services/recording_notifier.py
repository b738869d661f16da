"""A Notifier that records what would reach Slack, with per-user or per-channel failures."""

from dataclasses import dataclass, field

from bot.services.checkins.results import PromptCard
from bot.services.digests.results import TeamDigest
from bot.services.ports import (
    DeliveryError,
    DigestDelivery,
    DigestProblem,
    PostedMessage,
    SlackProfile,
)


@dataclass
class RecordingNotifier:
    timezones: dict[str, str] = field(default_factory=dict)
    failing: dict[str, str] = field(default_factory=dict)
    deactivated: set[str] = field(default_factory=set)
    prompts: list[tuple[str, PromptCard]] = field(default_factory=list)
    profile_lookups: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # "profile U…" and "prompt U…", in order
    digests: list[tuple[str, TeamDigest]] = field(default_factory=list)
    problems: list[tuple[str, DigestProblem]] = field(default_factory=list)

    def profile(self, slack_user_id: str) -> SlackProfile:
        self.profile_lookups.append(slack_user_id)
        self.events.append(f"profile {slack_user_id}")
        return SlackProfile(
            display_name=slack_user_id.lower(),
            timezone=self.timezones.get(slack_user_id, "Europe/Berlin"),
            deleted=slack_user_id in self.deactivated,
        )

    def send_checkin_prompt(self, channel_id: str, card: PromptCard) -> PostedMessage:
        if card.slack_user_id in self.failing:
            raise DeliveryError(self.failing[card.slack_user_id])
        # Like Slack: a post to a user id lands in their DM, and the answer names the DM.
        channel_id = "D" + channel_id if channel_id.startswith("U") else channel_id
        self.prompts.append((channel_id, card))
        self.events.append(f"prompt {card.slack_user_id}")
        return PostedMessage(channel_id, f"1700000000.{len(self.prompts):06d}")

    def post_digest(self, channel_id: str, digest: TeamDigest) -> DigestDelivery:
        if channel_id in self.failing:
            raise DeliveryError(self.failing[channel_id])
        self.digests.append((channel_id, digest))
        return DigestDelivery(channel_id, f"1700000001.{len(self.digests):06d}")

    def send_digest_problem(self, channel_id: str, problem: DigestProblem) -> None:
        self.problems.append((channel_id, problem))

    def recipients(self) -> list[str]:
        return [card.slack_user_id for _, card in self.prompts]
