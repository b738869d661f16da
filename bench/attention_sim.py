"""Steps a frozen clock through the weeks: the bot's jobs run, people answer, sources push."""

import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bench.attention_count import dm_recipient
from bench.attention_world import Person, World, import_file
from bot.db.engine import Database
from bot.db.models import metadata
from bot.runtime import build_services, make_sender
from bot.scheduling.jobs import JOBS
from bot.services.checkins.results import CheckinAnswer
from bot.services.okr_file.importing import OkrImporter
from bot.services.registry import Services
from bot.settings import Settings
from bot.slack.delivery.notifier import profile_of
from tests.fakes.clock import FrozenClock
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.fakes.timer import FakeTimer

STEP = timedelta(hours=1)
LATE = timedelta(hours=30)  # a late answer comes after the day-old reminder
PUSH_AT = time(5, 0)  # sources push their value daily, before anyone's working day


@dataclass
class Simulation:
    world: World
    fake: FakeSlackApi
    clock: FrozenClock
    services: Services
    rng: random.Random = field(default_factory=lambda: random.Random(15))
    stamped: list[tuple[datetime, Call]] = field(default_factory=list)
    answers: dict[tuple[str, int], datetime] = field(default_factory=dict)  # (user, week) → when
    tokens: dict[int, str] = field(default_factory=dict)  # webhook KR id → its token
    seen: int = 0

    def run(self) -> list[tuple[datetime, Call]]:
        end = self.world.start + timedelta(days=7 * self.world.weeks)
        while self.clock.now() < end:
            self.step()
            self.clock.advance(seconds=STEP.total_seconds())
        return self.stamped

    def step(self) -> None:
        now = self.clock.now()
        self._vacations(now)
        if now.time() == PUSH_AT:
            self._push(now)
        for job in JOBS:
            job.tick(self.services)
        self._record(now)
        self._answer(now)

    def _record(self, now: datetime) -> None:
        calls = self.fake.calls
        for call in calls[self.seen :]:
            self.stamped.append((now, call))
            user = dm_recipient(call)
            if user and (user, _week(self.world, now)) not in self.answers:
                self._plan_answer(user, now)
        self.seen = len(calls)

    def _plan_answer(self, user: str, now: datetime) -> None:
        person = next((p for p in self.world.people if p.user_id == user), None)
        if person is None or person.habit == "never":
            return
        delay = STEP if person.habit == "at once" else LATE
        self.answers[(user, _week(self.world, now))] = now + delay

    def _answer(self, now: datetime) -> None:
        for (user, _), when in self.answers.items():
            if when == now:
                form = self.services.checkins.checkin_form(user)
                answers = [
                    CheckinAnswer(kr.kr_id, (kr.value or 0) + self.rng.randint(1, 5), 7)
                    for kr in form.key_results
                ]
                self.services.checkins.save_checkin(user, form.period, answers)

    def _push(self, now: datetime) -> None:
        day = (now - self.world.start).days + 1
        for kr_id, token in self.tokens.items():
            body = f'{{"value": {day}, "id": "day-{day}"}}'.encode()
            self.services.sources.push(f"KR-{kr_id}", token, body)

    def _vacations(self, now: datetime) -> None:
        """Away is said on the Saturday before. A Slack status is cleared when it expires; at
        both moments Slack sends user_change, which the bot keeps as its listener does."""
        for person in self.world.people:
            if person.away is None:
                continue
            set_at = _midnight(person, person.away[0] - timedelta(days=2))
            expires = _midnight(person, person.away[1] + timedelta(days=1))
            if person.away_by == "/okr away":
                if set_at <= now < set_at + STEP:
                    self.services.away.go_away(person.user_id, person.away[1])
                continue
            if set_at <= now < set_at + STEP:
                status = (":palm_tree:", "Vacation", int(expires.timestamp()))
                self._status_changed(person, status)
            elif expires <= now < expires + STEP:
                self._status_changed(person, ("", "", 0))

    def _status_changed(self, person: Person, status: tuple[str, str, int]) -> None:
        self.fake.set_user(person.user_id, tz=person.zone, status=status)
        profile = profile_of(self.fake.user(person.user_id))
        self.services.profiles.changed(person.user_id, profile)


def _midnight(person: Person, day: date) -> datetime:
    return datetime.combine(day, time(0), person.tz())


def _week(world: World, now: datetime) -> int:
    return (now - world.start).days // 7


@contextmanager
def simulation(world: World) -> Iterator[Simulation]:
    """The real services on a fresh SQLite file, talking to the fake Slack over HTTP."""
    with tempfile.TemporaryDirectory() as directory, FakeSlackApi() as fake:
        database = Database.from_url(f"sqlite:///{Path(directory) / 'attention.sqlite3'}")
        metadata.create_all(database.engine)
        settings = Settings(
            slack_bot_token="xoxb-bench-token",  # noqa: S106 -- the fake Slack's, not a secret
            slack_signing_secret="bench-signing-secret",  # noqa: S106
            slack_api_url=fake.base_url,
            okr_default_timezone="UTC",
        )
        timer = FakeTimer()
        clock = FrozenClock(world.start - timedelta(days=1))
        services = build_services(
            database, fake.client(), settings, clock, timer, make_sender(settings, timer)
        )
        for person in world.people:
            fake.set_user(person.user_id, tz=person.zone)
        OkrImporter(database, clock).import_text(import_file(world))
        sim = Simulation(world, fake, clock, services)
        sim.tokens = _webhook_tokens(services, world)
        try:
            yield sim
        finally:
            database.dispose()


def _webhook_tokens(services: Services, world: World) -> dict[int, str]:
    tokens = {}
    for kr_id in range(1, 4 * len(world.people)):
        state = services.sources.source_of(kr_id)
        if state is not None:
            tokens[kr_id] = services.sources.issue_token(kr_id)
    return tokens
