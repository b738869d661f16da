"""The Notifier port over Slack's Web API: profiles, DM channels and check-in prompts."""

from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from bot.services.ports import DeliveryError, PostedMessage, SlackProfile
from bot.services.snapshots import PromptCard
from bot.slack.render.checkin_prompt import checkin_prompt


class SlackNotifier:
    def __init__(self, client: WebClient) -> None:
        self._client = client

    def profile(self, slack_user_id: str) -> SlackProfile:
        user = self._call(lambda: self._client.users_info(user=slack_user_id))["user"]
        profile = user.get("profile") or {}
        name = profile.get("display_name") or user.get("real_name") or user.get("name") or ""
        return SlackProfile(
            display_name=name,
            timezone=user.get("tz"),
            deleted=bool(user.get("deleted")),
            is_bot=bool(user.get("is_bot")),
        )

    def open_dm(self, slack_user_id: str) -> str:
        response = self._call(lambda: self._client.conversations_open(users=slack_user_id))
        return str(response["channel"]["id"])

    def send_checkin_prompt(self, channel_id: str, card: PromptCard) -> PostedMessage:
        text, blocks = checkin_prompt(card)
        response = self._call(
            lambda: self._client.chat_postMessage(
                channel=channel_id,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        )
        return PostedMessage(str(response["channel"]), str(response["ts"]))

    @staticmethod
    def _call(request: Callable[[], SlackResponse]) -> SlackResponse:
        try:
            return request()
        except SlackApiError as error:
            status = error.response.status_code
            code = error.response.get("error") if status == 200 else f"http_{status}"
            raise DeliveryError(str(code or "unknown_error")) from error
        except (SlackClientError, OSError) as error:
            raise DeliveryError(type(error).__name__) from error
