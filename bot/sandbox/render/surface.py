"""What a renderer needs to know about the surface it draws: names, errors, choices."""

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.render.mrkdwn import Names, mrkdwn_html, plain_html


@dataclass(frozen=True)
class Surface:
    names: Names = field(default_factory=Names)
    errors: Mapping[str, str] = field(default_factory=dict)  # block_id → field error
    in_modal: bool = False  # input blocks live in modals and on Home
    # What external selects last offered, "block_id/action_id" → options.
    suggested: Mapping[str, list[Any]] = field(default_factory=dict)


def text_html(text: object, names: Names) -> str:
    """A text object (or a bare string) as Slack would show it."""
    if isinstance(text, str):
        return plain_html(text)
    if not isinstance(text, Mapping):
        return ""
    body = str(text.get("text") or "")
    if text.get("type") == "mrkdwn":
        return mrkdwn_html(body, names)
    return plain_html(body, emoji=text.get("emoji", True) is not False)


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def local_image_url(url: object) -> str | None:
    """Only the sandbox's own files are loaded: the page never fetches from the Internet."""
    if isinstance(url, str) and url.startswith("/files/"):
        return url
    return None


def slack_file_url(node: Mapping[str, Any]) -> str | None:
    slack_file = node.get("slack_file")
    if isinstance(slack_file, Mapping) and isinstance(slack_file.get("id"), str):
        return f"/files/{attr(slack_file['id'])}"
    return local_image_url(node.get("image_url"))
