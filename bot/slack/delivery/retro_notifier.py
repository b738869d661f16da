"""The RetroNotifier port over Slack: retro DMs and the retro digest, through the paced sender."""

from slack_sdk import WebClient

from bot.services.ports import DigestDelivery, PostedMessage
from bot.services.retros.ports import RetroCard, RetroDigest
from bot.slack.delivery.posting import Poster
from bot.slack.delivery.sender import PacedSender
from bot.slack.render.retro_digest import retro_digest_messages
from bot.slack.render.retro_request import retro_request


class SlackRetroNotifier:
    """Every call may wait its turn in the paced sender: the scheduler's thread only."""

    def __init__(self, client: WebClient, sender: PacedSender) -> None:
        self._poster = Poster(client, sender)

    def send_retro_request(self, channel_id: str, card: RetroCard) -> PostedMessage:
        return self._poster.post(channel_id, *retro_request(card))

    def post_retro_digest(self, channel_id: str, digest: RetroDigest) -> DigestDelivery:
        """The parent, then its thread; a failed reply keeps the parent posted."""
        parent_message, replies = retro_digest_messages(digest)
        parent, failed = self._poster.post_thread(
            channel_id, parent_message, replies, "retro digest"
        )
        return DigestDelivery(parent.channel_id, parent.ts, failed)
