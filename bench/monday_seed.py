"""The Monday-morning workspace: people, teams, KRs and weeks of history, the clickers prompted."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bench.workspace import build_workspace
from bot.db.engine import Database
from bot.db.models import Member, Prompt, metadata
from bot.domain.prompting import PromptStatus

CYCLE_START = date(2026, 5, 18)  # a Monday: 26 weeks of history before 2026-W47
CYCLE = ("2026-H2", CYCLE_START, date(2026, 12, 31))
PERIOD = "2026-W47"
MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
PROMPT_TIME = MONDAY + timedelta(hours=10)  # the default cadence, every member in UTC
EARLY_PROMPTS = MONDAY + timedelta(hours=9)
TEAM_PREFIX = "Squad"  # not "Team": `/okr list team Team 1` would read the second as a keyword


@dataclass(frozen=True)
class Size:
    people: int
    teams: int
    key_results: int
    weeks: int

    @property
    def people_per_team(self) -> int:
        return self.people // self.teams


FULL = Size(people=2_000, teams=50, key_results=5_000, weeks=26)
SMALL = Size(people=200, teams=5, key_results=500, weeks=26)


def seed(database: Database, size: Size, clickers: list[str], weeks: int | None = None) -> None:
    """An empty schema, then the workspace; `clickers` already have this week's prompt DM."""
    metadata.drop_all(database.engine)
    metadata.create_all(database.engine)
    build_workspace(
        database,
        [size.key_results // size.teams] * size.teams,
        size.weeks if weeks is None else weeks,
        dates=CYCLE,
        owners_per_team=size.people_per_team,
        team_prefix=TEAM_PREFIX,
        min_confidence=4,
        stamped_weekly=True,
    )
    with database.transaction() as session:
        # Profiles fresh and DMs known, as on any Monday after the first week.
        session.execute(
            update(Member).values(
                timezone="UTC",
                profile_fetched_at=MONDAY - timedelta(days=1),
                dm_channel_id="D" + col(Member.slack_user_id),
            )
        )
        ids = session.exec(
            select(Member.id, Member.slack_user_id).where(col(Member.slack_user_id).in_(clickers))
        ).all()
        session.add_all(
            Prompt(
                member_id=member_id,
                period=PERIOD,
                status=PromptStatus.SENT,
                claimed_at=EARLY_PROMPTS,
                sent_at=EARLY_PROMPTS,
                ends_at=MONDAY + timedelta(days=7, hours=10),
                channel_id=f"D{user}",
                message_ts=f"1763283600.{n:06d}",
            )
            for n, (member_id, user) in enumerate(ids)
            if member_id is not None
        )


def people(size: Size) -> list[str]:
    """Every member's Slack id, as `bench.workspace` names them, spread across teams."""
    per_team = size.people_per_team
    return [f"U{team:04d}{p:05d}" for p in range(per_team) for team in range(size.teams)]


def team_of(user: str) -> str:
    return f"{TEAM_PREFIX} {int(user[1:5]):03d}"
