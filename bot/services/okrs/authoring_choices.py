"""What `/okr new` and `/okr edit` let a person pick: teams, open cycles, parent objectives.

Each list can grow past what a select shows, so each is looked up as the person types, and
only with what they may pick; the save checks the picked id again.
"""

from datetime import date

from bot.db import authoring as repo
from bot.db import choices as lookup
from bot.db.cycles import cycle_by_id, open_cycles
from bot.db.engine import Database, Session
from bot.db.models import Cycle, Objective, Team
from bot.db.objectives import objective_by_id
from bot.db.teams import led_team_ids, team_by_id
from bot.domain.errors import DomainError, NotFound
from bot.domain.refs import objective_ref
from bot.domain.text import truncate
from bot.services.choices import MAX_CHOICES, Choice
from bot.services.okrs.drafts import NewObjectiveChoices
from bot.services.permissions import Actor, Authority, is_admin, refusal, require_objective_writer
from bot.services.ports import Clock

NO_TEAMS = (
    "Only a team's leads and workspace admins can create objectives, and you are neither "
    "for any team yet. Ask a lead of your team, or an admin, to make you a lead."
)
NO_TEAMS_YET = "There are no teams yet: create one in `/okr settings`, or import a file."
NO_OPEN_CYCLE = "There is no open cycle to plan for yet; an admin can import one first."
LABEL_CHARS = 75  # Slack's limit on an option's text


def authorable_team_ids(session: Session, actor: Actor) -> set[int] | None:
    """The teams the actor may create objectives for; None means every team (an admin)."""
    if is_admin(actor):
        return None
    led = led_team_ids(session, actor.id)
    if not led:
        raise refusal(actor, NO_TEAMS)
    return led


def team_choices(session: Session, actor: Actor, typed: str) -> list[Choice]:
    only = authorable_team_ids(session, actor)
    teams = lookup.teams_matching(session, typed, limit=MAX_CHOICES, only=only)
    return [team_choice(team) for team in teams]


def cycle_choices(session: Session, typed: str) -> list[Choice]:
    cycles = lookup.open_cycles_matching(session, typed, limit=MAX_CHOICES)
    return [cycle_choice(cycle) for cycle in cycles]


def parent_choices(
    session: Session, cycle_id: int, typed: str, objective_id: int | None = None
) -> list[Choice]:
    """Objectives of the cycle to align under; an edited one never under itself or below."""
    below = _descendants(session, cycle_id, objective_id) if objective_id else set()
    found = lookup.objectives_matching(session, cycle_id, typed, limit=MAX_CHOICES, exclude=below)
    return [objective_choice(objective) for objective in found]


def default_team(session: Session, actor: Actor, team_id: int | None) -> Choice:
    """The team picked, if the actor may pick it; else the first they may."""
    only = authorable_team_ids(session, actor)
    team = team_by_id(session, team_id) if team_id is not None else None
    if team is None or (only is not None and team.id not in only):
        first = lookup.teams_matching(session, "", limit=1, only=only)
        if not first:
            raise DomainError(NO_TEAMS_YET)
        team = first[0]
    return team_choice(team)


def default_cycle(session: Session, today: date, cycle_id: int | None) -> Cycle:
    """The open cycle picked, else the one running today, the next, or the latest."""
    picked = cycle_by_id(session, cycle_id) if cycle_id is not None else None
    if picked is not None and picked.closed_at is None:
        return picked
    cycles = open_cycles(session)
    if not cycles:
        raise DomainError(NO_OPEN_CYCLE)
    for cycle in cycles:
        if cycle.start_date <= today <= cycle.end_date:
            return cycle
    upcoming = [cycle for cycle in cycles if cycle.start_date > today]
    return upcoming[0] if upcoming else cycles[-1]


def picked_parent(session: Session, cycle_id: int, parent_id: int | None) -> Choice | None:
    parent = objective_by_id(session, parent_id) if parent_id is not None else None
    if parent is None or parent.cycle_id != cycle_id:
        return None
    return objective_choice(parent)


class AuthoringChoiceService:
    """The options of the authoring modals' selects, looked up as the person types."""

    def __init__(
        self, database: Database, clock: Clock, authority: Authority | None = None
    ) -> None:
        self._authority = authority or Authority(database)
        self._clock = clock

    def new_objective_choices(
        self,
        slack_user_id: str,
        team_id: int | None = None,
        cycle_id: int | None = None,
        parent_id: int | None = None,
    ) -> NewObjectiveChoices:
        """What the new-objective modal shows picked: the ids given, where the person may pick
        them (a redrawn modal keeps its picks), else their first team and the current cycle."""

        def read(session: Session, actor: Actor) -> NewObjectiveChoices:
            team = default_team(session, actor, team_id)
            cycle = default_cycle(session, self._clock.now().date(), cycle_id)
            parent = picked_parent(session, cycle.id or 0, parent_id)
            return NewObjectiveChoices(team, cycle_choice(cycle), parent)

        return self._authority.read(slack_user_id, read)

    def team_choices(self, slack_user_id: str, typed: str) -> list[Choice]:
        """Teams the caller may create objectives for, by name."""
        return self._authority.read(
            slack_user_id, lambda session, actor: team_choices(session, actor, typed)
        )

    def cycle_choices(self, slack_user_id: str, typed: str) -> list[Choice]:
        """Open cycles, for someone who may create objectives."""

        def find(session: Session, actor: Actor) -> list[Choice]:
            authorable_team_ids(session, actor)
            return cycle_choices(session, typed)

        return self._authority.read(slack_user_id, find)

    def parent_choices(
        self, slack_user_id: str, typed: str, *, cycle_id: int | None, objective_id: int | None
    ) -> list[Choice]:
        """Objectives to align under: of the new objective's cycle, or the edited one's."""

        def find(session: Session, actor: Actor) -> list[Choice]:
            if objective_id is None:
                authorable_team_ids(session, actor)
                cycle = default_cycle(session, self._clock.now().date(), cycle_id)
                return parent_choices(session, cycle.id or 0, typed)
            objective = find_objective(session, objective_id)
            require_objective_writer(session, actor, objective, "edit it")
            return parent_choices(session, objective.cycle_id, typed, objective_id)

        return self._authority.read(slack_user_id, find)


def team_choice(team: Team) -> Choice:
    assert team.id is not None
    return Choice(team.id, truncate(team.name, LABEL_CHARS))


def cycle_choice(cycle: Cycle) -> Choice:
    assert cycle.id is not None
    return Choice(cycle.id, truncate(cycle.name, LABEL_CHARS))


def objective_choice(objective: Objective) -> Choice:
    assert objective.id is not None
    label = f"{objective_ref(objective.id)} {objective.title}"
    return Choice(objective.id, truncate(label, LABEL_CHARS))


def _descendants(session: Session, cycle_id: int, objective_id: int) -> set[int]:
    """The objective and every objective aligned under it, at any depth."""
    children: dict[int, list[int]] = {}
    for child, parent in repo.cycle_alignment(session, cycle_id):
        children.setdefault(parent, []).append(child)
    found = [objective_id]
    for current in found:
        found += [child for child in children.get(current, []) if child not in found]
    return set(found)


def find_objective(session: Session, objective_id: int) -> Objective:
    objective = objective_by_id(session, objective_id)
    if objective is None:
        raise NotFound(
            f"I can't find {objective_ref(objective_id)}. Check the number and try again."
        )
    return objective
