"""The demo workspace: six people, three teams and five weeks of history, made through the
bot's own services on a clock set back in time (every import of services lives here and in
bot_wiring.py)."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from string import Template
from zoneinfo import ZoneInfo

from bot.db.engine import Database
from bot.domain.errors import DomainError
from bot.domain.hypotheses import HypothesisStatus
from bot.domain.refs import kr_ref
from bot.domain.sources import HttpJsonSource
from bot.sandbox.clock import SandboxClock
from bot.sandbox.data_feed import alerts_on_percent
from bot.sandbox.model import BOT_USER_ID, Channel, User
from bot.sandbox.workspace import Workspace
from bot.services.checkins.results import CheckinAnswer
from bot.services.okr_file.importing import OkrImporter
from bot.services.okrs.hypotheses import HypothesisDraft
from bot.services.registry import Services

LEA, MAYA, SAM = "U0LEA00001", "U0MAYA0001", "U0SAM00001"
PRIYA, TOMAS, AIKO = "U0PRIYA001", "U0TOMAS001", "U0AIKO0001"
NEWCOMER = SAM  # who the page acts as at first: an owner with a prompt waiting
ADMIN = LEA
PEOPLE = (
    User(LEA, "lea", "Léa Martin", "Europe/Paris", "COO · workspace admin", is_admin=True),
    User(MAYA, "maya", "Maya Chen", "Europe/Berlin", "Head of Product · team lead"),
    User(SAM, "sam", "Sam Rivera", "America/New_York", "Growth engineer"),
    User(PRIYA, "priya", "Priya Nair", "Asia/Singapore", "Data analyst"),
    User(TOMAS, "tomas", "Tomás Silva", "America/Sao_Paulo", "Streaming engineer"),
    User(AIKO, "aiko", "Aiko Tanaka", "Asia/Tokyo", "Site reliability engineer"),
)
EVERYONE = [p.id for p in PEOPLE]
CHANNELS = (
    Channel("C0GENERAL1", "general", EVERYONE, topic="Company-wide announcements"),
    Channel("C0COMPANY1", "okrs", [*EVERYONE, BOT_USER_ID], topic="Company OKR digest"),
    Channel("C0GROWTH01", "growth", [MAYA, SAM, PRIYA, LEA, BOT_USER_ID], topic="Growth team"),
    Channel("C0PLATFRM1", "platform", [MAYA, TOMAS, AIKO, SAM, BOT_USER_ID], topic="Platform team"),
)
WEEKS = 5
WEBHOOK_TITLE = "Sign-ups from the stadium QR campaign"
FED_TITLE = "Fans with match alerts switched on"  # read from the sandbox's data endpoint
QUARTER_WEEKS = 13

# Five weeks of answers per key result: (value, confidence, note, blocker).
Answer = tuple[float, int, str | None, str | None]
HISTORY: dict[str, list[Answer]] = {
    "New visitors following at least one team within 24 hours": [
        (19.5, 7, None, None),
        (21, 7, None, None),
        (22.5, 6, "Team quiz A/B test started on web", None),
        (24, 7, None, None),
        (26, 7, "Quiz variant wins on mobile too", None),
    ],
    "Guided first visit live for every new visitor": [
        (0, 8, None, None),
        (0, 8, None, None),
        (0, 7, "Design review done", None),
        (0, 7, None, None),
        (0, 6, "Copy review moved a week", None),
    ],
    WEBHOOK_TITLE: [
        (0, 7, None, None),
        (350, 7, None, None),
        (900, 6, "QR codes up in two stadiums", None),
        (1500, 6, None, None),
        (2100, 6, "Pushed from the stadium tills from now on", None),
    ],
    "Monthly churn of sports subscribers": [
        (7.9, 6, None, None),
        (7.6, 6, None, None),
        (7.4, 5, None, None),
        (7.5, 5, "Price change e-mail cost us a little", None),
        (7.1, 6, None, None),
    ],
    "Median weekly 20+ minute viewing sessions per sports fan": [
        (2.1, 7, None, None),
        (2.2, 7, None, None),
        (2.3, 8, "Monday highlights reel is live", None),
        (2.4, 8, None, None),
        (2.45, 8, None, None),
    ],
    "p95 time to first frame of a live stream": [
        (3.4, 7, None, None),
        (3.2, 7, None, None),
        (3.1, 7, None, None),
        (3.1, 6, None, "Waiting on the new CDN contract: legal review since last week"),
        (3.3, 3, "Regression after the player update; rolling back", "CDN contract still unsigned"),
    ],
    "Share of live matches that stall for more than 5 seconds": [
        (4.2, 6, None, None),
        (3.8, 6, None, None),
        (3.1, 7, None, None),
        (2.7, 7, None, None),
        (2.4, 7, None, None),
    ],
    "Monthly availability of the streaming API": [
        (99.95, 8, None, None),
        (99.97, 8, None, None),
        (99.91, 7, "One regional outage", None),
        (99.93, 7, None, None),
        (99.96, 8, None, None),
    ],
    "Paying sports subscribers": [
        (121500, 7, None, None),
        (123000, 7, None, None),
        (124800, 6, None, None),
        (126000, 6, None, None),
        (127900, 6, "Champions league weekend helped", None),
    ],
}


def add_people(workspace: Workspace) -> None:
    for person in PEOPLE:
        workspace.add_user(person)
    for channel in CHANNELS:
        workspace.add_channel(channel)


def quarter_dates(today: date) -> tuple[date, date]:
    """Thirteen weeks that started five weeks before this one: today is in week six."""
    start = today - timedelta(days=today.weekday(), weeks=WEEKS)
    return start, start + timedelta(weeks=QUARTER_WEEKS, days=-1)


def demo_file(today: date, data_url: str) -> str:
    start, end = quarter_dates(today)
    template = resources.files("bot.sandbox").joinpath("demo.yaml").read_text(encoding="utf-8")
    name = f"{start:%Y %b}–{end:%b} (demo)"
    return Template(template).substitute(
        name=name, start=start.isoformat(), end=end.isoformat(), data_url=data_url
    )


def seed(services: Services, database: Database, clock: SandboxClock, data_url: str) -> None:
    """Import the quarter, then live through its first five weeks, then come back to now."""
    now = clock.now()
    # The newcomer's own date: their week is the one seeded weeks lead up to, with its prompt
    # waiting, even while UTC (or another zone) has begun the next one.
    today = now.astimezone(ZoneInfo(_zone_of(NEWCOMER))).date()
    start, _ = quarter_dates(today)
    # The quarter was planned before it began: its key results exist from its first day on.
    clock.set(datetime.combine(start - timedelta(days=3), time(12), UTC))
    OkrImporter(database, clock).import_text(demo_file(today, data_url))
    for week in range(WEEKS):
        monday = start + timedelta(weeks=week)
        clock.set(datetime.combine(monday + timedelta(days=1), time(14), UTC))
        for person in PEOPLE:
            _check_in(services, person.id, week, clock.now())
        if week == 2:
            _hypotheses(services)
        if week == 3:
            _decide_hypothesis(services)
        if week == WEEKS - 1:  # last week's digests, so that the next ones show changes
            clock.set(datetime.combine(monday + timedelta(days=4), time(21), UTC))
            services.digests.post_due()
    clock.set(now)
    services.prompts.send_due_prompts(force=True)
    services.retros.run_due(force=True)


def _zone_of(user: str) -> str:
    return next(person.tz for person in PEOPLE if person.id == user)


def _check_in(services: Services, user: str, week: int, at: datetime) -> None:
    try:
        form = services.checkins.checkin_form(user)
    except DomainError:  # owns nothing (Maya, a lead): nothing to check in
        return
    answers = [
        CheckinAnswer(kr.kr_id, *HISTORY[kr.title][week])
        for kr in form.key_results
        if kr.title in HISTORY
    ]
    # Entered by hand before the source came: a source keeps its owner's last confidence.
    answers += [
        CheckinAnswer(kr.kr_id, alerts_on_percent(at), 7, None, None)
        for kr in form.key_results
        if kr.title == FED_TITLE
    ]
    if answers:
        services.checkins.save_checkin(user, form.period, answers)


def webhook_key_result(services: Services) -> tuple[int, str, str] | None:
    """The id, reference (KR-n) and title of the demo's key result fed by its webhook, or None
    in a demo saved before it had one."""
    try:
        kr_id = _kr_id(services, SAM, WEBHOOK_TITLE)
        return kr_id, kr_ref(kr_id), WEBHOOK_TITLE
    except (StopIteration, DomainError):
        return None


def point_fed_source_at(services: Services, data_url: str) -> None:
    """Started again on another port, the fed key result reads this start's data endpoint."""
    try:
        kr_id = _kr_id(services, SAM, FED_TITLE)
    except (StopIteration, DomainError):
        return  # a demo saved before it had one
    state = services.sources.source_of(kr_id)
    if state is not None and isinstance(state.spec, HttpJsonSource) and state.spec.url != data_url:
        services.sources.set_source(kr_id, replace(state.spec, url=data_url))


def _kr_id(services: Services, user: str, title: str) -> int:
    form = services.checkins.checkin_form(user)
    return next(kr.kr_id for kr in form.key_results if kr.title == title)


def _hypotheses(services: Services) -> None:
    sessions = _kr_id(services, PRIYA, "Median weekly 20+ minute viewing sessions per sports fan")
    services.hypotheses.add(
        PRIYA,
        sessions,
        HypothesisDraft(
            "If fans get a Monday highlights reel of their team, weekly sessions rise 10% "
            "within two weeks",
            8,
            6,
            7,
        ),
    )
    follows = _kr_id(services, SAM, "New visitors following at least one team within 24 hours")
    services.hypotheses.add(
        SAM,
        follows,
        HypothesisDraft(
            "If new visitors pick their team in a three-question quiz, follows within 24 hours "
            "double",
            9,
            5,
            6,
        ),
    )


def _decide_hypothesis(services: Services) -> None:
    sessions = _kr_id(services, PRIYA, "Median weekly 20+ minute viewing sessions per sports fan")
    listing = services.hypotheses.key_result_for_form(PRIYA, sessions)
    reel = listing.hypotheses[0]
    services.hypotheses.decide(
        PRIYA,
        reel.id,
        HypothesisStatus.VALIDATED,
        "Fans who got the reel had 14% more weekly sessions than the control group.",
    )
