"""Counts every interruption in the bot's Slack calls, each stamped with its simulated time."""

import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time

from bench.attention_world import FIRST_MONDAY, Person, World
from tests.fakes.slack_api import Call

PING = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>|<!(?:here|channel|everyone)(?:\|[^>]*)?>")
POSTS = ("chat.postMessage", "chat.update", "chat.scheduleMessage")
WORK_START, WORK_END = time(9, 0), time(18, 0)  # the bot's default working hours


@dataclass
class Tally:
    dms: Counter[tuple[str, int]] = field(default_factory=Counter)  # (user, week) → DMs
    pings: int = 0
    outside_hours: list[str] = field(default_factory=list)
    while_away: list[str] = field(default_factory=list)
    on_holiday: list[str] = field(default_factory=list)


def dm_recipient(call: Call) -> str | None:
    """The user a message landed with when it is a DM (to a user id or a `D…` channel)."""
    channel = call.channel
    if call.method != "chat.postMessage" or not call.ok or not channel.startswith("D"):
        return None
    return channel[1:]


def count(world: World, stamped: list[tuple[datetime, Call]]) -> Tally:
    people = {person.user_id: person for person in world.people}
    tally = Tally()
    for when, call in stamped:
        if call.method not in POSTS or not call.ok:
            continue
        user = dm_recipient(call)
        if user is None:
            tally.pings += len(PING.findall(json.dumps(call.body)))
        elif user in people:
            _count_dm(world, tally, people[user], when)
    return tally


def _count_dm(world: World, tally: Tally, person: Person, when: datetime) -> None:
    local = when.astimezone(person.tz())
    week = (local.date() - FIRST_MONDAY).days // 7
    tally.dms[(person.user_id, week)] += 1
    stamp = f"{person.user_id} at {local:%a %Y-%m-%d %H:%M} {person.zone}"
    if local.weekday() >= 5 or not WORK_START <= local.time() < WORK_END:
        tally.outside_hours.append(stamp)
    if person.away and person.away[0] <= local.date() <= person.away[1]:
        tally.while_away.append(stamp)
    if holiday := world.holiday_of(person, local.date()):
        tally.on_holiday.append(f"{stamp} ({holiday})")


@dataclass(frozen=True)
class Figures:
    mean: float
    most: int
    pings: float
    outside_hours: int
    away_or_holiday: int

    def missed(self) -> list[str]:
        checks = {
            "mean DMs": self.mean <= 2,
            "max DMs": self.most <= 3,
            "pings": self.pings == 0,
            "outside hours": self.outside_hours == 0,
            "away or holiday": self.away_or_holiday == 0,
        }
        return [name for name, met in checks.items() if not met]


def figures(world: World, tally: Tally) -> Figures:
    weeks = [tally.dms[(p.user_id, week)] for p in world.people for week in range(world.weeks)]
    return Figures(
        mean=statistics.mean(weeks),
        most=max(weeks),
        pings=tally.pings / (len(world.people) * world.weeks),
        outside_hours=len(tally.outside_hours),
        away_or_holiday=len(tally.while_away) + len(tally.on_holiday),
    )


def table(figures: Figures) -> list[str]:
    def row(name: str, value: str, target: str, met: bool) -> str:
        return f"{name:<38}{value:>8}   target {target:<6} {'met' if met else 'MISSED'}"

    return [
        "per person per week (the last three: totals over the run):",
        row("  bot DMs, mean", f"{figures.mean:.2f}", "≤ 2", figures.mean <= 2),
        row("  bot DMs, max", str(figures.most), "≤ 3", figures.most <= 3),
        row("  pings from channel posts", f"{figures.pings:.2f}", "0", figures.pings == 0),
        row(
            "  DMs outside working hours",
            str(figures.outside_hours),
            "0",
            not figures.outside_hours,
        ),
        row(
            "  DMs while away or on a holiday",
            str(figures.away_or_holiday),
            "0",
            not figures.away_or_holiday,
        ),
    ]


def by_group(world: World, tally: Tally) -> str:
    """Mean DMs per person-week for each way of answering, and for those fed by sources."""
    groups: dict[str, list[Person]] = {}
    for person in world.people:
        groups.setdefault("fed by a source" if person.fed else person.habit, []).append(person)
    means = {
        name: statistics.mean(tally.dms[(p.user_id, w)] for p in group for w in range(world.weeks))
        for name, group in sorted(groups.items())
    }
    return "  bot DMs by behaviour: " + ", ".join(f"{n} {m:.2f}" for n, m in means.items())
