"""`/okr` calls: one `Invocation` per call, one `Subcommand` per verb; router.py lists them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.services.registry import Services
from bot.slack.forms.command_text import Token, token_text
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

    @property
    def acknowledged(self) -> bool:
        return self.ack.response is not None

    def reply(self, text: str, blocks: list[Block]) -> None:
        """Answer privately: as the acknowledgement if it has not gone yet, else by response_url."""
        if self.acknowledged:
            self.follow_up(text, blocks)
        else:
            self.ack(text=text, blocks=blocks, response_type="ephemeral")

    def follow_up(self, text: str, blocks: list[Block]) -> None:
        """Answer privately after the acknowledgement, for work that may outlast 3 seconds."""
        WebhookClient(str(self.body["response_url"])).send(
            text=text, blocks=blocks, response_type="ephemeral", replace_original=False
        )


@dataclass(frozen=True)
class Subcommand:
    """One verb. Unless `in_memory`, the command is acknowledged (empty) before `run` starts,
    and `run` answers through response_url: the database and Slack never delay the ack.
    `opens_modal`: `run` ends in views.open, which must come within 3 s of the command."""

    verb: str
    usage: str
    summary: str
    run: Callable[[Invocation], None]
    in_memory: bool = False
    opens_modal: bool = False
