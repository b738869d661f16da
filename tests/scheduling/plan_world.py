"""A small seeded workspace and its bot at a chosen instant, and whom planning everyone anew
would act on: what the plan-memory tests compare each tick with."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from bench.monday_seed import MONDAY, Size, people, seed
from bot.db.engine import Database
from bot.db.models import Member
from bot.db.workspace import editable_workspace_settings
from bot.domain.cadence import CadenceKind
from bot.domain.prompting import Step
from bot.runtime import build_services
from bot.services.checkins.planning import PromptPlanner
from bot.services.registry import Services
from bot.services.workspace_defaults import CalendarDefaults, workspace_defaults
from bot.settings import Settings
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.timer import FakeTimer

SIZE = Size(people=20, teams=2, key_results=40, weeks=2)
PROMPT_STEPS = {Step.SEND, Step.MISS, Step.ANSWER}


def member(session: Session, n: int) -> Member:
    return session.exec(select(Member).where(Member.slack_user_id == people(SIZE)[n])).one()


def workspace_every_two_weeks(session: Session) -> None:
    """Periods of two weeks from last Monday's: this week's prompts belong to no period now,
    and last week's, recorded missed, to the current one."""
    row = editable_workspace_settings(session)
    row.cadence, row.cadence_every = CadenceKind.EVERY_N_WEEKS, 2
    row.cadence_anchor = (MONDAY - timedelta(weeks=1)).date()


def workspace_weekly_again(session: Session) -> None:
    editable_workspace_settings(session).cadence = CadenceKind.WEEKLY


@dataclass
class Bot:
    services: Services
    clock: FrozenClock
    settings: Settings
    fake: FakeSlackApi


@contextmanager
def running_bot(database: Database, at: datetime, weeks: int | None = None) -> Iterator[Bot]:
    """The seeded workspace at `at`, and the bot's services with Slack faked over HTTP."""
    seed(database, SIZE, [], weeks=weeks)
    with FakeSlackApi() as fake:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.base_url)
        clock = FrozenClock(at)
        yield Bot(
            build_services(database, fake.client(), settings, clock, FakeTimer()),
            clock,
            settings,
            fake,
        )


def due_anew(database: Database, settings: Settings, now: datetime, steps: set[Step]) -> set[str]:
    """Whom planning everyone from scratch would act on now, with the bot's settings."""
    with database.read() as session:
        defaults = workspace_defaults(session, CalendarDefaults(settings.okr_default_timezone))
    planner = PromptPlanner(database, settings.working_hours())
    pages = planner.pages(now, defaults, lambda row: None if row.deactivated else row, force=False)
    return {plan.slack_user_id for page in pages for plan in page.plans if plan.step in steps}


def acted_on(report: Any) -> set[str]:
    return {*report.sent, *report.reminded, *report.missed, *report.up_to_date, *report.failed}
