"""The RetroNotifier port over Slack: retro DMs and the retro digest, through the paced sender."""

import logging

from slack_sdk import WebClient

from bot.services.ports import DeliveryError, DigestDelivery, PostedMessage
from bot.services.retro_ports import RetroCard, RetroDigest
from bot.slack.render.blocks import Block
from bot.slack.render.retro_digest import retro_digest_messages
from bot.slack.render.retro_request import retro_request
from bot.slack.sender import PacedSender

log = logging.getLogger(__name__)


class SlackRetroNotifier:
    """Every call may wait its turn in the paced sender: the scheduler's thread only."""

    def __init__(self, client: WebClient, sender: PacedSender) -> None:
        self._client = client
        self._sender = sender

    def open_dm(self, slack_user_id: str) -> str:
        response = self._sender.call(
            "conversations.open", lambda: self._client.conversations_open(users=slack_user_id)
        )
        return str(response["channel"]["id"])

    def send_retro_request(self, channel_id: str, card: RetroCard) -> PostedMessage:
        return self._post(channel_id, *retro_request(card))

    def post_retro_digest(self, channel_id: str, digest: RetroDigest) -> DigestDelivery:
        """The parent, then its thread; a failed reply keeps the parent posted."""
        parent_message, replies = retro_digest_messages(digest)
        parent = self._post(channel_id, *parent_message)
        failed = 0
        for text, blocks in replies:
            try:
                self._post(parent.channel_id, text, blocks, thread_ts=parent.ts)
            except DeliveryError as error:
                log.warning("retro digest reply in %s failed: %s", parent.channel_id, error.code)
                failed += 1
        return DigestDelivery(parent.channel_id, parent.ts, failed)

    def _post(
        self, channel_id: str, text: str, blocks: list[Block], thread_ts: str | None = None
    ) -> PostedMessage:
        # Retro answers are user text: links in them must not unfurl into previews.
        response = self._sender.call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=channel_id,
                text=text,
                blocks=blocks,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            ),
            channel=channel_id,
        )
        return PostedMessage(str(response["channel"]), str(response["ts"]))
