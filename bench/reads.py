"""Home and /okr list at 1 and 26 weeks of history, and the retro tick at 5,000 key results.

Run: .venv/bin/python -m bench.reads [--database-url URL]
Builds 50 teams, 2,000 people and 5,000 key results with 26 weeks of check-ins in a
half-year cycle. Two teams have 1,000 key results each: one keeps only its first week of
check-ins, the other all 26, and one person helps with every key result of each. Their App
Home and `/okr list team` (service + render) are timed in turns, so a busy machine slows both
alike. Then the retro job's tick: time, peak Python memory, SQL statements and rows read.
Targets: Home and list flat in history length; every tick under 100 ms.
"""

import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select

from bench.work import counted
from bench.workspace import DIGEST_NOW, DigestClock, build_workspace, run_on_database
from bot.db.engine import Database, Session
from bot.db.members import get_or_create_member
from bot.db.models import CheckIn, KeyResult, KRContributor, Objective, Team, metadata
from bot.domain.cadence import period_key
from bot.domain.progress import ConfidenceBands
from bot.services.checkins.home import HomeService
from bot.services.checkins.results import CheckinAnswer
from bot.services.checkins.retro_triggers import start_checkin_retros
from bot.services.checkins.service import CheckinPolicy, CheckinService
from bot.services.members import CalendarDefaults
from bot.services.okrs.listing import ListQuery, OkrListService
from bot.services.ports import DigestDelivery, PostedMessage
from bot.services.reading import ReadContext
from bot.services.retros.ports import RetroCard, RetroDigest
from bot.services.retros.requests import RetroPolicy, RetroService
from bot.slack.render.home import home_view
from bot.slack.render.okr_list import okr_list_messages

HALF_YEAR = ("2026-H2", date(2026, 7, 1), date(2026, 12, 31))
TEAMS, PEOPLE, KEY_RESULTS, BIG_TEAM, WEEKS = 50, 2_000, 5_000, 1_000, 26
SHORT, LONG = "1 week", f"{WEEKS} weeks"
TICK_TARGET_MS, FLAT_WITHIN = 100.0, 1.25
RUNS = 21


class _NoDMs:
    """At 23:00 UTC nobody is in working hours: the tick plans requests but sends none."""

    def send_retro_request(self, channel_id: str, card: RetroCard) -> PostedMessage:
        raise NotImplementedError

    def post_retro_digest(self, channel_id: str, digest: RetroDigest) -> DigestDelivery:
        raise NotImplementedError


def team_sizes(shrink: int = 1) -> list[int]:
    big, rest, teams = BIG_TEAM // shrink, (KEY_RESULTS - 2 * BIG_TEAM) // shrink, TEAMS // shrink
    return [big, big] + [rest // (teams - 2) + (i < rest % (teams - 2)) for i in range(teams - 2)]


def build(database: Database, shrink: int = 1) -> dict[str, tuple[str, str]]:
    """The workspace (`shrink` times smaller); per history length, the big team's name and its
    reader's Slack id."""
    metadata.drop_all(database.engine)
    metadata.create_all(database.engine)
    names = build_workspace(
        database, team_sizes(shrink), WEEKS, dates=HALF_YEAR, owners_per_team=PEOPLE // TEAMS
    )
    shown = {SHORT: (names[0], "UREADSHORT1"), LONG: (names[1], "UREADLONG01")}
    with database.transaction() as session:
        for history, (team, reader_id) in shown.items():
            reader = get_or_create_member(session, reader_id)
            krs = _team_krs(session, team)
            session.add_all(KRContributor(key_result_id=kr, member_id=reader.id or 0) for kr in krs)
            if history == SHORT:
                first_week = period_key(HALF_YEAR[1])
                session.execute(
                    delete(CheckIn).where(
                        col(CheckIn.key_result_id).in_(krs), col(CheckIn.period) > first_week
                    )
                )
    return shown


def _team_krs(session: Session, team: str) -> list[int]:
    query = (
        select(KeyResult.id)
        .join(Objective, col(Objective.id) == KeyResult.objective_id)
        .join(Team, col(Team.id) == Objective.team_id)
        .where(Team.name == team)
    )
    return [kr for kr in session.exec(query).all() if kr is not None]


def reads(database: Database, shown: dict[str, tuple[str, str]]) -> dict[str, float]:
    """Prints Home's and the team list's time at each history length; returns 26 weeks' time
    as a multiple of one week's."""
    defaults, bands = CalendarDefaults("UTC"), ConfidenceBands()
    home = HomeService(ReadContext(database, DigestClock(), defaults, bands))
    listing = OkrListService(ReadContext(database, DigestClock(), defaults, bands))
    actions: dict[tuple[str, str], Callable[[], object]] = {}
    for history, (team, reader) in shown.items():
        actions["App Home", history] = partial(_home, home, reader)
        actions["/okr list team", history] = partial(_list, listing, reader, team)
    timings = interleaved(actions)
    ratios = {}
    for what in ("App Home", "/okr list team"):
        short, long = timings[what, SHORT], timings[what, LONG]
        with counted(database.engine) as few:
            actions[what, SHORT]()
        with counted(database.engine) as many:
            actions[what, LONG]()
        # The best of the runs: the least disturbed by whatever else the machine does.
        ratios[what] = ratio = long.best / short.best
        verdict = "flat" if ratio <= FLAT_WITHIN else "GROWS with history"
        print(
            f"{what}, {len(_krs(database, shown[SHORT][0]))} KRs: {short} at {SHORT}, {long} "
            f"at {LONG} ({ratio:.2f}x: {verdict}); statements {few.statements} and "
            f"{many.statements}, rows read {few.rows} and {many.rows}"
        )
    return ratios


def _krs(database: Database, team: str) -> list[int]:
    with database.read() as session:
        return _team_krs(session, team)


def _home(home: HomeService, reader: str) -> object:
    return home_view(home.home_for(reader))


def _list(listing: OkrListService, reader: str, team: str) -> object:
    return okr_list_messages(listing.list_okrs(reader, ListQuery(team_name=team)))


@dataclass(frozen=True)
class Timing:
    median: float
    best: float

    def __str__(self) -> str:
        return f"{self.median:.1f} ms (best {self.best:.1f})"


def interleaved(actions: dict[tuple[str, str], Callable[[], object]]) -> dict[Any, Timing]:
    """Milliseconds of each action, run in turns so that load on the machine is shared."""
    timings: dict[tuple[str, str], list[float]] = {key: [] for key in actions}
    for action in actions.values():
        action()  # connections and statement caches are warm before timing
    for _ in range(RUNS):
        for key, action in actions.items():
            began = time.perf_counter()
            action()
            timings[key].append((time.perf_counter() - began) * 1000)
    return {key: Timing(statistics.median(ms), min(ms)) for key, ms in timings.items()}


def timed(action: Callable[[], object]) -> Timing:
    return interleaved({("", ""): action})["", ""]


def start_retros_as_saved(database: Database) -> int:
    """The retros that saving these check-ins one by one would have started."""
    with database.transaction() as session:
        krs = [kr for kr in session.exec(select(KeyResult.id)).all() if kr is not None]
        return start_checkin_retros(session, krs, DIGEST_NOW, ConfidenceBands())


def checkin_save(database: Database, shown: dict[str, tuple[str, str]]) -> None:
    """Saving five answers, with its retro triggers: the time SQLite's write lock is held."""
    team, reader = shown[LONG]
    with database.read() as session:
        krs = _team_krs(session, team)[:5]
    service = CheckinService(database, DigestClock(), CheckinPolicy())
    answers = [CheckinAnswer(kr, 50.0, 2) for kr in krs]
    period = period_key(DIGEST_NOW.date())
    saving = timed(lambda: service.save_checkin(reader, period, answers))
    print(f"a check-in of {len(answers)} KRs, retro triggers included: {saving}")


def retro_tick(database: Database) -> None:
    retros = RetroService(database, _NoDMs(), DigestClock(), RetroPolicy())
    retros.run_due()  # warm
    with counted(database.engine) as work:
        retros.run_due()
    tick = timed(retros.run_due)
    tracemalloc.start()
    retros.run_due()
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    verdict = "met" if tick.median < TICK_TARGET_MS else "MISSED"
    print(
        f"retro tick: {tick} (target under {TICK_TARGET_MS:.0f} ms: {verdict}), "
        f"peak {peak_mb:.1f} MB of Python memory, {work.statements} statements, "
        f"{work.rows} rows read"
    )


def main() -> None:
    run_on_database(__doc__, run)


def run(database: Database) -> None:
    started = time.perf_counter()
    shown = build(database)
    print(
        f"{TEAMS} teams, {PEOPLE} people, {KEY_RESULTS} KRs, {WEEKS} weeks of check-ins "
        f"({database.dialect}), built in {time.perf_counter() - started:.1f} s"
    )
    reads(database, shown)
    started_retros = start_retros_as_saved(database)
    print(f"retros started by these check-ins, as saving them would: {started_retros}")
    checkin_save(database, shown)
    retro_tick(database)


if __name__ == "__main__":
    main()
