"""The DM to a team's leads when its digest cannot reach the team's channel."""

from bot.services.ports import DigestProblem
from bot.slack.render.blocks import Block, context, section
from bot.slack.render.text import escape

_WHY = {
    "not_in_channel": "I am not a member of that channel",
    "channel_not_found": "I cannot see that channel (it is private without me, or gone)",
    "is_archived": "that channel is archived",
}


def digest_problem(problem: DigestProblem) -> tuple[str, list[Block]]:
    team = escape(problem.team_name)
    why = _WHY.get(problem.code, f"Slack answered `{escape(problem.code)}`")
    text = f"I could not post the {team} digest to <#{problem.channel_id}>: {why}."
    fix = (
        "Invite me there with `/invite @OKR Bot`, or set another `channel` for the team in the "
        "OKR file. I will try again over the next hours; `/okr digest post` tries at once."
    )
    return text, [section(f"⚠️ {text}"), context(fix)]
