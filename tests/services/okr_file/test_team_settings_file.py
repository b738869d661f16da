"""Teams set their time zone and check-in cadence in the import file, and get them back out."""

from datetime import date, time

import pytest

from bot.db.engine import Database
from bot.db.models import Team
from bot.domain.cadence import CadenceKind
from bot.services.okr_file.export_yaml import OkrExporter
from bot.services.okr_file.importing import OkrImporter
from bot.services.okr_file.parse import CadencePlan, ImportFileError, parse_okr_file

FILE = """\
cycle: {name: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
teams:
  - name: Growth
    channel: C0GROWTH01
    leads: [U0LEAD0001]
    timezone: TIMEZONE
    cadence: CADENCE
"""


def _file(cadence: str, timezone: str = "America/New_York") -> str:
    return FILE.replace("CADENCE", cadence).replace("TIMEZONE", timezone)


def test_a_sprint_cadence_and_a_zone_are_read() -> None:
    plan = parse_okr_file(
        _file("{kind: every_n_weeks, every: 2, anchor: 2026-11-02, day: tue, at: 09:30}")
    )
    team = plan.teams[0]
    assert team.timezone == "America/New_York"
    assert team.cadence == CadencePlan(
        CadenceKind.EVERY_N_WEEKS, 1, time(9, 30), 2, date(2026, 11, 2)
    )


def test_a_monthly_cadence_with_a_quoted_time() -> None:
    cadence = parse_okr_file(_file('{kind: monthly, at: "14:00"}')).teams[0].cadence
    assert cadence == CadencePlan(CadenceKind.MONTHLY, 0, time(14, 0))


@pytest.mark.parametrize(
    ("cadence", "timezone", "field", "message"),
    [
        ("{kind: every_n_weeks, every: 2}", "UTC", "cadence.anchor", "missing"),
        ("{kind: fortnightly}", "UTC", "cadence.kind", "must be one of"),
        ("{day: someday}", "UTC", "cadence.day", "must be one of"),
        ("{every: 40, kind: every_n_weeks, anchor: 2026-11-02}", "UTC", "cadence.every", "12"),
        ("{kind: weekly}", "Mars/Olympus", "timezone", "not an IANA time zone"),
    ],
)
def test_bad_team_settings_name_their_field(
    cadence: str, timezone: str, field: str, message: str
) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_okr_file(_file(cadence, timezone))
    problems = [str(problem) for problem in caught.value.problems]
    assert any(field in problem and message in problem for problem in problems), problems


def test_team_settings_are_stored_and_exported_back(database: Database) -> None:
    text = _file("{kind: every_n_weeks, every: 2, anchor: 2026-11-02, day: wed, at: 14:30}")
    OkrImporter(database).import_text(text)
    with database.transaction() as session:
        team = session.get_one(Team, 1)
        assert (team.timezone, team.cadence, team.cadence_every) == (
            "America/New_York",
            "every_n_weeks",
            2,
        )
        assert (team.prompt_weekday, team.prompt_at, team.cadence_anchor) == (
            2,
            time(14, 30),
            date(2026, 11, 2),
        )
    exported = OkrExporter(database).export_text()
    assert (
        "cadence: {kind: every_n_weeks, day: wed, at: '14:30', every: 2, anchor: 2026-11-02}"
        in exported
    )
    assert not OkrImporter(database).import_text(exported).changed


PARENTS = """\
cycle: {name: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
teams:
  - name: Growth
    channel: C0GROWTH01
    leads: [U0LEAD0001]
    parent: PARENT
    digest: {day: thu, at: 09:00}
  - name: Company
    channel: C0COMPANY1
    leads: [U0LEAD0001]
"""


def test_a_parent_and_a_digest_time_are_stored_and_exported_back(database: Database) -> None:
    OkrImporter(database).import_text(PARENTS.replace("PARENT", "Company"))
    with database.transaction() as session:
        growth, company = session.get_one(Team, 2), session.get_one(Team, 1)
        assert (company.name, growth.name, growth.parent_id) == ("Company", "Growth", company.id)
        assert (growth.digest_weekday, growth.digest_at) == (3, time(9, 0))
    exported = OkrExporter(database).export_text()
    assert "parent: Company" in exported
    assert "digest: {day: thu, at: '09:00'}" in exported
    assert not OkrImporter(database).import_text(exported).changed


@pytest.mark.parametrize(
    ("parent", "message"), [("Nobody", "no team named 'Nobody'"), ("Growth", "own parent")]
)
def test_a_parent_must_be_another_team_of_the_file(parent: str, message: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_okr_file(PARENTS.replace("PARENT", parent))
    assert [(p.line, p.field) for p in caught.value.problems] == [(6, "teams[0].parent")]
    assert message in caught.value.problems[0].message
