"""`/okr settings`: workspace defaults, teams, bot admins and cycles, each checked on save."""

from collections.abc import Iterable
from dataclasses import asdict, fields

from bot.db import roles
from bot.db import team_admin as repo
from bot.db.digests import all_teams
from bot.db.engine import Database, Session
from bot.db.models import Cycle, Team, WorkspaceSettings
from bot.db.workspace import editable_workspace_settings, workspace_settings
from bot.domain.errors import NotAllowed, NotFound
from bot.services.members import acting_member
from bot.services.permissions import is_admin, require_admin, require_team_lead
from bot.services.ports import Clock, SlackProfile
from bot.services.scoring import close_cycle
from bot.services.settings_rules import check_cycle, check_team, check_workspace
from bot.services.settings_types import (
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

_SCHEDULE_FIELDS = tuple(f.name for f in fields(Schedule))


class SettingsService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def menu(self, slack_user_id: str, profile: SlackProfile | None = None) -> SettingsMenu:
        """What the caller may change; `profile` is what users.info just said of them."""
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            if profile is not None:
                member.slack_admin = profile.is_admin
                member.display_name = profile.display_name or member.display_name
            teams = all_teams(session)
            if is_admin(member):
                cycles = tuple(_cycle_summary(c) for c in repo.all_cycles(session))
                return SettingsMenu(True, _choices(teams), cycles)
            assert member.id is not None
            led = roles.led_team_ids(session, member.id)
            if not led:
                raise NotAllowed(_who_to_ask(session))
            return SettingsMenu(False, _choices(t for t in teams if t.id in led))

    def check_admin(self, slack_user_id: str, action: str) -> None:
        """Refuse a non-admin before they fill in a form only admins may submit."""
        with self._db.transaction() as session:
            require_admin(acting_member(session, slack_user_id), action)

    def workspace_form(self, slack_user_id: str) -> WorkspaceForm:
        with self._db.transaction() as session:
            require_admin(acting_member(session, slack_user_id), "change the workspace defaults")
            row = workspace_settings(session)
            return WorkspaceForm(_schedule_of(row), row.timezone, row.retro_below)

    def save_workspace(self, slack_user_id: str, form: WorkspaceForm) -> None:
        with self._db.transaction() as session:
            require_admin(acting_member(session, slack_user_id), "change the workspace defaults")
            check_workspace(form.schedule, form.timezone, form.retro_below)
            row = editable_workspace_settings(session)
            _apply_schedule(row, form.schedule)
            row.timezone, row.retro_below = form.timezone, form.retro_below

    def team_settings(self, slack_user_id: str, team_id: int) -> TeamSettings:
        with self._db.transaction() as session:
            team = self._team_for_lead(session, slack_user_id, team_id)
            leads, members = repo.team_people(session, team_id)
            form = TeamForm(
                team.name,
                team.channel_id,
                team.parent_id,
                tuple(leads),
                tuple(m for m in members if m not in leads),
                _schedule_of(team),
            )
            teams = all_teams(session)
            below = _descendants(team_id, teams)
            return TeamSettings(team_id, form, _choices(t for t in teams if t.id not in below))

    def save_team(self, slack_user_id: str, team_id: int, form: TeamForm) -> None:
        """Save a team's settings; the id is re-checked, as it came back from the client."""
        with self._db.transaction() as session:
            team = self._team_for_lead(session, slack_user_id, team_id)
            taken = repo.team_named(session, form.name)
            parent_ok = form.parent_id is None or form.parent_id not in _descendants(
                team_id, all_teams(session)
            )
            check_team(form, taken is not None and taken.id != team_id, parent_ok)
            self._write_team(session, team, form)

    def create_team(self, slack_user_id: str, form: TeamForm) -> TeamChoice:
        with self._db.transaction() as session:
            require_admin(acting_member(session, slack_user_id), "create teams")
            taken = repo.team_named(session, form.name) is not None
            parent_ok = form.parent_id is None or session.get(Team, form.parent_id) is not None
            check_team(form, taken, parent_ok)
            team = Team(name=form.name.strip())
            session.add(team)
            session.flush()
            self._write_team(session, team, form)
            assert team.id is not None
            return TeamChoice(team.id, team.name)

    def admins(self, slack_user_id: str) -> tuple[str, ...]:
        """Members made admins in the bot (Slack's own admins are admins anyway)."""
        with self._db.transaction() as session:
            require_admin(acting_member(session, slack_user_id), "see who the admins are")
            return tuple(m.slack_user_id for m in repo.bot_admins(session) if m.is_admin)

    def set_admins(self, slack_user_id: str, admins: tuple[str, ...]) -> None:
        with self._db.transaction() as session:
            member = acting_member(session, slack_user_id)
            require_admin(member, "make people admins")
            if not member.slack_admin and slack_user_id not in admins:
                raise NotAllowed("You cannot take away your own admin role; ask another admin.")
            repo.set_bot_admins(session, set(admins))

    def open_cycle(self, slack_user_id: str, cycle: NewCycle) -> CycleSummary:
        with self._db.transaction() as session:
            require_admin(acting_member(session, slack_user_id), "open cycles")
            check_cycle(cycle, repo.cycle_named(session, cycle.name) is not None)
            assert cycle.start is not None and cycle.end is not None
            row = Cycle(name=cycle.name.strip(), start_date=cycle.start, end_date=cycle.end)
            session.add(row)
            session.flush()
            return _cycle_summary(row)

    def close_cycle(self, slack_user_id: str, cycle_id: int) -> CycleClosed:
        """Close the cycle and score every key result from its final progress."""
        with self._db.transaction() as session:
            require_admin(acting_member(session, slack_user_id), "close cycles")
            cycle = session.get(Cycle, cycle_id)
            if cycle is None:
                raise NotFound("That cycle no longer exists.")
            scored = close_cycle(session, cycle, self._clock.now())
            return CycleClosed(cycle.name, len(scored))

    def _team_for_lead(self, session: Session, slack_user_id: str, team_id: int) -> Team:
        member = acting_member(session, slack_user_id)
        team = session.get(Team, team_id)
        if team is None:
            raise NotFound("That team no longer exists.")
        require_team_lead(session, member, team, "change its settings")
        return team

    def _write_team(self, session: Session, team: Team, form: TeamForm) -> None:
        team.name, team.channel_id, team.parent_id = (
            form.name.strip(),
            form.channel_id,
            form.parent_id,
        )
        _apply_schedule(team, form.schedule)
        assert team.id is not None
        repo.set_team_people(session, team.id, set(form.leads), set(form.members))


def _schedule_of(row: Team | WorkspaceSettings) -> Schedule:
    return Schedule(**{name: getattr(row, name) for name in _SCHEDULE_FIELDS})


def _apply_schedule(row: Team | WorkspaceSettings, schedule: Schedule) -> None:
    for name, value in asdict(schedule).items():
        setattr(row, name, value)


def _choices(teams: Iterable[Team]) -> tuple[TeamChoice, ...]:
    return tuple(TeamChoice(t.id, t.name) for t in teams if t.id is not None)


def _cycle_summary(cycle: Cycle) -> CycleSummary:
    assert cycle.id is not None
    closed = cycle.closed_at is not None
    return CycleSummary(cycle.id, cycle.name, cycle.start_date, cycle.end_date, closed)


def _descendants(team_id: int, teams: list[Team]) -> set[int]:
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
