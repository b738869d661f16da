"""Holiday regions and the blockers opt-in travel through the import file and back."""

import pytest

from bot.db.engine import Database
from bot.db.models import Team
from bot.services.okr_file.export_yaml import OkrExporter
from bot.services.okr_file.importing import OkrImporter
from bot.services.okr_file.yaml_document import ImportFileError

CYCLE = "cycle: {name: 2026-Q4, start: 2026-10-01, end: 2026-12-31}"
TEAM = "{name: Growth, channel: C0GROWTH01, leads: [U0LEAD0001], SETTINGS}"


def _file(settings: str) -> str:
    """A one-team file in flow style; the team's settings are all on line 3."""
    return f"{CYCLE}\nteams:\n  - {TEAM.replace('SETTINGS', settings)}\n"


def test_holidays_and_mention_blockers_are_stored_and_exported_back(database: Database) -> None:
    OkrImporter(database).import_text(_file("holidays: de-by, mention_blockers: true"))
    with database.transaction() as session:
        team = session.get_one(Team, 1)
        assert (team.holidays, team.mention_blockers) == ("DE-BY", True)
    exported = OkrExporter(database).export_text()
    assert "holidays: DE-BY" in exported
    assert "mention_blockers: true" in exported
    assert not OkrImporter(database).import_text(exported).changed


def test_a_team_that_did_not_opt_in_exports_without_the_field(database: Database) -> None:
    OkrImporter(database).import_text(_file("timezone: Europe/Berlin"))
    exported = OkrExporter(database).export_text()
    assert "mention_blockers" not in exported and "holidays" not in exported
    with database.transaction() as session:
        assert session.get_one(Team, 1).mention_blockers is False


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("XX", "line 3, teams[0].holidays: 'XX' is not a country I know holidays for"),
        ("DE-XX", "line 3, teams[0].holidays: 'DE-XX' is not a region of DE (one of BB, BE"),
    ],
)
def test_an_unknown_country_or_region_is_named_with_its_line(
    database: Database, value: str, message: str
) -> None:
    with pytest.raises(ImportFileError) as caught:
        OkrImporter(database).import_text(_file(f"holidays: {value}"))
    [problem] = caught.value.problems
    assert str(problem).startswith(message)
    with database.transaction() as session:
        assert session.get(Team, 1) is None
