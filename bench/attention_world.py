"""The simulated workspace of the attention benchmark: people, teams, habits and the import file."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.services.public_holidays import holidays_between

# Monday of the first simulated week; the US team's Columbus Day falls in week 2.
FIRST_MONDAY = date(2026, 10, 5)
# (zone, holiday region or None): six teams, spread from UTC-8 to UTC+9.
ZONES = (
    ("Europe/Berlin", "DE-BY"),
    ("America/New_York", "US"),
    ("Europe/London", None),
    ("America/Los_Angeles", None),
    ("Asia/Tokyo", None),
    ("Europe/Madrid", None),
)
HABITS = ("at once", "late", "never")
HABIT_WEIGHTS = (5, 3, 2)


@dataclass
class Person:
    user_id: str
    team: int
    zone: str
    region: str | None
    habit: str  # at once, late (after their reminder), never
    fed: bool  # every KR of theirs is fed by a webhook source
    away: tuple[date, date] | None = None  # away from the first to the last day
    away_by: str = "Slack status"  # or "/okr away", said on the Saturday before

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)


@dataclass
class World:
    weeks: int
    people: list[Person]
    teams: int
    holidays: dict[str, dict[date, str]] = field(default_factory=dict)  # region → days

    @property
    def start(self) -> datetime:
        return datetime(FIRST_MONDAY.year, FIRST_MONDAY.month, FIRST_MONDAY.day, tzinfo=UTC)

    @property
    def last_day(self) -> date:
        return FIRST_MONDAY + timedelta(days=7 * self.weeks - 1)

    def holiday_of(self, person: Person, day: date) -> str | None:
        return self.holidays.get(person.region or "", {}).get(day)


def make_world(people: int, weeks: int, seed: int = 15) -> World:
    """`people` spread over up to six teams; one in seven away for a week or two: two in three
    of those set a vacation status in Slack, the others say `/okr away`."""
    rng = random.Random(seed)
    teams = min(len(ZONES), max(2, people // 6))
    everyone = [_person(rng, index, index % teams) for index in range(people)]
    for index, person in enumerate(everyone[3::7]):
        # The first starts in week 2 so that a short run holds a vacation too.
        first = FIRST_MONDAY + timedelta(days=7 * (1 + (index * 3) % max(1, weeks - 1)))
        person.away = (first, first + timedelta(days=4 + 7 * (index % 2)))
        person.away_by = "/okr away" if index % 3 == 1 else "Slack status"
    world = World(weeks, everyone, teams)
    for _, region in ZONES[:teams]:
        if region:
            world.holidays[region] = holidays_between(region, FIRST_MONDAY, world.last_day)
    return world


def _person(rng: random.Random, index: int, team: int) -> Person:
    zone, region = ZONES[team]
    habit = rng.choices(HABITS, HABIT_WEIGHTS)[0]
    return Person(f"U{index:09d}A", team, zone, region, habit, fed=index % 7 == 5)


def import_file(world: World) -> str:
    """The workspace as an admin would import it: one team per zone, webhook KRs for the fed."""
    lines = [
        f"cycle: {{name: Sim, start: {FIRST_MONDAY.isoformat()}, "
        f"end: {world.last_day.isoformat()}}}",
        "teams:",
    ]
    for team in range(world.teams):
        lines += _team_lines(world, team)
    return "\n".join(lines) + "\n"


def _team_lines(world: World, team: int) -> list[str]:
    members = [p for p in world.people if p.team == team]
    zone, region = ZONES[team]
    lead = members[0].user_id
    lines = [
        f"  - name: Team {team + 1}",
        f"    channel: C{team:09d}T",
        f"    leads: [{lead}]",
        f"    members: [{', '.join(p.user_id for p in members)}]",
        f"    timezone: {zone}",
    ]
    if region:
        lines.append(f"    holidays: {region}")
    lines += [
        "    objectives:",
        f"      - title: Objective of team {team + 1}",
        "        key_results:",
    ]
    for person in members:
        for number in range(1 + int(person.user_id[-3]) % 2):
            lines += [
                f"          - title: KR {number + 1} of {person.user_id}",
                f"            owner: {person.user_id}",
                "            start: 0",
                "            target: 100",
            ]
            if person.fed:
                lines.append("            source: {kind: webhook}")
    return lines
