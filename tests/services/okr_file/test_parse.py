"""Reading the import file: a valid file becomes a plan; each mistake is named with its line."""

from datetime import date
from pathlib import Path

import pytest

from bot.domain.errors import DomainError
from bot.domain.progress import KRType
from bot.services.okr_file.parse import (
    CyclePlan,
    ImportPlan,
    KeyResultPlan,
    ObjectivePlan,
    TeamPlan,
    parse_okr_file,
)
from bot.services.okr_file.schema import Indicator, ObjectiveKind
from tests.services.okr_file.texts import BASE, KR, edited, only_problem, problems

EXAMPLE = Path(__file__).parents[3] / "examples" / "okrs-2026-Q4.yaml"


def test_a_valid_file_becomes_the_plan_it_describes() -> None:
    text = BASE + (
        "            indicator: leading\n"
        "          - title: Live streams start within 2 seconds\n"
        "            owner: U0BOB00001\n"
        "            type: stay_below\n"
        "            target: 2.5\n"
        "          - title: Guided first visit shipped\n"
        "            owner: U0ALICE001\n"
        "            type: milestone\n"
        "      - title: Fans trust our numbers\n"
        "        description: Nobody argues about the dashboard.\n"
        "        kind: aspirational\n"
        "  - name: Platform\n"
        "    channel: G0PLATFORM\n"
        "    leads: [W0CAROL001, U0DAVE0001]\n"
        "    members: [U0ERIN0001, W0CAROL001, U0ERIN0001]\n"
    )

    plan = parse_okr_file(text)

    assert plan == ImportPlan(
        cycle=CyclePlan("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        teams=(
            TeamPlan(
                name="Growth",
                channel="C0GROWTH01",
                leads=("U0LEAD0001",),
                objectives=_growth_objectives(),
            ),
            # Leads and members are sets: sorted, without repeats, a lead never also a member.
            TeamPlan(
                name="Platform",
                channel="G0PLATFORM",
                leads=("U0DAVE0001", "W0CAROL001"),
                members=("U0ERIN0001",),
            ),
        ),
    )


def _growth_objectives() -> tuple[ObjectivePlan, ...]:
    """The valid file's Growth objectives: BASE's, grown by two key results, then an aspiration."""
    key_results = (
        KeyResultPlan(
            title="Viewing sessions per fan",
            owner="U0ALICE001",
            contributors=("U0BOB00001",),
            kr_type=KRType.INCREASE_TO,
            start=2,
            target=3,
            unit="sessions",
            indicator=Indicator.LEADING,
        ),
        KeyResultPlan(
            title="Live streams start within 2 seconds",
            owner="U0BOB00001",
            kr_type=KRType.STAY_BELOW,
            start=0,
            target=2.5,
        ),
        KeyResultPlan(
            title="Guided first visit shipped",
            owner="U0ALICE001",
            kr_type=KRType.MILESTONE,
            start=0,
            target=1,
        ),
    )
    return (
        ObjectivePlan(
            title="Sports fans watch their game here",
            owner="U0LEAD0001",
            key_results=key_results,
        ),
        ObjectivePlan(
            title="Fans trust our numbers",
            description="Nobody argues about the dashboard.",
            kind=ObjectiveKind.ASPIRATIONAL,
        ),
    )


def test_the_example_file_is_valid() -> None:
    plan = parse_okr_file(EXAMPLE.read_text())

    key_results = [kr for team in plan.teams for o in team.objectives for kr in o.key_results]
    assert (len(plan.teams), sum(len(team.objectives) for team in plan.teams)) == (2, 3)
    assert {kr.kr_type for kr in key_results} == set(KRType)


def test_a_missing_title_or_owner_is_reported_at_the_mapping_that_lacks_it() -> None:
    text = edited(
        "          - title: Viewing sessions per fan\n"
        "            owner: U0ALICE001\n"
        "            contributors: [U0BOB00001]\n",
        "          - contributors: [U0BOB00001]\n",
    )

    assert [str(problem) for problem in problems(text)] == [
        f"line 13, {KR}.owner: missing (required)",
        f"line 13, {KR}.title: missing (required)",
    ]


def test_missing_cycle_fields_are_reported_at_the_cycle() -> None:
    text = edited("  name: 2026-Q4\n  start: 2026-10-01\n", "")

    assert [str(problem) for problem in problems(text)] == [
        "line 2, cycle.name: missing (required)",
        "line 2, cycle.start: missing (required)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "            target: 3\n",
            "            target: 3\n            tagets: 4\n",
            f"line 18, {KR}.tagets: unknown field 'tagets' (did you mean 'target'?)",
            id="unknown field, at its key",
        ),
        pytest.param(
            "  end: 2026-12-31\n",
            "  end: 2026-12-31\n  colour: blue\n",
            "line 5, cycle.colour: unknown field 'colour' "
            "(expected one of name, start, end, closed)",
            id="unknown field, no near miss",
        ),
        pytest.param(
            "cycle:\n  name: 2026-Q4\n  start: 2026-10-01\n  end: 2026-12-31\n",
            "",
            "line 1, cycle: missing (required)",
            id="no cycle",
        ),
        pytest.param(
            "cycle:\n  name: 2026-Q4\n  start: 2026-10-01\n  end: 2026-12-31\n",
            "cycle: 2026-Q4\n",
            "line 1, cycle: must be a mapping with name, start, end (got '2026-Q4')",
            id="cycle not a mapping",
        ),
        pytest.param(
            "target: 3",
            "target: lots",
            f"line 17, {KR}.target: must be a number (got 'lots')",
            id="target not a number",
        ),
        pytest.param(
            "start: 2\n",
            "start: '2'\n",
            f"line 16, {KR}.start: must be a number (got '2')",
            id="quoted number",
        ),
        pytest.param(
            "            start: 2\n",
            "            type: grow\n            start: 2\n",
            f"line 16, {KR}.type: must be one of "
            "increase_to, decrease_to, stay_above, stay_below, milestone",
            id="unknown type",
        ),
        pytest.param(
            "        owner: U0LEAD0001\n",
            "        owner: U0LEAD0001\n        kind: stretch\n",
            "line 12, teams[0].objectives[0].kind: must be one of committed, aspirational",
            id="unknown kind",
        ),
        pytest.param(
            "end: 2026-12-31",
            "end: 2026-09-01",
            "line 4, cycle.end: end date 2026-09-01 is before start date 2026-10-01",
            id="end before start",
        ),
        pytest.param(
            "start: 2026-10-01",
            "start: 2026-02-30",
            "line 3, cycle.start: must be a date like 2026-10-01 (got '2026-02-30')",
            id="impossible date",
        ),
        pytest.param(
            "    leads: [U0LEAD0001]\n",
            "    leads: U0LEAD0001\n",
            "line 8, teams[0].leads: must be a list, e.g. [U0ALICE001] (got 'U0LEAD0001')",
            id="leads not a list",
        ),
        pytest.param(
            "            owner: U0ALICE001\n",
            "            owner:\n",
            f"line 14, {KR}.owner: must have a value",
            id="empty owner",
        ),
        pytest.param(
            "            unit: sessions\n",
            "            unit: sessions\n            unit: visits\n",
            f"line 19, {KR}.unit: duplicate field 'unit'",
            id="field given twice",
        ),
    ],
)
def test_a_mistake_is_named_with_its_line_and_field(old: str, new: str, expected: str) -> None:
    assert only_problem(edited(old, new)) == expected


def test_invalid_yaml_is_reported_at_the_line_the_parser_stopped() -> None:
    text = edited("    leads: [U0LEAD0001]", "    leads: [U0LEAD0001")

    found = problems(text)

    assert len(found) == 1
    assert (found[0].line, found[0].field) == (9, "")
    assert found[0].message.startswith("invalid YAML: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- cycle: 2026-Q4\n", "line 1: the file must be a mapping with 'cycle' and 'teams'"),
        ("# nothing yet\n2026-Q4\n", "line 2: the file must be a mapping with 'cycle' and 'teams'"),
        ("", "line 1: the file is empty"),
        ("# only a comment\n", "line 1: the file is empty"),
    ],
)
def test_the_top_level_must_be_a_mapping(text: str, expected: str) -> None:
    assert only_problem(text).startswith(expected)


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    text = edited("end: 2026-12-31", "end: 2026-01-01")
    text = edited("target: 3", "target: lots", text)
    text += "  - name: Platform\n    channel: nope\n    leads: U0CAROL001\n"

    assert [(problem.line, problem.field) for problem in problems(text)] == [
        (4, "cycle.end"),
        (17, f"{KR}.target"),
        (20, "teams[1].channel"),
        (21, "teams[1].leads"),
    ]


def test_the_error_is_a_domain_error_whose_text_lists_every_problem() -> None:
    text = edited("target: 3", "target: lots", edited("end: 2026-12-31", "end: 2026-01-01"))

    with pytest.raises(DomainError) as caught:
        parse_okr_file(text)

    assert caught.value.message == (
        "The import file has 2 problems; nothing was imported:\n"
        "line 4, cycle.end: end date 2026-01-01 is before start date 2026-10-01\n"
        f"line 17, {KR}.target: must be a number (got 'lots')"
    )


def test_an_alias_bomb_is_refused_instead_of_expanded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}]\n"

    assert only_problem(bomb).endswith("the file is too big or too deeply nested")


def test_a_file_nested_deeper_than_pyyaml_can_compose_names_its_line() -> None:
    text = "cycle: {name: Q}\nteams:\n" + "".join("  " * n + "- x:\n" for n in range(1, 500))

    assert only_problem(text) == "line 13: nested more than 20 levels deep"


def test_a_text_over_the_size_cap_is_refused_before_parsing() -> None:
    assert only_problem("#" * 1_000_001) == (
        "line 1: the file is larger than 1 MB, the most an import file may be"
    )
