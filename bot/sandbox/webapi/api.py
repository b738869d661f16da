"""The Web API's front door: token check, method table, refusals recorded for the page."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.sandbox.model import Json
from bot.sandbox.webapi import files, messages, people, views
from bot.sandbox.webapi.args import Args
from bot.sandbox.webapi.context import ApiContext
from bot.sandbox.webapi.errors import SlackRefusal
from bot.sandbox.webapi.rate_limits import RateLimits

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


@dataclass(frozen=True)
class Answer:
    status: int
    body: Json
    retry_after: int | None = None  # seconds, with a 429


class WebApi:
    """Answers the bot's calls as Slack would; whatever Slack refuses is shown in the page."""

    def __init__(self, context: ApiContext, token: str, limits: RateLimits | None = None) -> None:
        self.context = context
        self._token = token
        self._limits = limits or RateLimits()

    def call(self, method: str, args: Args, token: str | None) -> Answer:
        try:
            if not token:
                raise SlackRefusal("not_authed")
            if token != self._token:
                raise SlackRefusal("invalid_auth")
            handler = METHODS.get(method)
            if handler is None:
                raise SlackRefusal("unknown_method", [f"the sandbox has no method {method!r}"])
            channel = args.get("channel")
            self._limits.check(method, channel if isinstance(channel, str) else None)
            return Answer(200, handler(self.context, args))
        except SlackRefusal as refusal:
            self.refused(method, refusal)
            return Answer(refusal.status, refusal.body(), refusal.retry_after)

    def refused(self, source: str, refusal: SlackRefusal) -> None:
        log.info("Slack would refuse %s: %s %s", source, refusal.error, refusal.details)
        self.context.workspace.add_problem(source, refusal.error, refusal.details)
