"""Coaching hints: outputs, missing numbers and baselines, numbers in objectives, focus."""

import pytest

from bot.domain.coaching import HintKind, key_result_hints, objective_hints, output_verb
from bot.domain.drafting import values_problem
from bot.domain.progress import KRType


@pytest.mark.parametrize(
    ("title", "verb"),
    [
        ("Launch live sports", "launch"),
        ("Shipped the new player", "ship"),
        ("Migrating billing to Stripe", "migrate"),
        ("Write 3 blog posts", "write"),
        ("Deliver the partner API", "deliver"),
        ("Builds of the app take under 5 minutes", "build"),
        ("Median monthly viewing sessions per fan", None),
        ("Churn of sports subscribers", None),
        ("Releases per week", "release"),
    ],
)
def test_output_verbs_are_found_in_any_form(title: str, verb: str | None) -> None:
    assert output_verb(title) == verb


@pytest.mark.parametrize(
    ("title", "target", "start", "milestone", "expected"),
    [
        ("Weekly active fans", 5000.0, 1000.0, False, []),
        ("Weekly active fans", None, 1000.0, False, [HintKind.NO_NUMBER]),
        ("Weekly active fans above 5000", None, 1000.0, False, []),
        ("Weekly active fans", 5000.0, None, False, [HintKind.NO_BASELINE]),
        (
            "Launch live sports",
            None,
            None,
            False,
            [HintKind.OUTPUT, HintKind.NO_NUMBER, HintKind.NO_BASELINE],
        ),
        ("Live scores in the app", None, None, True, [HintKind.OUTPUT]),
        ("", None, None, False, []),
    ],
)
def test_key_result_hints(
    title: str,
    target: float | None,
    start: float | None,
    milestone: bool,
    expected: list[HintKind],
) -> None:
    hints = key_result_hints(title, target=target, start=start, milestone=milestone)
    assert [hint.kind for hint in hints] == expected
    assert all(len(hint.text) < 200 for hint in hints)


@pytest.mark.parametrize(
    ("title", "count", "expected"),
    [
        ("Become the best platform for sports fans", 3, []),
        ("Grow revenue by 20%", 3, [HintKind.NUMBER_IN_OBJECTIVE]),
        ("Delight sports fans", 6, [HintKind.TOO_MANY_KRS]),
        ("Win 2027", 7, [HintKind.NUMBER_IN_OBJECTIVE, HintKind.TOO_MANY_KRS]),
    ],
)
def test_objective_hints(title: str, count: int, expected: list[HintKind]) -> None:
    assert [hint.kind for hint in objective_hints(title, key_result_count=count)] == expected


@pytest.mark.parametrize(
    ("kr_type", "start", "target", "fine"),
    [
        (KRType.INCREASE_TO, 2, 3, True),
        (KRType.INCREASE_TO, 3, 3, False),
        (KRType.INCREASE_TO, 3, 2, False),
        (KRType.DECREASE_TO, 8, 5, True),
        (KRType.DECREASE_TO, 5, 5, False),
        (KRType.DECREASE_TO, 5, 8, False),
        (KRType.STAY_ABOVE, 5, 5, True),
        (KRType.MILESTONE, 0, 1, True),
    ],
)
def test_values_problem(kr_type: KRType, start: float, target: float, fine: bool) -> None:
    assert (values_problem(kr_type, start, target) is None) is fine
