"""A member's cadence, from their main team's settings or the workspace default."""

from bot.db.models import Team, WorkspaceSettings
from bot.domain.cadence import Cadence, CadenceKind


def team_cadence(team: Team | WorkspaceSettings | None, default: Cadence) -> Cadence:
    """The team's (or the workspace's) own cadence where set; each unset part falls back."""
    if team is None:
        return default
    return Cadence(
        kind=CadenceKind(team.cadence) if team.cadence else default.kind,
        weekday=default.weekday if team.prompt_weekday is None else team.prompt_weekday,
        at=team.prompt_at or default.at,
        every=team.cadence_every or default.every,
        anchor=team.cadence_anchor or default.anchor,
    )
