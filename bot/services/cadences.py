"""A member's cadence, from their main team's settings or the workspace default."""

from bot.db.models import Team
from bot.domain.cadence import Cadence, CadenceKind


def team_cadence(team: Team | None, default: Cadence) -> Cadence:
    """The team's own cadence where it set one; each unset part falls back to the default."""
    if team is None:
        return default
    return Cadence(
        kind=CadenceKind(team.cadence) if team.cadence else default.kind,
        weekday=default.weekday if team.prompt_weekday is None else team.prompt_weekday,
        at=team.prompt_at or default.at,
        every=team.cadence_every or default.every,
        anchor=team.cadence_anchor or default.anchor,
    )
