"""The Notifier port over Slack's Web API: profiles, DM channels, check-in prompts, digests."""

import logging
from typing import Any

from slack_sdk import WebClient

from bot.services.checkins.results import PromptCard
from bot.services.digests.results import TeamDigest
from bot.services.ports import (
    DeliveryError,
    DigestDelivery,
    DigestProblem,
    PostedMessage,
    ProfilePage,
    SlackProfile,
)
from bot.slack.delivery.posting import Poster
from bot.slack.delivery.sender import PacedSender
from bot.slack.render.checkin_prompt import checkin_prompt
from bot.slack.render.digest import digest_messages
from bot.slack.render.digest_chart import DigestChart, digest_charts
from bot.slack.render.digest_problem import digest_problem

log = logging.getLogger(__name__)

# Slack's recommended page size for users.list (Tier 2): 2,000 members in 10 calls.
USERS_PAGE = 200


class SlackNotifier:
    """Every call goes through the paced sender, so it may wait its turn: fan-out only."""

    def __init__(self, client: WebClient, sender: PacedSender) -> None:
        self._client = client
        self._sender = sender
        self._poster = Poster(client, sender)

    def profile(self, slack_user_id: str) -> SlackProfile:
        response = self._sender.call(
            "users.info", lambda: self._client.users_info(user=slack_user_id)
        )
        return profile_of(response["user"])

    def profile_page(self, cursor: str | None) -> ProfilePage:
        response = self._sender.call(
            "users.list", lambda: self._client.users_list(limit=USERS_PAGE, cursor=cursor)
        )
        members = response.get("members") or []
        profiles = {str(user["id"]): profile_of(user) for user in members if user.get("id")}
        following = (response.get("response_metadata") or {}).get("next_cursor")
        return ProfilePage(profiles, str(following) if following else None)

    def send_checkin_prompt(self, channel_id: str, card: PromptCard) -> PostedMessage:
        return self._poster.post(channel_id, *checkin_prompt(card))

    def post_digest(self, channel_id: str, digest: TeamDigest) -> DigestDelivery:
        """The parent, then its thread: details, then the chart; a failed reply keeps the parent."""
        messages = digest_messages(digest)
        parent, failed = self._poster.post_thread(
            channel_id, messages.parent, messages.replies, "digest"
        )
        self._attach_chart(parent, digest)
        return DigestDelivery(parent.channel_id, parent.ts, failed)

    def _attach_chart(self, parent: PostedMessage, digest: TeamDigest) -> None:
        """Upload the charts into the digest's thread. The text is complete without them, so a
        failure is logged and nothing else: the digest stays posted, once."""
        try:
            charts = digest_charts(digest)
        except Exception:  # an optional picture must never leave a posted digest unrecorded
            log.exception("the chart of the %s digest could not be drawn", digest.team_name)
            return
        for chart in charts:  # none when matplotlib (the `charts` extra) is not installed
            try:
                self._upload(parent, chart)
            except DeliveryError as error:
                log.warning("digest chart in %s failed: %s", parent.channel_id, error.code)
                return

    def _upload(self, parent: PostedMessage, chart: DigestChart) -> None:
        self._sender.call(
            "files.upload",
            lambda: self._client.files_upload_v2(
                channel=parent.channel_id,
                thread_ts=parent.ts,
                file=chart.png,
                filename=chart.filename,
                title=chart.title,
                alt_txt=chart.alt_text,
            ),
        )

    def send_digest_problem(self, channel_id: str, problem: DigestProblem) -> None:
        self._poster.post(channel_id, *digest_problem(problem))


def profile_of(user: dict[str, Any]) -> SlackProfile:
    """A Slack user object (users.info, a users.list member, a user_change event's) as the
    profile kept: the one mapping for all three. A field of the wrong type counts as unset."""
    profile = _object(user.get("profile"))
    names = (profile.get("display_name"), user.get("real_name"), user.get("name"))
    return SlackProfile(
        display_name=next((name for name in names if name and isinstance(name, str)), ""),
        timezone=_text(user.get("tz")) or None,
        deleted=bool(user.get("deleted")),
        is_bot=bool(user.get("is_bot")),
        is_admin=bool(user.get("is_admin") or user.get("is_owner")),
        status_text=_text(profile.get("status_text")),
        status_emoji=_text(profile.get("status_emoji")),
        status_expiration=_whole(profile.get("status_expiration")),
    )


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _whole(value: Any) -> int:
    """Slack's expiration as whole seconds; anything else never expires."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
