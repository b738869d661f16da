"""Who may do what: anyone reads; owners, contributors, leads and admins write.

Every check takes the member from the signed payload and the thing from the database, so an
id smuggled into a button value or `private_metadata` is judged like any other request.
Slack's admins and owners are admins here, and Slack is asked again each time it matters:
a stored flag would let someone demoted in Slack keep admin rights here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from bot.db.authoring import contributor_ids
from bot.db.engine import Database, Session
from bot.db.models import KeyResult, Member, Objective, Team
from bot.db.teams import is_lead
from bot.domain.errors import NotAllowed
from bot.domain.refs import kr_ref, objective_ref
from bot.services.members import acting_member, reading_as
from bot.services.ports import DeliveryError, SlackProfile, SlackRoles
from bot.services.profiles import store_name_and_role

T = TypeVar("T")
SLACK_DID_NOT_ANSWER = (
    "I could not check with Slack just now whether you are a workspace admin, so I did not "
    "let this through. Please try again in a minute."
)


class SlackRole(Enum):
    UNASKED = "unasked"
    ADMIN = "admin"
    NOT_ADMIN = "not admin"
    UNKNOWN = "unknown"  # Slack did not answer: never an admin


class AskSlack(Exception):
    """A decision needs Slack's word on the caller's role; raised inside the transaction,
    so it is rolled back, Slack is asked outside it, and the work runs again."""


@dataclass(frozen=True)
class Actor:
    """The member behind a signed payload, and what Slack said of their role this time."""

    member: Member
    slack_role: SlackRole = SlackRole.UNASKED

    @property
    def id(self) -> int:
        assert self.member.id is not None
        return self.member.id


class _WithoutSlack:
    """For services built without Slack (the command line, service tests): no Slack admins."""

    def profile(self, slack_user_id: str) -> SlackProfile:
        return SlackProfile(display_name="", timezone=None)


class Authority:
    """Runs one unit of work as the caller, asking Slack for their role only when it matters."""

    def __init__(self, database: Database, roles_in_slack: SlackRoles | None = None) -> None:
        self._db = database
        self._slack = roles_in_slack or _WithoutSlack()

    def run(self, slack_user_id: str, work: Callable[[Session, Actor], T]) -> T:
        """`work` in one transaction; at most once more if it needed the caller's Slack role."""
        role, profile = SlackRole.UNASKED, None
        while True:
            try:
                with self._db.transaction() as session:
                    member = acting_member(session, slack_user_id)
                    if profile is not None:
                        store_name_and_role(member, profile)
                    return work(session, Actor(member, role))
            except AskSlack:
                if role is not SlackRole.UNASKED:
                    raise
            role, profile = self._ask(slack_user_id)

    def read(self, slack_user_id: str, work: Callable[[Session, Actor], T]) -> T:
        """As `run`, for work that only reads: it never waits for a writer."""
        role = SlackRole.UNASKED
        while True:
            try:
                with reading_as(self._db, slack_user_id) as (session, member):
                    return work(session, Actor(member, role))
            except AskSlack:
                if role is not SlackRole.UNASKED:
                    raise
            role, _ = self._ask(slack_user_id)

    def _ask(self, slack_user_id: str) -> tuple[SlackRole, SlackProfile | None]:
        """Slack's word on the caller, outside any transaction; UNKNOWN if it cannot say."""
        try:
            profile = self._slack.profile(slack_user_id)
        except DeliveryError:
            return SlackRole.UNKNOWN, None
        return (SlackRole.ADMIN if profile.is_admin else SlackRole.NOT_ADMIN), profile


def is_admin(actor: Actor) -> bool:
    """A member made an admin in the bot, or a Slack workspace admin or owner right now."""
    if actor.member.is_admin:
        return True
    if actor.slack_role is SlackRole.UNASKED:
        raise AskSlack()
    return actor.slack_role is SlackRole.ADMIN


def slack_says_admin(actor: Actor) -> bool:
    """Whether Slack itself counts the actor an admin or owner now (a bot admin or not)."""
    if actor.slack_role is SlackRole.UNASKED:
        raise AskSlack()
    return actor.slack_role is SlackRole.ADMIN


def leads_or_admin(session: Session, actor: Actor, team_id: int) -> bool:
    return is_lead(session, actor.id, team_id) or is_admin(actor)


def may_write_kr(session: Session, actor: Actor, kr: KeyResult, team_id: int) -> bool:
    """Owner, contributor, a lead of the KR's team, or an admin."""
    assert kr.id is not None
    return (
        kr.owner_id == actor.id
        or actor.id in contributor_ids(session, kr.id)
        or leads_or_admin(session, actor, team_id)
    )


def refusal(actor: Actor, message: str) -> NotAllowed:
    """A refusal that says so when it is only because Slack could not be asked."""
    unknown = actor.slack_role is SlackRole.UNKNOWN and not actor.member.is_admin
    return NotAllowed(SLACK_DID_NOT_ANSWER if unknown else message)


def require_admin(actor: Actor, action: str) -> None:
    if not is_admin(actor):
        raise refusal(
            actor,
            f"Only workspace admins can {action}. Slack's workspace admins and owners are "
            "admins here, and an admin can make others admins.",
        )


def require_team_lead(session: Session, actor: Actor, team: Team, action: str) -> None:
    assert team.id is not None
    if not leads_or_admin(session, actor, team.id):
        raise refusal(
            actor,
            f"Only {team.name}'s leads and workspace admins can {action}. "
            "Ask one of them, or ask an admin to make you a lead.",
        )


def require_kr_writer(
    session: Session, actor: Actor, kr: KeyResult, objective: Objective, action: str
) -> None:
    if not may_write_kr(session, actor, kr, objective.team_id):
        raise refusal(
            actor,
            f"Only {kr_ref(kr.id)}'s owner, its contributors, its team's leads and workspace "
            f"admins can {action}.",
        )


def require_objective_writer(
    session: Session, actor: Actor, objective: Objective, action: str
) -> None:
    if objective.owner_id != actor.id and not leads_or_admin(session, actor, objective.team_id):
        raise refusal(
            actor,
            f"Only {objective_ref(objective.id)}'s owner, its team's leads and workspace admins "
            f"can {action}.",
        )
