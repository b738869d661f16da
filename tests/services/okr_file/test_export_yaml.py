"""Exporting a cycle as the import file: readable, and imported back without a change."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event
from sqlmodel import select

from bot.db.engine import Database
from bot.db.models import KeyResult
from bot.domain.errors import NotFound
from bot.domain.progress import KRType
from bot.services.okr_file.export_yaml import OkrExporter, render_okr_file
from bot.services.okr_file.importing import OkrImporter
from bot.services.okr_file.parse import (
    CyclePlan,
    ImportPlan,
    KeyResultPlan,
    ObjectivePlan,
    TeamPlan,
    parse_okr_file,
)
from bot.services.okr_file.schema import Indicator, ObjectiveKind

EXAMPLE = (Path(__file__).parents[3] / "examples" / "okrs-2026-Q4.yaml").read_text()

SMALL = """\
cycle: {name: 2026-Q3, start: 2026-07-01, end: 2026-09-30}
teams:
  - name: Growth
    channel: C0GROWTH01
    leads: [U0LEAD0001]
    objectives:
      - owner: U0LEAD0001
        title: 'Fans: watch here'
        key_results:
          - title: Viewing sessions per fan
            target: 3.25
            contributors: [U0CAROL001, U0BOB00001]
            owner: U0ALICE001
"""


def test_an_export_lists_the_fields_in_a_readable_order() -> None:
    database_free = render_okr_file(parse_okr_file(SMALL))

    assert database_free == (
        "# OKRs of cycle 2026-Q3, exported by okr-bot; import with `okr-bot import`.\n"
        "cycle: {name: 2026-Q3, start: 2026-07-01, end: 2026-09-30}\n"
        "teams:\n"
        "  - name: Growth\n"
        "    channel: C0GROWTH01\n"
        "    leads: [U0LEAD0001]\n"
        "    objectives:\n"
        "      - title: 'Fans: watch here'\n"
        "        owner: U0LEAD0001\n"
        "        kind: committed\n"
        "        key_results:\n"
        "          - title: Viewing sessions per fan\n"
        "            owner: U0ALICE001\n"
        "            contributors: [U0BOB00001, U0CAROL001]\n"
        "            type: increase_to\n"
        "            start: 0\n"
        "            target: 3.25\n"
    )


def test_the_example_survives_import_export_import_unchanged(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(EXAMPLE)

    exported = OkrExporter(database).export_text()

    assert parse_okr_file(exported) == parse_okr_file(EXAMPLE)
    assert not importer.import_text(exported).changed


def test_an_export_shows_what_the_last_import_changed(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)
    importer.import_text(SMALL.replace("target: 3.25", "target: 4"))

    exported = OkrExporter(database).export_text("2026-Q3")

    assert "            target: 4\n" in exported
    assert parse_okr_file(exported) == parse_okr_file(SMALL.replace("target: 3.25", "target: 4"))


def test_without_a_name_the_cycle_that_starts_last_is_exported(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(EXAMPLE)
    importer.import_text(SMALL)

    latest = parse_okr_file(OkrExporter(database).export_text())
    earlier = parse_okr_file(OkrExporter(database).export_text("2026-Q3"))

    assert latest.cycle.name == "2026-Q4"
    assert earlier.cycle == CyclePlan("2026-Q3", date(2026, 7, 1), date(2026, 9, 30))
    # Teams are not tied to a cycle: Platform shows, with no objectives in 2026-Q3.
    assert [(team.name, len(team.objectives)) for team in earlier.teams] == [
        ("Growth", 1),
        ("Platform", 0),
    ]


def test_an_unknown_cycle_name_lists_the_cycles_there_are(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(EXAMPLE)
    importer.import_text(SMALL)

    with pytest.raises(NotFound) as caught:
        OkrExporter(database).export_text("2027-Q1")

    assert caught.value.message == (
        "There is no cycle named '2027-Q1'; the cycles are: 2026-Q3, 2026-Q4."
    )


def test_exporting_before_any_import_says_there_is_nothing(database: Database) -> None:
    with pytest.raises(NotFound, match="no cycles yet"):
        OkrExporter(database).export_text()


def test_archived_key_results_are_left_out(database: Database) -> None:
    OkrImporter(database).import_text(EXAMPLE)
    with database.transaction() as session:
        kr = session.exec(select(KeyResult).where(KeyResult.kr_type == "milestone")).one()
        kr.archived_at = datetime(2026, 11, 2, tzinfo=UTC)

    exported = OkrExporter(database).export_text()

    assert "Guided first visit" not in exported
    assert "Median monthly 20+ minute viewing sessions per sports fan" in exported


def test_an_export_takes_the_same_number_of_queries_however_big_the_cycle(
    database: Database,
) -> None:
    OkrImporter(database).import_text(SMALL.replace("2026-Q3", "2026-Q4"))
    small = _statements_to_export(database)
    OkrImporter(database).import_text(EXAMPLE)

    assert _statements_to_export(database) == small


def _statements_to_export(database: Database) -> int:
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        OkrExporter(database).export_text("2026-Q4")
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    return statements


# Plans as the parser makes them: stripped non-empty text, id sets sorted, lead ≠ member.
_text = (
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)
_multiline = st.lists(_text, min_size=1, max_size=3).map("\n".join)
_user = st.from_regex(r"[UW][A-Z0-9]{2,10}", fullmatch=True)
_users = st.frozensets(_user, max_size=3).map(lambda ids: tuple(sorted(ids)))
_number = st.integers(-(10**6), 10**6) | st.floats(-1e9, 1e9, allow_nan=False)


@st.composite
def _key_results(draw: st.DrawFn) -> KeyResultPlan:
    kr_type = draw(st.sampled_from(KRType))
    start, target = draw(_number), draw(_number)
    if kr_type is KRType.INCREASE_TO or kr_type is KRType.DECREASE_TO:
        low, high = sorted((float(start), float(target)))
        if low == high:
            high = low + 1
        start, target = (low, high) if kr_type is KRType.INCREASE_TO else (high, low)
    return KeyResultPlan(
        title=draw(_text),
        owner=draw(_user),
        contributors=draw(_users),
        kr_type=kr_type,
        start=float(start),
        target=float(target),
        unit=draw(st.none() | _text),
        indicator=draw(st.none() | st.sampled_from(Indicator)),
    )


_objectives = st.builds(
    ObjectivePlan,
    title=_text,
    description=st.none() | _multiline,
    owner=st.none() | _user,
    kind=st.sampled_from(ObjectiveKind),
    key_results=st.lists(_key_results(), max_size=3, unique_by=lambda kr: kr.title).map(tuple),
)


@st.composite
def _teams(draw: st.DrawFn) -> TeamPlan:
    leads = draw(_users)
    members = tuple(member for member in draw(_users) if member not in leads)
    objectives = draw(st.lists(_objectives, max_size=2, unique_by=lambda o: o.title))
    channel = draw(st.from_regex(r"[CG][A-Z0-9]{2,10}", fullmatch=True))
    return TeamPlan(draw(_text), channel, leads, members, tuple(objectives))


@st.composite
def _plans(draw: st.DrawFn) -> ImportPlan:
    start = draw(st.dates(date(2000, 1, 1), date(2100, 1, 1)))
    end = start + timedelta(days=draw(st.integers(0, 400)))
    teams = draw(st.lists(_teams(), max_size=2, unique_by=lambda team: team.name))
    return ImportPlan(CyclePlan(draw(_text), start, end), tuple(teams))


@settings(max_examples=200, deadline=None)
@given(_plans())
def test_any_plan_reads_back_from_its_export_as_the_same_plan(plan: ImportPlan) -> None:
    assert parse_okr_file(render_okr_file(plan)) == plan
