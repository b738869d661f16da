"""The Notifier port over Slack's Web API: profiles, DM channels and check-in prompts."""

from slack_sdk import WebClient

from bot.services.ports import PostedMessage, SlackProfile
from bot.services.snapshots import PromptCard
from bot.slack.render.checkin_prompt import checkin_prompt
from bot.slack.sender import PacedSender


class SlackNotifier:
    """Every call goes through the paced sender, so it may wait its turn: fan-out only."""

    def __init__(self, client: WebClient, sender: PacedSender) -> None:
        self._client = client
        self._sender = sender

    def profile(self, slack_user_id: str) -> SlackProfile:
        response = self._sender.call(
            "users.info", lambda: self._client.users_info(user=slack_user_id)
        )
        user = response["user"]
        profile = user.get("profile") or {}
        name = profile.get("display_name") or user.get("real_name") or user.get("name") or ""
        return SlackProfile(
            display_name=name,
            timezone=user.get("tz"),
            deleted=bool(user.get("deleted")),
            is_bot=bool(user.get("is_bot")),
        )

    def open_dm(self, slack_user_id: str) -> str:
        response = self._sender.call(
            "conversations.open", lambda: self._client.conversations_open(users=slack_user_id)
        )
        return str(response["channel"]["id"])

    def send_checkin_prompt(self, channel_id: str, card: PromptCard) -> PostedMessage:
        text, blocks = checkin_prompt(card)
        response = self._sender.call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=channel_id,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
            ),
            channel=channel_id,
        )
        return PostedMessage(str(response["channel"]), str(response["ts"]))
