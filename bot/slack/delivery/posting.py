"""Posting through the paced sender: messages with unfurling off, threads of replies.

A DM is posted to the person's user id: Slack delivers it to the app's DM with them and
answers with that DM's `D…` id, so no conversations.open (Tier 3) is needed first."""

import logging
from collections.abc import Sequence

from slack_sdk import WebClient

from bot.services.ports import DeliveryError, PostedMessage
from bot.slack.delivery.sender import PacedSender
from bot.slack.render.blocks import Block

log = logging.getLogger(__name__)

Message = tuple[str, list[Block]]


class Poster:
    """Every call may wait its turn in the paced sender: for the scheduler's and CLI's threads."""

    def __init__(self, client: WebClient, sender: PacedSender) -> None:
        self.client = client
        self.sender = sender

    def post(
        self, channel_id: str, text: str, blocks: list[Block], thread_ts: str | None = None
    ) -> PostedMessage:
        # Our messages carry user text: links in it must not unfurl into previews.
        response = self.sender.call(
            "chat.postMessage",
            lambda: self.client.chat_postMessage(
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

    def post_thread(
        self, channel_id: str, parent: Message, replies: Sequence[Message], what: str
    ) -> tuple[PostedMessage, int]:
        """The parent, then its replies; a failed reply is counted and the parent stays."""
        posted = self.post(channel_id, *parent)
        failed = 0
        for text, blocks in replies:
            try:
                self.post(posted.channel_id, text, blocks, thread_ts=posted.ts)
            except DeliveryError as error:
                log.warning("%s reply in %s failed: %s", what, posted.channel_id, error.code)
                failed += 1
        return posted, failed
