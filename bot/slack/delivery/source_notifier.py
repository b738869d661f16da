"""DMs about key-result sources, through the process's paced sender."""

from slack_sdk import WebClient

from bot.services.sources.notices import OwnerNotice
from bot.slack.delivery.posting import Poster
from bot.slack.delivery.sender import PacedSender
from bot.slack.render.source_notice import source_notice


class SlackSourceNotifier:
    def __init__(self, client: WebClient, sender: PacedSender) -> None:
        self._poster = Poster(client, sender)

    def tell_owner(self, notice: OwnerNotice) -> None:
        # Posted to the person's id: Slack delivers it to the app's DM with them.
        self._poster.post(notice.owner_slack_id, *source_notice(notice))
