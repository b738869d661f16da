"""Team membership, bot admins and cycles as `/okr settings` changes them."""

from sqlmodel import Session, col, select

from bot.db.members import get_or_create_member
from bot.db.models import Member, TeamMember


def team_people(session: Session, team_id: int) -> tuple[list[str], list[str]]:
    """(leads, members) of the team as Slack user ids; leads are members too."""
    rows = session.exec(
        select(Member.slack_user_id, TeamMember.is_lead)
        .join(TeamMember, col(TeamMember.member_id) == Member.id)
        .where(TeamMember.team_id == team_id)
        .order_by(col(Member.slack_user_id))
    ).all()
    return [user for user, lead in rows if lead], [user for user, _ in rows]


def set_team_people(session: Session, team_id: int, leads: set[str], members: set[str]) -> None:
    """Exactly these leads and members; someone taken off keeps their key results."""
    wanted = {user: user in leads for user in leads | members}
    ids = {user: get_or_create_member(session, user).id for user in wanted}
    current = {
        row.member_id: row
        for row in session.exec(select(TeamMember).where(TeamMember.team_id == team_id)).all()
    }
    for user, is_lead in wanted.items():
        member_id = ids[user]
        assert member_id is not None
        row = current.pop(member_id, None)
        if row is None:
            session.add(TeamMember(team_id=team_id, member_id=member_id, is_lead=is_lead))
        else:
            row.is_lead = is_lead
    for row in current.values():
        session.delete(row)


def bot_admins(session: Session) -> list[Member]:
    """Members made admins in the bot, and Slack's admins the bot knows of."""
    admins = col(Member.is_admin).is_(True) | col(Member.slack_admin).is_(True)
    query = select(Member).where(admins, col(Member.deactivated).is_(False))
    return list(session.exec(query.order_by(col(Member.slack_user_id))).all())


def set_bot_admins(session: Session, slack_user_ids: set[str]) -> None:
    for user in slack_user_ids:
        get_or_create_member(session, user)
    concerned = col(Member.is_admin).is_(True) | col(Member.slack_user_id).in_(slack_user_ids)
    for member in session.exec(select(Member).where(concerned)).all():
        member.is_admin = member.slack_user_id in slack_user_ids
