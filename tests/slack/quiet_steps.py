"""Steps for the quiet-nudge tests: team settings, stored check-ins, DMs seen by the fake Slack."""

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlmodel import col, select

from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.models import CheckIn, Cycle, KeyResult, Member, Team
from bot.domain.cadence import period_key
from tests.fakes.slack_api import Call
from tests.slack.harness import SlackHarness

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: date, hour: int, minute: int = 0) -> datetime:
    """A Berlin wall-clock time as the aware instant it is (CET or CEST)."""
    return datetime.combine(day, time(hour, minute), BERLIN)


def set_team(database: Database, **fields: Any) -> None:
    with database.transaction() as session:
        team = session.exec(select(Team)).one()
        for name, value in fields.items():
            setattr(team, name, value)


def set_member(database: Database, slack_user_id: str, **fields: Any) -> None:
    with database.transaction() as session:
        member = find_member(session, slack_user_id)
        assert member is not None
        for name, value in fields.items():
            setattr(member, name, value)


def extend_cycle(database: Database, end: date) -> None:
    with database.transaction() as session:
        session.exec(select(Cycle)).one().end_date = end


def store_checkins(database: Database, slack_user_id: str, at: datetime, *, skip: int = 0) -> None:
    """Check-ins on the person's key results (all but the last `skip`) stored at `at`, as any
    surface (command, App Home, a data source) would leave them."""
    with database.transaction() as session:
        member = session.exec(select(Member).where(Member.slack_user_id == slack_user_id)).one()
        krs = session.exec(
            select(KeyResult).where(KeyResult.owner_id == member.id).order_by(col(KeyResult.id))
        ).all()
        chosen = krs[: len(krs) - skip]
        period = period_key(at.astimezone(BERLIN).date())
        rows = [
            {
                "key_result_id": kr.id,
                "author_id": member.id,
                "period": period,
                "value": 1.0,
                "confidence": 7,
                "created_at": at,
            }
            for kr in chosen
        ]
        session.execute(insert(CheckIn), rows)


def dms_to(slack: SlackHarness, slack_user_id: str) -> list[Call]:
    """Every message the bot posted into the person's DM, through clear() too."""
    return [
        call
        for call in slack.fake.history()
        if call.method == "chat.postMessage" and call.channel == "D" + slack_user_id
    ]


def run_prompts_at(slack: SlackHarness, when: datetime) -> None:
    """The scheduler's prompt and reminder jobs, as they run at `when`."""
    slack.clock.set(when)
    slack.services.prompts.send_due_prompts()
    slack.services.prompts.send_due_reminders()
