"""The digest chart: a PNG for a known, an empty and a large digest; none without matplotlib."""

import struct
import sys
from dataclasses import replace

import pytest

from bot.domain.attention import Concern
from bot.domain.progress import Status
from bot.services.digests.results import DigestObjective, TeamDigest
from bot.slack.render.digest_chart import (
    ALT_TEXT_CHARS,
    MAX_PANELS,
    DigestChart,
    chart_pages,
    digest_charts,
)
from tests.slack.digest_examples import HOSTILE_TEXT, big_week, known_week, kr

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def digest_chart(digest: TeamDigest) -> DigestChart:
    """The one picture of a digest small enough for one."""
    charts = digest_charts(digest)
    assert len(charts) == 1, [chart.title for chart in charts]
    return charts[0]


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    return width, height


def test_a_known_week_is_drawn_with_a_title_and_alt_text() -> None:
    chart = digest_chart(known_week())
    width, height = _size(chart.png)
    assert width >= 800 and height >= 400
    assert chart.filename == "okr-digest-2026-W47.png"
    assert chart.title == "Growth OKR digest 2026-W47: progress chart"
    assert chart.alt_text.startswith(
        "Progress against pace and confidence by week for the Growth digest, "
        "2026-Q4 week 8 of 14, pace 55%."
    )
    assert "Monthly churn: 20%, confidence 2/10, off track." in chart.alt_text
    assert "Live scores: 0%, no check-in yet." in chart.alt_text


def test_an_empty_digest_is_still_a_picture() -> None:
    chart = digest_chart(replace(known_week(), objectives=()))
    _size(chart.png)
    assert chart.alt_text.endswith("No key results yet.")
    empty_objective = DigestObjective("Nothing measured yet", "Growth", ())
    assert digest_chart(replace(known_week(), objectives=(empty_objective,))).png


def test_a_large_digest_is_split_into_pictures_those_needing_attention_first() -> None:
    calm = tuple(kr(i, f"Calm {i}") for i in range(40))
    flagged = tuple(
        kr(100 + i, f"Sliding {i}", status=Status.AT_RISK, concerns=(Concern.BEHIND_PACE,))
        for i in range(3)
    )
    digest = replace(known_week(), objectives=(DigestObjective("Many", "Growth", calm + flagged),))
    (first, first_note), (second, second_note) = chart_pages(digest)
    assert (len(first), len(second)) == (MAX_PANELS, 13)
    assert [k.kr_id for k in first[:4]] == [100, 101, 102, 0]
    assert first_note == "Picture 1 of 2: 30 of 43 key results, the 3 needing attention first."
    assert second_note == "Picture 2 of 2: 13 of 43 key results."
    charts = digest_charts(digest)
    assert [chart.title for chart in charts] == [
        "Growth OKR digest 2026-W47: progress chart (1 of 2)",
        "Growth OKR digest 2026-W47: progress chart (2 of 2)",
    ]
    for chart, note in zip(charts, (first_note, second_note), strict=True):
        width, height = _size(chart.png)
        assert width <= 2000 and height <= 2000  # at most 5 by 6 panels
        assert note in chart.alt_text
        assert len(chart.alt_text) <= ALT_TEXT_CHARS


def test_a_digest_that_fits_is_charted_whole() -> None:
    [(shown, note)] = chart_pages(big_week(2, 15))
    assert (len(shown), note) == (30, None)


def test_user_text_is_drawn_never_parsed() -> None:
    """A title with dollar signs is text, not maths: an unbalanced `$\\frac{$` must not raise."""
    odd = "Revenue from $5k to $10k $\\frac{$ 🚀 " + HOSTILE_TEXT
    digest = replace(known_week(), team_name=odd, cycle_name=odd)
    digest = replace(digest, objectives=(DigestObjective(odd, odd, (kr(1, odd, unit=odd),)),))
    chart = digest_chart(digest)
    _size(chart.png)
    assert "Revenue from $5k to $10k" in chart.alt_text


def test_without_matplotlib_there_is_no_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes `import` fail as if the package were not installed.
    for name in {"matplotlib", *(n for n in sys.modules if n.startswith("matplotlib."))}:
        monkeypatch.setitem(sys.modules, name, None)
    assert digest_charts(known_week()) == []
