"""The digest chart: a PNG for a known, an empty and a large digest; none without matplotlib."""

import struct
import sys
from dataclasses import replace

import pytest

from bot.domain.attention import Concern
from bot.domain.progress import Status
from bot.services.team_digest import DigestObjective
from bot.slack.render.digest_chart import ALT_TEXT_CHARS, MAX_PANELS, charted, digest_chart
from tests.slack.digest_examples import HOSTILE_TEXT, big_week, known_week, kr

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    return width, height


def test_a_known_week_is_drawn_with_a_title_and_alt_text() -> None:
    chart = digest_chart(known_week())
    assert chart is not None
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
    assert chart is not None
    _size(chart.png)
    assert chart.alt_text.endswith("No key results yet.")
    empty_objective = DigestObjective("Nothing measured yet", "Growth", ())
    assert digest_chart(replace(known_week(), objectives=(empty_objective,))) is not None


def test_a_large_digest_charts_those_needing_attention_first() -> None:
    calm = tuple(kr(i, f"Calm {i}") for i in range(40))
    flagged = tuple(
        kr(100 + i, f"Sliding {i}", status=Status.AT_RISK, concerns=(Concern.BEHIND_PACE,))
        for i in range(3)
    )
    digest = replace(known_week(), objectives=(DigestObjective("Many", "Growth", calm + flagged),))
    shown, note = charted(digest)
    assert len(shown) == MAX_PANELS
    assert [k.kr_id for k in shown[:4]] == [100, 101, 102, 0]
    assert note == "30 of 43 key results shown, the 3 needing attention first; all are in the text."
    chart = digest_chart(digest)
    assert chart is not None
    width, height = _size(chart.png)
    assert width <= 2000 and height <= 2000  # 5 by 6 panels
    assert note in chart.alt_text
    assert len(chart.alt_text) <= ALT_TEXT_CHARS


def test_a_digest_that_fits_is_charted_whole() -> None:
    shown, note = charted(big_week(2, 15))
    assert (len(shown), note) == (30, None)


def test_user_text_is_drawn_never_parsed() -> None:
    """A title with dollar signs is text, not maths: an unbalanced `$\\frac{$` must not raise."""
    odd = "Revenue from $5k to $10k $\\frac{$ 🚀 " + HOSTILE_TEXT
    digest = replace(known_week(), team_name=odd, cycle_name=odd)
    digest = replace(digest, objectives=(DigestObjective(odd, odd, (kr(1, odd, unit=odd),)),))
    chart = digest_chart(digest)
    assert chart is not None
    _size(chart.png)
    assert "Revenue from $5k to $10k" in chart.alt_text


def test_without_matplotlib_there_is_no_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes `import` fail as if the package were not installed.
    for name in {"matplotlib", *(n for n in sys.modules if n.startswith("matplotlib."))}:
        monkeypatch.setitem(sys.modules, name, None)
    assert digest_chart(known_week()) is None
