"""People in channel posts: named by their display name as plain text, never pinged."""

from collections.abc import Mapping

from bot.slack.render.text import escape, truncate

NAME_CHARS = 80
# Someone whose profile was never fetched: neutral words, never their raw mention.
UNKNOWN = "a teammate"


def named(slack_user_id: str, names: Mapping[str, str]) -> str:
    """The person's display name, escaped so it can never mention, link or ping."""
    name = " ".join((names.get(slack_user_id) or "").split())
    return escape(truncate(name, NAME_CHARS)) if name else UNKNOWN


def mention(slack_user_id: str) -> str:
    """A live mention: only where the person reads it, or a team chose to ping them."""
    return f"<@{slack_user_id}>"
