"""`/okr settings`: workspace defaults, teams, bot admins and cycles, each checked on save."""

from collections.abc import Iterable
from dataclasses import asdict, fields

from bot.db import team_admin as repo
from bot.db.cycles import add_cycle, all_cycles, cycle_by_id, find_cycle_named
from bot.db.engine import Database, Session
from bot.db.models import Cycle, Team, WorkspaceSettings
from bot.db.teams import add_team, all_teams, find_team, led_team_ids, team_by_id
from bot.db.workspace import editable_workspace_settings, workspace_settings
from bot.domain.errors import NotAllowed, NotFound
from bot.services.permissions import (
    Actor,
    Authority,
    is_admin,
    refusal,
    require_admin,
    require_team_lead,
    slack_says_admin,
)
from bot.services.ports import Clock
from bot.services.scoring import close_cycle
from bot.services.settings.results import (
    CycleClosed,
    CycleSummary,
    NewCycle,
    Schedule,
    SettingsMenu,
    TeamChoice,
    TeamForm,
    TeamSettings,
    WorkspaceForm,
)
from bot.services.settings.rules import check_cycle, check_team, check_workspace

_SCHEDULE_FIELDS = tuple(f.name for f in fields(Schedule))


class SettingsService:
    def __init__(
        self, database: Database, clock: Clock, authority: Authority | None = None
    ) -> None:
        self._clock = clock
        self._authority = authority or Authority(database)

    def menu(self, slack_user_id: str) -> SettingsMenu:
        """What the caller may change: everything for admins, their own teams for leads."""

        def read(session: Session, actor: Actor) -> SettingsMenu:
            teams = all_teams(session)
            if is_admin(actor):
                cycles = tuple(_cycle_summary(c) for c in all_cycles(session))
                return SettingsMenu(True, team_choices(teams), cycles)
            led = led_team_ids(session, actor.id)
            if not led:
                raise refusal(actor, _who_to_ask(session))
            return SettingsMenu(False, team_choices(t for t in teams if t.id in led))

        return self._authority.run(slack_user_id, read)

    def check_admin(self, slack_user_id: str, action: str) -> None:
        """Refuse a non-admin before they fill in a form only admins may submit."""
        self._authority.read(slack_user_id, lambda _, actor: require_admin(actor, action))

    def workspace_form(self, slack_user_id: str) -> WorkspaceForm:
        def read(session: Session, actor: Actor) -> WorkspaceForm:
            require_admin(actor, "change the workspace defaults")
            row = workspace_settings(session)
            return WorkspaceForm(_schedule_of(row), row.timezone, row.retro_below)

        return self._authority.read(slack_user_id, read)

    def save_workspace(self, slack_user_id: str, form: WorkspaceForm) -> None:
        def save(session: Session, actor: Actor) -> None:
            require_admin(actor, "change the workspace defaults")
            check_workspace(form.schedule, form.timezone, form.retro_below)
            row = editable_workspace_settings(session)
            _apply_schedule(row, form.schedule)
            row.timezone, row.retro_below = form.timezone, form.retro_below

        self._authority.run(slack_user_id, save)

    def team_settings(self, slack_user_id: str, team_id: int) -> TeamSettings:
        def read(session: Session, actor: Actor) -> TeamSettings:
            team = team_for_lead(session, actor, team_id)
            leads, members = repo.team_people(session, team_id)
            form = TeamForm(
                team.name,
                team.channel_id,
                team.parent_id,
                tuple(leads),
                tuple(m for m in members if m not in leads),
                _schedule_of(team),
                team.mention_blockers,
            )
            parent = team_by_id(session, team.parent_id) if team.parent_id else None
            parents = team_choices([parent] if parent else [])
            return TeamSettings(team_id, form, parents[0] if parents else None)

        return self._authority.read(slack_user_id, read)

    def save_team(self, slack_user_id: str, team_id: int, form: TeamForm) -> None:
        """Save a team's settings; the ids are re-checked, as they came back from the client."""

        def save(session: Session, actor: Actor) -> None:
            team = team_for_lead(session, actor, team_id)
            taken = find_team(session, form.name)
            parent_ok = form.parent_id is None or (
                team_by_id(session, form.parent_id) is not None
                and form.parent_id not in descendants(team_id, all_teams(session))
            )
            check_team(form, taken is not None and taken.id != team_id, parent_ok)
            _write_team(session, team, form)

        self._authority.run(slack_user_id, save)

    def create_team(self, slack_user_id: str, form: TeamForm) -> TeamChoice:
        def create(session: Session, actor: Actor) -> TeamChoice:
            require_admin(actor, "create teams")
            taken = find_team(session, form.name) is not None
            parent_ok = form.parent_id is None or team_by_id(session, form.parent_id) is not None
            check_team(form, taken, parent_ok)
            team = Team(name=form.name.strip())
            new_id = add_team(session, team)
            _write_team(session, team, form)
            return TeamChoice(new_id, team.name)

        return self._authority.run(slack_user_id, create)

    def admins(self, slack_user_id: str) -> tuple[str, ...]:
        """Members made admins in the bot (Slack's own admins are admins anyway)."""

        def read(session: Session, actor: Actor) -> tuple[str, ...]:
            require_admin(actor, "see who the admins are")
            return tuple(m.slack_user_id for m in repo.bot_admins(session) if m.is_admin)

        return self._authority.read(slack_user_id, read)

    def set_admins(self, slack_user_id: str, admins: tuple[str, ...]) -> None:
        def save(session: Session, actor: Actor) -> None:
            require_admin(actor, "make people admins")
            if slack_user_id not in admins and not slack_says_admin(actor):
                raise NotAllowed("You cannot take away your own admin role; ask another admin.")
            repo.set_bot_admins(session, set(admins))

        self._authority.run(slack_user_id, save)

    def open_cycle(self, slack_user_id: str, cycle: NewCycle) -> CycleSummary:
        def open_new(session: Session, actor: Actor) -> CycleSummary:
            require_admin(actor, "open cycles")
            check_cycle(cycle, find_cycle_named(session, cycle.name) is not None)
            assert cycle.start is not None and cycle.end is not None
            row = Cycle(name=cycle.name.strip(), start_date=cycle.start, end_date=cycle.end)
            add_cycle(session, row)
            return _cycle_summary(row)

        return self._authority.run(slack_user_id, open_new)

    def close_cycle(self, slack_user_id: str, cycle_id: int) -> CycleClosed:
        """Close the cycle and score every key result from its final progress."""

        def close(session: Session, actor: Actor) -> CycleClosed:
            require_admin(actor, "close cycles")
            cycle = cycle_by_id(session, cycle_id)
            if cycle is None:
                raise NotFound("That cycle no longer exists.")
            scored = close_cycle(session, cycle, self._clock.now())
            return CycleClosed(cycle.name, len(scored))

        return self._authority.run(slack_user_id, close)


def team_for_lead(session: Session, actor: Actor, team_id: int) -> Team:
    """The team, if the actor leads it or is an admin."""
    team = team_by_id(session, team_id)
    if team is None:
        raise NotFound("That team no longer exists.")
    require_team_lead(session, actor, team, "change its settings")
    return team


def _write_team(session: Session, team: Team, form: TeamForm) -> None:
    team.name, team.channel_id, team.parent_id = form.name.strip(), form.channel_id, form.parent_id
    _apply_schedule(team, form.schedule)
    team.mention_blockers = form.mention_blockers
    assert team.id is not None
    repo.set_team_people(session, team.id, set(form.leads), set(form.members))


def _schedule_of(row: Team | WorkspaceSettings) -> Schedule:
    return Schedule(**{name: getattr(row, name) for name in _SCHEDULE_FIELDS})


def _apply_schedule(row: Team | WorkspaceSettings, schedule: Schedule) -> None:
    for name, value in asdict(schedule).items():
        setattr(row, name, value)


def team_choices(teams: Iterable[Team]) -> tuple[TeamChoice, ...]:
    return tuple(TeamChoice(t.id, t.name) for t in teams if t.id is not None)


def _cycle_summary(cycle: Cycle) -> CycleSummary:
    assert cycle.id is not None
    closed = cycle.closed_at is not None
    return CycleSummary(cycle.id, cycle.name, cycle.start_date, cycle.end_date, closed)


def descendants(team_id: int, teams: list[Team]) -> set[int]:
    """The team and every team below it."""
    found = [team_id]
    for current in found:
        found += [t.id for t in teams if t.parent_id == current and t.id and t.id not in found]
    return set(found)


def _who_to_ask(session: Session) -> str:
    admins = [m.display_name for m in repo.bot_admins(session) if m.display_name]
    ask = f"Ask an admin ({', '.join(admins[:5])})" if admins else "Ask a Slack workspace admin"
    return (
        "Only workspace admins and team leads can change settings. "
        f"{ask} to change what you need, or to make you a lead of your team."
    )
