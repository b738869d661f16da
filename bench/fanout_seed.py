"""The fan-out benchmark's workspace: members who each own one KR, in Slack and in the bot."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select
from sqlmodel import col

from bot.db.engine import Database
from bot.db.models import Cycle, KeyResult, Member, Objective, Team
from tests.fakes.slack_api import FakeSlackApi

MONDAY_TEN_UTC = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)  # prompt time for members in UTC
_BATCH = 1000


def user_ids(members: int) -> list[str]:
    return [f"U{n:08d}" for n in range(members)]


def seed_slack(fake: FakeSlackApi, members: int) -> None:
    """Everyone in Slack's member list, in UTC (so all are due at 10:00 UTC)."""
    for user in user_ids(members):
        fake.set_user(user, tz="UTC")


def seed(database: Database, members: int, *, fresh: bool) -> list[str]:
    """One cycle, team and objective; each member owns one KR. Fresh: no profile and no DM
    channel known yet (a first Monday); else both cached from last week."""
    users = user_ids(members)
    fetched = None if fresh else MONDAY_TEN_UTC - timedelta(days=1)
    with database.transaction() as session:
        cycle = Cycle(name="2026-Q4", start_date=date(2026, 10, 1), end_date=date(2026, 12, 31))
        team = Team(name="Everyone", channel_id="C0EVERYONE")
        session.add_all([cycle, team])
        session.flush()
        assert cycle.id is not None and team.id is not None
        objective = Objective(cycle_id=cycle.id, team_id=team.id, title="Fans watch more")
        session.add(objective)
        session.flush()
        objective_id = objective.id
    for first in range(0, members, _BATCH):
        batch = users[first : first + _BATCH]
        with database.transaction() as session:
            rows = [_member(user, fetched, fresh=fresh) for user in batch]
            session.execute(insert(Member), rows)
            query = select(col(Member.id), col(Member.slack_user_id))
            ids = session.execute(query.where(col(Member.slack_user_id).in_(batch))).all()
            krs = [
                {"objective_id": objective_id, "owner_id": member_id, "title": f"Viewers of {u}"}
                for member_id, u in ids
            ]
            session.execute(insert(KeyResult), krs)
    return users


def _member(user: str, fetched: datetime | None, *, fresh: bool) -> dict[str, object]:
    return {
        "slack_user_id": user,
        "timezone": None if fresh else "UTC",
        "profile_fetched_at": fetched,
        "dm_channel_id": None if fresh else f"D{user}",
        "is_admin": False,
        "slack_admin": False,
        "deactivated": False,
    }
