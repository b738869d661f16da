"""Reminder policy, confidence bands and a closed cycle travel through the import file."""

from datetime import UTC, datetime

import pytest

from bot.db.engine import Database
from bot.db.models import Cycle, KeyResult, Team
from bot.services.okr_file.export_yaml import OkrExporter
from bot.services.okr_file.importing import OkrImporter
from bot.services.okr_file.parse import ImportFileError
from tests.fakes.clock import FrozenClock

CLOSED_AT = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)

FILE = """\
cycle: {name: 2026-Q4, start: 2026-10-01, end: 2026-12-31CLOSED}
teams:
  - name: Growth
    channel: C0GROWTH01
    leads: [U0LEAD0001]
    reminder_hours: 6
    bands: BANDS
    objectives:
      - title: Become the best platform for sports fans
        owner: U0LEAD0001
        key_results:
          - title: Weekly active sports fans
            owner: U0ALICE001
            start: 1000
            target: 5000
"""


def _file(bands: str = "{red_max: 2, yellow_max: 5}", closed: bool = False) -> str:
    return FILE.replace("BANDS", bands).replace("CLOSED", ", closed: true" if closed else "")


def test_reminder_and_bands_are_stored_and_exported_back(database: Database) -> None:
    OkrImporter(database).import_text(_file())
    with database.transaction() as session:
        team = session.get_one(Team, 1)
        assert (team.reminder_after_hours, team.band_red_max, team.band_yellow_max) == (6, 2, 5)
    exported = OkrExporter(database).export_text()
    assert "reminder_hours: 6" in exported
    assert "bands: {red_max: 2, yellow_max: 5}" in exported
    assert not OkrImporter(database).import_text(exported).changed


@pytest.mark.parametrize(
    ("bands", "field"),
    [
        ("{red_max: 5, yellow_max: 5}", "bands.yellow_max"),
        ("{red_max: 10, yellow_max: 11}", "bands.red_max"),
        ("{red_max: 3}", "bands.yellow_max"),
    ],
)
def test_bad_bands_are_named_and_nothing_is_written(
    database: Database, bands: str, field: str
) -> None:
    with pytest.raises(ImportFileError) as caught:
        OkrImporter(database).import_text(_file(bands))
    assert any(field in str(problem) for problem in caught.value.problems)
    with database.transaction() as session:
        assert session.get(Team, 1) is None


def test_a_closed_cycle_is_scored_once_and_exported_as_closed(database: Database) -> None:
    importer = OkrImporter(database, FrozenClock(CLOSED_AT))
    summary = importer.import_text(_file(closed=True))
    assert summary.cycle_change == "created"
    with database.transaction() as session:
        assert session.get_one(Cycle, 1).closed_at == CLOSED_AT
        assert session.get_one(KeyResult, 1).score == 0.0
    exported = OkrExporter(database).export_text()
    assert "closed: true" in exported
    assert not OkrImporter(database, FrozenClock(CLOSED_AT)).import_text(exported).changed


def test_closing_through_a_second_import_scores_the_cycle(database: Database) -> None:
    OkrImporter(database).import_text(_file())
    summary = OkrImporter(database, FrozenClock(CLOSED_AT)).import_text(_file(closed=True))
    assert summary.cycle_change == "updated"
    with database.transaction() as session:
        assert session.get_one(Cycle, 1).closed_at == CLOSED_AT
        assert session.get_one(KeyResult, 1).score == 0.0
