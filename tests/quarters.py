"""Import files written for a test: one team, one key result per owner, a cycle around today."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

CHANNEL = "C0GROWTH01"


def write_quarter(directory: Path, owners: list[str], *team_lines: str) -> Path:
    """`okrs.yaml` in `directory`; `team_lines` (e.g. 'timezone: UTC') are added to the team."""
    today = datetime.now(UTC).date()
    krs = [f"          - {{title: Key result of {o}, owner: {o}, target: 10}}" for o in owners]
    lines = [
        f"cycle: {{name: Now, start: {today - timedelta(days=30)}, "
        f"end: {today + timedelta(days=60)}}}",
        "teams:",
        "  - name: Growth",
        f"    channel: {CHANNEL}",
        "    leads: [U0LEAD0001]",
        *(f"    {line}" for line in team_lines),
        "    objectives:",
        "      - title: Fans love the game",
        "        key_results:",
        *krs,
    ]
    path = directory / "okrs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
