"""A simulated quarter that counts every interruption the bot makes, against quiet targets.

Run: python -m bench.attention [--weeks 13] [--people 60] [--details]

The real services and jobs run on a frozen clock stepped hour by hour, talking to the fake
Slack Web API over HTTP; simulated people answer their prompt at once, a day late or never,
some go on vacation through their Slack status, some KRs are fed by webhook pushes, and two
teams have public holidays. Exits 1 when a target is missed.
"""

import argparse
import sys
import time

from bench.attention_count import Tally, by_group, count, figures, table
from bench.attention_sim import simulation
from bench.attention_world import World, make_world


def describe(world: World) -> list[str]:
    holidays = sorted(
        f"{day:%a %Y-%m-%d} {name} ({region})"
        for region, days in world.holidays.items()
        for day, name in days.items()
        if day.weekday() < 5
    )
    habits = {h: sum(p.habit == h for p in world.people) for h in ("at once", "late", "never")}
    away = [f"{p.user_id} {p.away[0]}..{p.away[1]} ({p.away_by})" for p in world.people if p.away]
    return [
        f"workspace: {len(world.people)} people, {world.teams} teams in {world.teams} zones, "
        f"{world.weeks} weeks from {world.start:%Y-%m-%d}",
        "  answer: "
        + ", ".join(f"{n} {h}" for h, n in habits.items())
        + f"; {sum(p.fed for p in world.people)} fed by webhook sources",
        f"  away: {'; '.join(away) or 'nobody'}",
        f"  public holidays on working days: {'; '.join(holidays) or 'none'}",
    ]


def details(tally: Tally) -> list[str]:
    found = tally.outside_hours + tally.while_away + tally.on_holiday
    return [f"  DM {line}" for line in found[:20]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--weeks", type=int, default=13)
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--details", action="store_true", help="list each DM that missed")
    args = parser.parse_args(argv)
    world = make_world(args.people, args.weeks)
    print("\n".join(describe(world)))
    began = time.perf_counter()
    with simulation(world) as sim:
        stamped = sim.run()
    tally = count(world, stamped)
    result = figures(world, tally)
    dms = sum(tally.dms.values())
    print(f"simulated in {time.perf_counter() - began:.1f} s: {dms} DMs, {len(stamped)} calls")
    print("\n".join(table(result)))
    print(by_group(world, tally))
    if args.details:
        print("\n".join(details(tally)))
    missed = result.missed()
    print(f"targets: {'all met' if not missed else 'MISSED: ' + ', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
