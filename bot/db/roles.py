"""Who leads which team and who contributes to which key result: the facts permissions need."""

from sqlmodel import Session, col, select

from bot.db.models import KRContributor, TeamMember


def is_lead(session: Session, member_id: int, team_id: int) -> bool:
    row = session.get(TeamMember, (team_id, member_id))
    return row is not None and row.is_lead


def led_team_ids(session: Session, member_id: int) -> set[int]:
    rows = session.exec(
        select(TeamMember.team_id).where(
            TeamMember.member_id == member_id, col(TeamMember.is_lead).is_(True)
        )
    ).all()
    return set(rows)


def contributor_ids(session: Session, kr_id: int) -> set[int]:
    rows = session.exec(
        select(KRContributor.member_id).where(KRContributor.key_result_id == kr_id)
    ).all()
    return set(rows)
