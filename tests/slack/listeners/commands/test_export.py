"""`/okr export`: the cycle as YAML and CSV in the caller's DM, read back by the importer."""

import csv
import io

from bot.db.engine import Database
from bot.db.models import KeyResult
from bot.services.checkins.results import CheckinAnswer
from bot.services.okr_file.export_yaml import OkrExporter
from bot.services.okr_file.importing import OkrImporter
from bot.services.okr_file.parse import parse_okr_file
from tests.fakes.blockkit import assert_valid_message
from tests.fakes.slack_files import SharedFile
from tests.seed import ALICE, Seeded
from tests.slack.harness import SlackHarness


def _export(slack: SlackHarness, text: str, user: str = ALICE) -> str:
    """The follow-up's text once the work is done, after a word that it has begun."""
    before = len(slack.fake.calls_to("response_url"))
    reply = slack.answer(text, user)
    if "Exporting" in reply["text"]:
        reply = slack.fake.wait_for("response_url", before + 2)[before + 1].body
    assert reply["response_type"] == "ephemeral"
    assert_valid_message(reply["blocks"], reply["text"])
    return str(reply["text"])


def _files(slack: SlackHarness) -> dict[str, SharedFile]:
    return {shared.filename: shared for shared in slack.fake.shared_files}


def test_export_sends_yaml_and_csv_to_my_dm(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    slack.services.checkins.save_checkin(
        ALICE, "2026-W47", [CheckinAnswer(seeded.sessions_kr, 2.5, 6)]
    )
    said = _export(slack, "export")
    assert said.startswith("✅ Sent 2026-Q4: 4 key result(s) as YAML")
    files = _files(slack)
    assert set(files) == {"okrs-2026-Q4.yaml", "okrs-2026-Q4.csv"}
    assert {shared.channel_id for shared in files.values()} == {f"D{ALICE}"}
    assert len(slack.fake.calls_to("files.completeUploadExternal")) == 1

    yaml_text = files["okrs-2026-Q4.yaml"].data.decode()
    assert parse_okr_file(yaml_text) == OkrExporter(database).export_plan("2026-Q4")
    assert not OkrImporter(database).import_text(yaml_text).changed

    rows = list(csv.DictReader(io.StringIO(files["okrs-2026-Q4.csv"].data.decode())))
    assert [row["kr_ref"] for row in rows] == [
        f"KR-{kr}" for kr in (seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr, seeded.bob_kr)
    ]
    sessions = rows[0]
    assert sessions["cycle"] == "2026-Q4" and sessions["team"] == "Growth"
    assert sessions["objective_ref"] == "O-1"
    assert sessions["key_result"] == "Median monthly 20+ minute sessions per fan"
    assert (sessions["owner"], sessions["type"], sessions["unit"]) == (
        ALICE,
        "increase_to",
        "sessions",
    )
    assert (sessions["start"], sessions["target"], sessions["latest_value"]) == ("2", "3", "2.5")
    assert (sessions["confidence"], sessions["progress"], sessions["status"]) == (
        "6",
        "0.50",
        "at_risk",
    )
    assert sessions["score"] == ""
    assert rows[3]["latest_value"] == "" and rows[3]["status"] == "no_checkin"


def test_anyone_may_export_a_named_cycle(slack: SlackHarness) -> None:
    assert _export(slack, "export cycle 2026-q4", "U0STRANGER").startswith("✅ Sent 2026-Q4")
    assert {shared.channel_id for shared in slack.fake.shared_files} == {"DU0STRANGER"}


def test_an_unknown_cycle_or_word_gets_a_clear_answer(slack: SlackHarness) -> None:
    said = _export(slack, "export cycle 2025-Q1")
    assert said == "There is no cycle called '2025-Q1'. The cycles are: 2026-Q4."
    assert _export(slack, "export everything").startswith("Try `/okr export [cycle NAME]`")
    assert slack.fake.shared_files == []


def test_a_failed_upload_is_reported_privately(slack: SlackHarness) -> None:
    slack.fake.fail("files.getUploadURLExternal", "not_allowed_token_type")
    said = _export(slack, "export")
    assert said.startswith("⚠️ I could not send the export: Slack answered `not_allowed_token_type`")
    assert slack.fake.shared_files == []


def test_spreadsheet_cells_never_run_as_formulas(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    with database.transaction() as session:
        kr = session.get_one(KeyResult, seeded.bob_kr)
        kr.title = '=HYPERLINK("https://evil.example","click")'
    _export(slack, "export")
    rows = list(csv.DictReader(io.StringIO(_files(slack)["okrs-2026-Q4.csv"].data.decode())))
    assert rows[3]["key_result"] == '\'=HYPERLINK("https://evil.example","click")'
