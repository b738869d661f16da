"""What the settings modals let a person pick, looked up as they type: teams and cycles."""

from bot.db import choices as lookup
from bot.db.engine import Database, Session
from bot.db.teams import all_teams, led_team_ids
from bot.services.choices import MAX_CHOICES, Choice
from bot.services.permissions import Actor, Authority, is_admin, require_admin
from bot.services.settings.admin import descendants, team_for_lead


class SettingsChoiceService:
    def __init__(self, database: Database, authority: Authority | None = None) -> None:
        self._authority = authority or Authority(database)

    def team_choices(self, slack_user_id: str, typed: str) -> list[Choice]:
        """Teams whose settings the caller may change: every team for admins, else theirs."""

        def find(session: Session, actor: Actor) -> list[Choice]:
            only = None if is_admin(actor) else led_team_ids(session, actor.id)
            teams = lookup.teams_matching(session, typed, limit=MAX_CHOICES, only=only)
            return [Choice(team.id or 0, team.name) for team in teams]

        return self._authority.read(slack_user_id, find)

    def parent_choices(self, slack_user_id: str, team_id: int | None, typed: str) -> list[Choice]:
        """Teams that may be the parent of `team_id` (of a new team when None): never the
        team itself or one below it, which would make a circle."""

        def find(session: Session, actor: Actor) -> list[Choice]:
            if team_id is None:
                require_admin(actor, "create teams")
                below: set[int] = set()
            else:
                team_for_lead(session, actor, team_id)
                below = descendants(team_id, all_teams(session))
            teams = lookup.teams_matching(session, typed, limit=MAX_CHOICES, exclude=below)
            return [Choice(team.id or 0, team.name) for team in teams]

        return self._authority.read(slack_user_id, find)

    def cycle_choices(self, slack_user_id: str, typed: str) -> list[Choice]:
        """Open cycles, for an admin to close."""

        def find(session: Session, actor: Actor) -> list[Choice]:
            require_admin(actor, "close cycles")
            cycles = lookup.open_cycles_matching(session, typed, limit=MAX_CHOICES)
            return [Choice(cycle.id or 0, cycle.name) for cycle in cycles]

        return self._authority.read(slack_user_id, find)
