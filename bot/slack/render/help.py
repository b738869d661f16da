"""The `/okr` command list, shown for `/okr help`, a bare `/okr` and unknown words."""

from typing import Any

from bot.slack.render.blocks import Block, context, plain, section
from bot.slack.render.text import escape

COMMANDS = (
    ("/okr checkin", "check in on your key results now"),
    ("/okr help", "show this list"),
)


def help_message(
    unknown: str | None = None, suggestion: str | None = None
) -> tuple[str, list[Block]]:
    lines = "\n".join(f"`{command}` — {what}" for command, what in COMMANDS)
    blocks: list[Block] = []
    if unknown is not None:
        hint = f" Did you mean `{suggestion}`?" if suggestion else ""
        blocks.append(section(f"I don't know `{escape(unknown[:60])}`.{hint}"))
    blocks.append(section(f"*What I can do*\n{lines}"))
    blocks.append(context("Your weekly check-in also arrives as a direct message."))
    return "OKR Bot commands: " + ", ".join(command for command, _ in COMMANDS), blocks


def error_message(message: str) -> tuple[str, list[Block]]:
    # The fallback text is mrkdwn too: a KR title in a message must not ping anyone.
    return escape(message), [section(f"⚠️ {escape(message)}")]


def notice_view(title: str, message: str) -> dict[str, Any]:
    """A modal that only says something, used to replace a form that cannot be saved."""
    return {
        "type": "modal",
        "title": plain(title[:24]),
        "close": plain("Close"),
        "blocks": [section(f"⚠️ {escape(message)}")],
    }
