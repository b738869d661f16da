"""A short simulated fortnight, with a holiday and a vacation inside it, interrupts nobody."""

from bench.attention_count import count, figures
from bench.attention_sim import simulation
from bench.attention_world import make_world


def test_a_short_run_sends_dms_but_never_pings_nor_disturbs_off_hours_away_or_holidays() -> None:
    world = make_world(people=12, weeks=2)
    assert any(p.away for p in world.people), "someone is on vacation inside the run"
    assert any(day.weekday() < 5 for days in world.holidays.values() for day in days)
    with simulation(world) as sim:
        stamped = sim.run()
    tally = count(world, stamped)
    assert sum(tally.dms.values()) > 0, "prompts and reminders were sent at all"
    assert tally.pings == 0
    assert tally.outside_hours == []
    assert tally.while_away == []
    assert tally.on_holiday == []
    assert figures(world, tally).missed() == []
