"""App Home and `/okr list team NAME` timed in-process at two lengths of history."""

import statistics
import time
from collections.abc import Callable

from slack_sdk import WebClient

from bench.monday_seed import PROMPT_TIME, Size, people, seed, team_of
from bot.db.engine import Database
from bot.runtime import build_services
from bot.services.okr_list import ListQuery
from bot.services.registry import Services
from bot.settings import Settings
from bot.slack.render.home import home_view
from bot.slack.render.okr_list import okr_list_messages

RUNS = 15


class _FixedClock:
    def now(self):  # type: ignore[no-untyped-def]
        return PROMPT_TIME


def history_size(small: bool) -> Size:
    """Teams of 1,000 KRs (200 at --small), whose people own 25 KRs each."""
    return Size(people=40, teams=2, key_results=400, weeks=26) if small else Size(200, 5, 5000, 26)


def time_home_and_list(database: Database, size: Size, weeks: int) -> dict[str, float]:
    """Median milliseconds to build and render one Home and one team list, after a warm-up."""
    seed(database, size, [], weeks=weeks)
    settings = Settings(_env_file=None)
    services = build_services(database, WebClient(), settings, _FixedClock())
    user = people(size)[0]
    return {
        "App Home": _median_ms(lambda: home_view(services.home.home_for(user))),
        "/okr list team": _median_ms(lambda: _team_list(services, user)),
    }


def _team_list(services: Services, user: str) -> object:
    query = ListQuery(team_name=team_of(user))
    return okr_list_messages(services.okr_list.list_okrs(user, query))


def _median_ms(work: Callable[[], object]) -> float:
    work()
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)
