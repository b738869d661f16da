"""`/okr digest [post] [team NAME]`: a private preview of a team's digest, or post it now."""

from bot.domain.errors import DomainError
from bot.services.digests.service import PostOutcome, PostResult
from bot.slack.listeners.commands.invocation import Invocation, Subcommand
from bot.slack.render.blocks import Block, section
from bot.slack.render.digest import digest_preview
from bot.slack.render.text import escape

USAGE = "/okr digest [post] [team NAME]"


def _digest(call: Invocation) -> None:
    words = list(call.args)
    post = bool(words) and words[0].lower() == "post"
    if post:
        words = words[1:]
    team = _team_name(words)
    if not post:
        call.reply(*digest_preview(call.services.digests.preview(call.user_id, team)))
        return
    call.reply(*_posted(call.services.digests.post_now(call.user_id, team)))


def _team_name(words: list[str]) -> str | None:
    if not words:
        return None
    if words[0].lower() != "team" or len(words) < 2:
        raise DomainError(f"Try `{USAGE}`, e.g. `/okr digest team Growth`.")
    return " ".join(words[1:])


def _posted(result: PostResult) -> tuple[str, list[Block]]:
    team, channel = escape(result.team_name), f"<#{result.channel_id}>"
    text = {
        PostOutcome.POSTED: f"✅ Posted the {team} digest to {channel}.",
        PostOutcome.ALREADY_POSTED: f"The {team} digest for this week is already in {channel}.",
        PostOutcome.IN_PROGRESS: f"The {team} digest is being posted to {channel} right now.",
        PostOutcome.FAILED: (
            f"⚠️ I could not post the {team} digest to {channel}: Slack answered "
            f"`{escape(result.error or 'an error')}`. If I am not in that channel, "
            "invite me with `/invite @OKR Bot` and try again."
        ),
    }[result.outcome]
    return text, [section(text)]


SUBCOMMAND = Subcommand(
    "digest",
    USAGE,
    "preview this week's team digest privately; `post` sends it to the team's channel",
    _digest,
)
