"""Queries on members: lookup by Slack id, creation on first sight, cached profile."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.db.dialect import dialect_insert
from bot.db.models import Member


def find_member(session: Session, slack_user_id: str) -> Member | None:
    return session.exec(select(Member).where(Member.slack_user_id == slack_user_id)).first()


def members_by_slack_ids(session: Session, slack_user_ids: list[str]) -> list[Member]:
    """The members among these Slack ids (others are not the bot's members, and are skipped)."""
    if not slack_user_ids:
        return []
    query = select(Member).where(col(Member.slack_user_id).in_(slack_user_ids))
    return list(session.exec(query).all())


def get_or_create_member(session: Session, slack_user_id: str) -> Member:
    """The member with this Slack id, created if new; safe when two requests race."""
    existing = find_member(session, slack_user_id)
    if existing is not None:
        return existing
    insert = dialect_insert(session)
    session.execute(
        insert(Member).values(slack_user_id=slack_user_id, is_admin=False).on_conflict_do_nothing()
    )
    member = find_member(session, slack_user_id)
    assert member is not None
    return member


def record_home_opened(session: Session, slack_user_id: str, now: datetime) -> None:
    """Note that the member opened the App Home now (first contact creates them)."""
    get_or_create_member(session, slack_user_id)
    # The revision stays: opening Home changes nothing the scheduler plans prompts from.
    session.execute(
        update(Member)
        .where(col(Member.slack_user_id) == slack_user_id)
        .values(home_opened_at=now, revision=Member.revision)
    )


def set_dm_channel(session: Session, member_id: int, channel_id: str) -> None:
    """Remember the DM channel Slack named for the member."""
    session.execute(
        update(Member).where(col(Member.id) == member_id).values(dm_channel_id=channel_id)
    )


def display_names(session: Session, slack_user_ids: list[str]) -> dict[str, str]:
    """The cached display names of these people; those never fetched are left out."""
    if not slack_user_ids:
        return {}
    rows = session.exec(
        select(Member.slack_user_id, Member.display_name).where(
            col(Member.slack_user_id).in_(slack_user_ids)
        )
    ).all()
    return {slack_id: name for slack_id, name in rows if name}


def member_by_id(session: Session, member_id: int) -> Member | None:
    return session.get(Member, member_id)


def load_member(session: Session, member_id: int) -> Member:
    """The member, which must exist."""
    return session.get_one(Member, member_id)
