"""Channels that follow a team's digest besides its own, e.g. leadership's channel."""

from bot.db import digests as repo
from bot.db.engine import Database, Session
from bot.db.models import Team
from bot.db.teams import all_teams, find_team
from bot.domain.errors import DomainError, NotFound
from bot.services.permissions import Actor, Authority, require_team_lead


class SubscriptionService:
    def __init__(self, database: Database, authority: Authority | None = None) -> None:
        self._authority = authority or Authority(database)

    def subscribe(self, slack_user_id: str, channel_id: str, team_name: str) -> bool:
        """The channel gets the team's weekly digest from now on; False if it did already."""

        def save(session: Session, actor: Actor) -> bool:
            team = _team(session, team_name)
            assert team.id is not None
            require_team_lead(session, actor, team, "send its digest to another channel")
            if team.channel_id == channel_id:
                raise DomainError(f"That is {team.name}'s own channel: it gets the digest anyway.")
            return repo.subscribe(session, team.id, channel_id, actor.id)

        return self._authority.run(slack_user_id, save)

    def unsubscribe(self, slack_user_id: str, channel_id: str, team_name: str) -> None:
        def save(session: Session, actor: Actor) -> None:
            team = _team(session, team_name)
            assert team.id is not None
            require_team_lead(session, actor, team, "stop sending its digest to a channel")
            if not repo.unsubscribe(session, team.id, channel_id):
                raise NotFound(f"That channel does not follow the {team.name} digest.")

        self._authority.run(slack_user_id, save)


def _team(session: Session, name: str) -> Team:
    team = find_team(session, name)
    if team is None:
        known = ", ".join(sorted(t.name for t in all_teams(session))) or "none yet"
        raise NotFound(f"There is no team named '{name}'. The teams are: {known}.")
    return team
