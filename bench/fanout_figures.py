"""What the fake Slack saw during a fan-out run: deliveries, duplicates, losses, calls."""

from collections import Counter
from dataclasses import dataclass

from tests.fakes.slack_api import FakeSlackApi

TARGET_RATIO = 1.1


@dataclass(frozen=True)
class Deliveries:
    sent: int
    duplicates: int
    lost: int
    calls: dict[str, int]  # per Web API method, answered or not
    rejected: int  # 429s

    @classmethod
    def of(cls, fake: FakeSlackApi, users: list[str]) -> "Deliveries":
        posts = Counter(c.channel for c in fake.calls_to("chat.postMessage") if c.ok)
        duplicates = sum(count - 1 for count in posts.values())
        lost = sum(1 for user in users if posts["D" + user] == 0)
        calls = Counter(call.method for call in fake.calls)
        rejected = fake.limiter.rejected if fake.limiter else 0
        return cls(sum(posts.values()), duplicates, lost, dict(calls), rejected)

    def lines(self) -> list[str]:
        calls = ", ".join(
            f"{method} {self.calls.get(method, 0)}"
            for method in ("users.list", "users.info", "conversations.open", "chat.postMessage")
        )
        return [
            f"sent:       {self.sent} messages",
            f"duplicates: {self.duplicates}",
            f"losses:     {self.lost}",
            f"calls:      {calls}; 429s: {self.rejected} (re-queued and sent later)",
        ]


def ratio_line(took: float, floor: float) -> str:
    ratio = took / floor if floor else float("inf")
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER"
    return (
        f"floor:      {minutes(floor)} of chat.postMessage at the configured rate → "
        f"{ratio:.3f}x the floor (target ≤ {TARGET_RATIO}x: {verdict})"
    )


def minutes(seconds: float) -> str:
    whole, rest = divmod(round(seconds, 1), 60)
    return f"{int(whole)} min {rest:04.1f} s"
