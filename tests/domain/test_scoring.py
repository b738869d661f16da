"""Scores read by band; objectives average their key results; all 1.0 hints at sandbagging."""

import pytest

from bot.domain.scoring import (
    ScoreBand,
    format_score,
    looks_sandbagged,
    objective_score,
    score_band,
)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1.0, ScoreBand.SUCCESS),
        (0.7, ScoreBand.SUCCESS),
        (0.69, ScoreBand.PARTIAL),
        (0.4, ScoreBand.PARTIAL),
        (0.39, ScoreBand.MISSED),
        (0.0, ScoreBand.MISSED),
    ],
)
def test_bands(score: float, band: ScoreBand) -> None:
    assert score_band(score) is band


def test_objective_score_is_the_mean_once_every_kr_is_scored() -> None:
    assert objective_score([0.5, 1.0, 0.6]) == 0.7
    assert objective_score([0.5, None]) is None
    assert objective_score([]) is None


def test_sandbagging_and_format() -> None:
    assert looks_sandbagged([1.0, 1.0, 1.0])
    assert not looks_sandbagged([1.0, 1.0])
    assert not looks_sandbagged([1.0, 0.9, 1.0])
    assert [format_score(s) for s in (0.65, 0.7, 1.0, 0.0)] == [
        "🟡 0.65",
        "🟢 0.7",
        "🟢 1.0",
        "🔴 0.0",
    ]
