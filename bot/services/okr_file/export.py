"""`/okr export`: a cycle as the import file (YAML) and as a spreadsheet (CSV), for anyone."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from bot.db import catalog
from bot.db.checkin_points import latest_checkins
from bot.db.cycles import cycle_names, find_cycle, find_cycle_named, latest_cycle, open_cycle
from bot.db.engine import Session
from bot.domain.errors import NotFound
from bot.domain.progress import ConfidenceBands, KRType, pace, progress, status
from bot.domain.refs import kr_ref, objective_ref
from bot.services.members import local_calendar, reading_as
from bot.services.okr_file.export_yaml import OkrExporter
from bot.services.reading import ReadService
from bot.services.workspace_defaults import bands_by_team

CSV_COLUMNS = (
    "cycle",
    "team",
    "objective_ref",
    "objective",
    "kr_ref",
    "key_result",
    "owner",
    "type",
    "start",
    "target",
    "unit",
    "latest_value",
    "confidence",
    "progress",
    "status",
    "score",
)
# A cell starting so would run as a formula in a spreadsheet: a KR title must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFiles:
    cycle_name: str
    yaml_text: str
    csv_text: str
    key_results: int


class ExportService(ReadService):
    def export(self, slack_user_id: str, cycle_name: str | None = None) -> ExportFiles:
        """The named cycle, else the one running today, else the latest; anyone may export."""
        with reading_as(self._db, slack_user_id) as (session, member):
            today = local_calendar(session, member, self._clock.now(), self._defaults).today
            name = _cycle_name(session, cycle_name, today)
        yaml_text = OkrExporter(self._db).export_text(name)
        with self._db.read() as session:
            cycle = find_cycle(session, name)
            assert cycle is not None
            rows = _csv_rows(session, catalog.load_cycle_okrs(session, cycle), today, self._bands)
        return ExportFiles(name, yaml_text, _csv_text(rows), len(rows))


def _cycle_name(session: Session, wanted: str | None, today: date) -> str:
    if wanted is not None:
        cycle = find_cycle_named(session, wanted)
        if cycle is None:
            known = ", ".join(cycle_names(session)) or "none yet"
            raise NotFound(f"There is no cycle called '{wanted}'. The cycles are: {known}.")
        return cycle.name
    cycle = open_cycle(session, today) or latest_cycle(session)
    if cycle is None:
        raise NotFound("There are no OKRs to export yet: import a cycle with `okr-bot import`.")
    return cycle.name


def _csv_rows(
    session: Session, okrs: catalog.CycleOkrs, today: date, bands: ConfidenceBands
) -> list[list[str]]:
    all_krs = [kr.id for krs in okrs.key_results.values() for kr in krs if kr.id is not None]
    latest = latest_checkins(session, all_krs, 1)
    expected = pace(okrs.cycle.start_date, okrs.cycle.end_date, today)
    by_team = bands_by_team(session, okrs.teams, bands)
    rows = []
    for team in okrs.teams:
        for objective in okrs.objectives.get(team.id or 0, []):
            for kr in okrs.key_results.get(objective.id or 0, []):
                kr_type = KRType(kr.kr_type)
                checkins = latest.get(kr.id or 0) or []
                value = checkins[0].value if checkins else None
                confidence = checkins[0].confidence if checkins else None
                done = 0.0
                if value is not None:
                    done = progress(kr_type, kr.start_value, kr.target_value, value)
                rows.append(
                    [
                        okrs.cycle.name,
                        team.name,
                        objective_ref(objective.id),
                        objective.title,
                        kr_ref(kr.id),
                        kr.title,
                        okrs.slack_ids.get(kr.owner_id, ""),
                        kr_type.value,
                        _number(kr.start_value),
                        _number(kr.target_value),
                        kr.unit or "",
                        _number(value),
                        "" if confidence is None else str(confidence),
                        f"{done:.2f}",
                        status(confidence, done, expected, by_team[team.id or 0]).value,
                        _number(kr.score),
                    ]
                )
    return rows


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([_inert(cell) for cell in row] for row in rows)
    return out.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) and not _is_number(cell) else cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(value)
