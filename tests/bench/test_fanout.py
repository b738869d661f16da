"""The fan-out benchmark runs each of its modes end to end at a tiny size and prints its figures."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import postgres_unavailable_reason

ROOT = Path(__file__).resolve().parents[2]
FIGURES = ("total:", "floor:", "duplicates: 0", "losses:     0", "calls:")


def _bench(*args: str) -> str:
    done = subprocess.run(  # noqa: S603 -- our own benchmark, fixed arguments
        [sys.executable, "-m", "bench.fanout", "--speed", "30", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def test_a_fresh_start_reads_profiles_by_the_page_and_posts_to_user_ids() -> None:
    out = _bench("--fresh", "--members", "20")
    for figure in FIGURES:
        assert figure in out
    assert "users.info 0, conversations.open 0" in out
    assert "time linear:" in out and "peak memory flat:" in out


@pytest.mark.postgres
def test_replicas_hand_over_when_the_leader_is_killed() -> None:
    if reason := postgres_unavailable_reason():
        pytest.skip(reason)
    # The bench makes (and drops) its own throwaway database.
    out = _bench("--replicas", "2", "--members", "20", "--fresh")
    for figure in FIGURES:
        assert figure in out
    assert "killed at" in out and "another posted" in out
