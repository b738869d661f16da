"""The Web API's front door: token check, method table, refusals recorded for the page."""

import logging
from collections.abc import Callable

from bot.sandbox.model import Json
from bot.sandbox.webapi import files, messages, people, views
from bot.sandbox.webapi.args import Args
from bot.sandbox.webapi.context import ApiContext
from bot.sandbox.webapi.errors import SlackRefusal

log = logging.getLogger(__name__)

Method = Callable[[ApiContext, Args], Json]
METHODS: dict[str, Method] = {
    "auth.test": people.auth_test,
    "users.info": people.users_info,
    "users.list": people.users_list,
    "conversations.open": people.conversations_open,
    "chat.postMessage": messages.post_message,
    "chat.update": messages.update,
    "chat.postEphemeral": messages.post_ephemeral,
    "views.open": views.open_modal,
    "views.push": views.push,
    "views.update": views.update,
    "views.publish": views.publish,
    "files.getUploadURLExternal": files.upload_url,
    "files.completeUploadExternal": files.complete,
}


class WebApi:
    """Answers the bot's calls as Slack would; whatever Slack refuses is shown in the page."""

    def __init__(self, context: ApiContext, token: str) -> None:
        self.context = context
        self._token = token

    def call(self, method: str, args: Args, token: str | None) -> tuple[int, Json]:
        try:
            if not token:
                raise SlackRefusal("not_authed")
            if token != self._token:
                raise SlackRefusal("invalid_auth")
            handler = METHODS.get(method)
            if handler is None:
                raise SlackRefusal("unknown_method", [f"the sandbox has no method {method!r}"])
            return 200, handler(self.context, args)
        except SlackRefusal as refusal:
            self.refused(method, refusal)
            return refusal.status, refusal.body()

    def refused(self, source: str, refusal: SlackRefusal) -> None:
        log.info("Slack would refuse %s: %s %s", source, refusal.error, refusal.details)
        self.context.workspace.add_problem(source, refusal.error, refusal.details)
