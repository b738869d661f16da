"""What the retro services hand to Slack: request cards, the digest, and the port to post them."""

from dataclasses import dataclass, field
from typing import Protocol

from bot.domain.retros import RetroReason, RetroTrigger
from bot.services.ports import DigestDelivery, PostedMessage


@dataclass(frozen=True)
class RetroCard:
    """One person's DM asking for a retro on one key result."""

    slack_user_id: str
    retro_id: int
    kr_ref: str
    kr_title: str
    objective_title: str
    cycle_name: str
    trigger: RetroTrigger
    trigger_key: str
    score: float | None = None
    reminder: bool = False


@dataclass(frozen=True)
class SharedLearning:
    """One answer as the digest shows it; `author` is None for an anonymous answer."""

    kr_ref: str
    kr_title: str
    learned: str
    next_try: str | None
    author: str | None


@dataclass(frozen=True)
class ReasonGroup:
    reason: RetroReason
    learnings: list[SharedLearning]


@dataclass(frozen=True)
class ObjectiveScore:
    objective_ref: str
    title: str
    score: float | None
    kr_scores: list[tuple[str, str, float | None]]  # ref, title, score
    sandbagged: bool


@dataclass(frozen=True)
class RetroDigest:
    team_name: str
    cycle_name: str
    groups: list[ReasonGroup]
    objectives: list[ObjectiveScore]
    thanked: list[str] = field(default_factory=list)  # Slack ids of named sharers only
    anonymous_count: int = 0
    asked_count: int = 0
    # Display names by Slack id: the channel post thanks people by name, without a ping.
    names: dict[str, str] = field(default_factory=dict)


class RetroNotifier(Protocol):
    def send_retro_request(self, channel_id: str, card: RetroCard) -> PostedMessage: ...

    def post_retro_digest(self, channel_id: str, digest: RetroDigest) -> DigestDelivery: ...
