"""The Monday benchmark itself runs end to end at its smallest and reports every figure."""

import subprocess
import sys
from pathlib import Path

from bench.monday import CHANGED

ROOT = Path(__file__).resolve().parents[2]
MEASURES = (
    "ack: click Check in",
    "ack: submit",
    "ack: home opened",
    "ack: /okr list",
    "ack: /okr digest",
    "click → views.open",
    "/okr list → answer",
    "/okr digest → answer",
)


def test_a_small_monday_runs_and_reports_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.monday", "--small", "--rounds", "1", "--people", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    assert "App Home, 100 KRs:" in out and "/okr list team, 100 KRs:" in out
    assert "workspace: 200 people, 5 teams, 500 KRs, 26 weeks of history (sqlite)" in out
    assert out.count("  tick ") == 3 and "  first after start: " in out
    for changed in CHANGED.values():
        assert f"  after {changed} changed: " in out
    for phase in ("Idle:", "While the prompt fan-out runs:"):
        section = out.split(phase, 1)[1]
        for measure in MEASURES:
            assert f"  {measure} " in section, f"{phase} lacks {measure}"
    assert "memory of the bot: idle after start" in out
    # Every request was answered as it should be, and neither server logged a problem.
    assert "went wrong" not in out
    assert "the servers logged 0 error(s) and warning(s)" in out
