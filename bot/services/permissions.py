"""Who may do what: anyone reads; owners, contributors, leads and admins write.

Every check takes the member from the signed payload and the thing from the database, so an
id smuggled into a button value or `private_metadata` is judged like any other request.
"""

from bot.db import roles
from bot.db.engine import Session
from bot.db.models import KeyResult, Member, Objective, Team
from bot.domain.errors import NotAllowed
from bot.domain.refs import kr_ref, objective_ref


def is_admin(member: Member) -> bool:
    """A Slack workspace admin or owner, or a member made an admin in the bot."""
    return member.is_admin or member.slack_admin


def leads_or_admin(session: Session, member: Member, team_id: int) -> bool:
    assert member.id is not None
    return is_admin(member) or roles.is_lead(session, member.id, team_id)


def may_write_kr(session: Session, member: Member, kr: KeyResult, team_id: int) -> bool:
    """Owner, contributor, a lead of the KR's team, or an admin."""
    assert member.id is not None and kr.id is not None
    return (
        kr.owner_id == member.id
        or member.id in roles.contributor_ids(session, kr.id)
        or leads_or_admin(session, member, team_id)
    )


def require_admin(member: Member, action: str) -> None:
    if not is_admin(member):
        raise NotAllowed(
            f"Only workspace admins can {action}. Slack's workspace admins and owners are "
            "admins here, and an admin can make others admins."
        )


def require_team_lead(session: Session, member: Member, team: Team, action: str) -> None:
    assert team.id is not None
    if not leads_or_admin(session, member, team.id):
        raise NotAllowed(
            f"Only {team.name}'s leads and workspace admins can {action}. "
            "Ask one of them, or ask an admin to make you a lead."
        )


def require_kr_writer(
    session: Session, member: Member, kr: KeyResult, objective: Objective, action: str
) -> None:
    if not may_write_kr(session, member, kr, objective.team_id):
        raise NotAllowed(
            f"Only {kr_ref(kr.id)}'s owner, its contributors, its team's leads and workspace "
            f"admins can {action}."
        )


def require_objective_writer(
    session: Session, member: Member, objective: Objective, action: str
) -> None:
    assert member.id is not None
    if objective.owner_id != member.id and not leads_or_admin(session, member, objective.team_id):
        raise NotAllowed(
            f"Only {objective_ref(objective.id)}'s owner, its team's leads and workspace admins "
            f"can {action}."
        )
