"""`/okr` subcommands: each module defines one `Subcommand`; commands.py lists them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.services.registry import Services
from bot.slack.command_text import Token, token_text
from bot.slack.render.blocks import Block


@dataclass(frozen=True)
class Invocation:
    """One `/okr VERB ARGS…` call; `tokens` are what follows the verb, already un-escaped."""

    ack: Ack
    body: dict[str, Any]
    client: WebClient
    services: Services
    tokens: list[Token] = field(default_factory=list)

    @property
    def args(self) -> list[str]:
        """The tokens as plain words: mentions as `<@U…>`/`<#C…>`, references as `KR-12`."""
        return [token_text(token) for token in self.tokens]

    @staticmethod
    def text_of(token: Token) -> str:
        return token_text(token)

    @property
    def user_id(self) -> str:
        """The caller, from the signed payload: the only identity we trust."""
        return str(self.body["user_id"])

    def reply(self, text: str, blocks: list[Block]) -> None:
        """Answer privately, within Slack's 3 seconds, as the command's acknowledgement."""
        self.ack(text=text, blocks=blocks, response_type="ephemeral")

    def follow_up(self, text: str, blocks: list[Block]) -> None:
        """Answer privately after the acknowledgement, for work that may outlast 3 seconds."""
        WebhookClient(str(self.body["response_url"])).send(
            text=text, blocks=blocks, response_type="ephemeral", replace_original=False
        )


@dataclass(frozen=True)
class Subcommand:
    verb: str
    usage: str
    summary: str
    run: Callable[[Invocation], None]
