"""The `/okr` command list, shown for `/okr help`, a bare `/okr` and unknown words."""

from collections.abc import Sequence
from typing import Any

from bot.slack.limits import VIEW_TITLE
from bot.slack.render.blocks import Block, context, plain, section
from bot.slack.render.text import escape, truncate


def help_message(
    commands: Sequence[tuple[str, str]],
    unknown: str | None = None,
    suggestion: str | None = None,
) -> tuple[str, list[Block]]:
    """The command list as (usage, what it does) pairs, after a word we did not understand."""
    lines = "\n".join(f"`{usage}` — {what}" for usage, what in commands)
    blocks: list[Block] = []
    if unknown is not None:
        hint = f" Did you mean `{suggestion}`?" if suggestion else ""
        blocks.append(section(f"I don't know `{escape(truncate(unknown, 60))}`.{hint}"))
    blocks.append(section(f"*What I can do*\n{lines}"))
    blocks.append(context("Your weekly check-in also arrives as a direct message."))
    return "OKR Bot commands: " + ", ".join(usage for usage, _ in commands), blocks


def error_message(message: str) -> tuple[str, list[Block]]:
    # The fallback text is mrkdwn too: a KR title in a message must not ping anyone.
    return escape(message), [section(f"⚠️ {escape(message)}")]


def notice_view(title: str, message: str) -> dict[str, Any]:
    """A modal that only says something, used to replace a form that cannot be saved."""
    return {
        "type": "modal",
        "title": plain(truncate(title, VIEW_TITLE)),
        "close": plain("Close"),
        "blocks": [section(f"⚠️ {escape(message)}")],
    }
