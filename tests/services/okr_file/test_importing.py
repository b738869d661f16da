"""Importing the OKR file on SQLite and PostgreSQL: all or nothing, and idempotent."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.db import catalog
from bot.db.engine import Database
from bot.db.models import KeyResult, KRContributor, Member, Team, TeamMember, metadata
from bot.services.okr_file.importing import ChangeCounts, ImportSummary, OkrImporter
from bot.services.okr_file.parse import ImportFileError

EXAMPLE = (Path(__file__).parents[3] / "examples" / "okrs-2026-Q4.yaml").read_text()

SMALL = """\
cycle: {name: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
teams:
  - name: Growth
    channel: C0GROWTH01
    leads: [U0LEAD0001]
    members: [U0ALICE001, U0BOB00001]
    objectives:
      - title: Sports fans watch their game here
        owner: U0LEAD0001
        key_results:
          - title: Viewing sessions per fan
            owner: U0ALICE001
            contributors: [U0BOB00001]
            start: 2
            target: 3
"""


def table_rows(database: Database) -> dict[str, list[str]]:
    """Every row of every table, to compare the whole database before and after."""
    with database.engine.connect() as connection:
        return {
            table.name: sorted(repr(tuple(row)) for row in connection.execute(table.select()))
            for table in metadata.sorted_tables
        }


def team_people(database: Database, team_name: str) -> set[tuple[str, bool]]:
    with database.transaction() as session:
        rows = session.exec(
            select(Member.slack_user_id, TeamMember.is_lead)
            .join(TeamMember, col(TeamMember.member_id) == Member.id)
            .join(Team, col(Team.id) == TeamMember.team_id)
            .where(Team.name == team_name)
        ).all()
    return set(rows)


def contributors(database: Database, kr_title: str) -> set[str]:
    with database.transaction() as session:
        rows = session.exec(
            select(Member.slack_user_id)
            .join(KRContributor, col(KRContributor.member_id) == Member.id)
            .join(KeyResult, col(KeyResult.id) == KRContributor.key_result_id)
            .where(KeyResult.title == kr_title)
        ).all()
    return set(rows)


def key_result(database: Database, title: str) -> KeyResult:
    with database.transaction() as session:
        return session.exec(select(KeyResult).where(KeyResult.title == title)).one()


def test_importing_the_example_creates_its_teams_objectives_and_key_results(
    database: Database,
) -> None:
    summary = OkrImporter(database).import_text(EXAMPLE)

    assert summary == ImportSummary(
        cycle_name="2026-Q4",
        cycle_change="created",
        teams=ChangeCounts(created=2),
        objectives=ChangeCounts(created=3),
        key_results=ChangeCounts(created=6),
    )
    rows = table_rows(database)
    assert [len(rows[name]) for name in ("cycle", "team", "objective", "key_result")] == [
        1,
        2,
        3,
        6,
    ]
    assert len(rows["member"]) == 5, "each person is one member, whatever their roles"
    stall = key_result(database, "Share of live matches that stall for more than 5 seconds")
    assert (stall.kr_type, stall.start_value, stall.target_value, stall.unit) == (
        "decrease_to",
        4.5,
        1.0,
        "%",
    )
    assert stall.indicator == "lagging"


def test_importing_the_same_file_twice_changes_nothing(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(EXAMPLE)
    before = table_rows(database)

    summary = importer.import_text(EXAMPLE)

    assert table_rows(database) == before
    assert not summary.changed
    assert summary.describe() == (
        "Cycle 2026-Q4 unchanged; teams 0 created, 0 updated, 2 unchanged; "
        "objectives 0 created, 0 updated, 3 unchanged; "
        "key results 0 created, 0 updated, 6 unchanged."
    )


def test_a_changed_target_updates_that_key_result_only(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)

    summary = importer.import_text(SMALL.replace("target: 3", "target: 4.5"))

    assert summary.key_results == ChangeCounts(updated=1)
    assert (summary.teams, summary.objectives) == (ChangeCounts(unchanged=1),) * 2
    assert key_result(database, "Viewing sessions per fan").target_value == 4.5


def test_changed_cycle_dates_update_the_cycle(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)

    summary = importer.import_text(SMALL.replace("end: 2026-12-31", "end: 2027-01-08"))

    assert summary.cycle_change == "updated"
    assert summary.describe().startswith("Cycle 2026-Q4 updated; ")


def test_a_bad_file_writes_nothing_into_an_empty_database(database: Database) -> None:
    before = table_rows(database)
    bad = EXAMPLE.replace("target: 99.9", "target: lots")

    with pytest.raises(ImportFileError):
        OkrImporter(database).import_text(bad)

    assert table_rows(database) == before


def test_a_bad_file_leaves_the_database_as_it_was_though_its_first_half_is_valid(
    database: Database,
) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)
    before = table_rows(database)
    valid_changes = SMALL.replace("target: 3", "target: 5").replace("[U0BOB00001]", "[U0ERIN001]")
    bad_team = "  - name: Platform\n    channel: C0PLATFORM\n    leads: [carol]\n"

    with pytest.raises(ImportFileError) as caught:
        importer.import_text(valid_changes + bad_team)

    assert [problem.line for problem in caught.value.problems] == [18]
    assert table_rows(database) == before


def test_a_failure_while_writing_rolls_back_what_was_already_written(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)
    before = table_rows(database)
    upsert = catalog.upsert_key_result
    calls = 0

    def fail_on_the_fourth_key_result(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise RuntimeError("the database went away")
        return upsert(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "upsert_key_result", fail_on_the_fourth_key_result)

    with pytest.raises(RuntimeError, match="went away"):
        importer.import_text(EXAMPLE)

    assert calls == 4
    assert table_rows(database) == before


def test_leads_and_members_are_set_exactly_as_listed(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)
    assert team_people(database, "Growth") == {
        ("U0LEAD0001", True),
        ("U0ALICE001", False),
        ("U0BOB00001", False),
    }

    summary = importer.import_text(
        SMALL.replace("leads: [U0LEAD0001]", "leads: [U0ALICE001]").replace(
            "members: [U0ALICE001, U0BOB00001]", "members: [U0LEAD0001, U0CAROL001]"
        )
    )

    assert summary.teams == ChangeCounts(updated=1)
    assert team_people(database, "Growth") == {
        ("U0ALICE001", True),
        ("U0LEAD0001", False),
        ("U0CAROL001", False),
    }


def test_a_team_without_members_keeps_only_its_leads(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)

    importer.import_text(SMALL.replace("    members: [U0ALICE001, U0BOB00001]\n", ""))

    assert team_people(database, "Growth") == {("U0LEAD0001", True)}


def test_contributors_are_set_exactly_as_listed(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)

    summary = importer.import_text(
        SMALL.replace("contributors: [U0BOB00001]", "contributors: [U0CAROL001, U0DAVE0001]")
    )

    assert summary.key_results == ChangeCounts(updated=1)
    assert contributors(database, "Viewing sessions per fan") == {"U0CAROL001", "U0DAVE0001"}

    importer.import_text(SMALL.replace("            contributors: [U0BOB00001]\n", ""))

    assert contributors(database, "Viewing sessions per fan") == set()


def test_a_key_result_left_out_of_the_file_is_kept(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(EXAMPLE)
    without_milestone = EXAMPLE.replace(
        "          - title: Guided first visit shipped to all new visitors\n"
        "            owner: U0BOB00001\n"
        "            contributors: [U0CAROL001]\n"
        "            type: milestone\n",
        "",
    )

    summary = importer.import_text(without_milestone)

    assert summary.key_results == ChangeCounts(unchanged=5)
    assert key_result(database, "Guided first visit shipped to all new visitors").id is not None


def test_a_listed_key_result_that_was_archived_is_restored(database: Database) -> None:
    importer = OkrImporter(database)
    importer.import_text(SMALL)
    with database.transaction() as session:
        kr = session.exec(select(KeyResult)).one()
        kr.archived_at = datetime(2026, 11, 2, tzinfo=UTC)

    summary = importer.import_text(SMALL)

    assert summary.key_results == ChangeCounts(updated=1)
    assert key_result(database, "Viewing sessions per fan").archived_at is None
