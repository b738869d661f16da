"""OKR rules in the import file: target direction, Slack ids, unique names."""

import pytest

from bot.domain.progress import KRType
from bot.services.okr_file.parse import parse_okr_file
from tests.services.okr_file.texts import BASE, KR, edited, only_problem


@pytest.mark.parametrize(
    ("kr_type", "start", "target", "expected"),
    [
        ("increase_to", 5, 3, "must be above start (5) for increase_to (got 3)"),
        ("increase_to", 3, 3, "must be above start (3) for increase_to (got 3)"),
        ("decrease_to", 2, 3, "must be below start (2) for decrease_to (got 3)"),
        ("decrease_to", 2.5, 2.5, "must be below start (2.5) for decrease_to (got 2.5)"),
    ],
)
def test_a_target_must_lie_in_the_direction_of_the_type(
    kr_type: str, start: float, target: float, expected: str
) -> None:
    text = edited(
        "            start: 2\n            target: 3\n",
        f"            type: {kr_type}\n            start: {start}\n            target: {target}\n",
    )

    assert only_problem(text) == f"line 18, {KR}.target: {expected}"


@pytest.mark.parametrize("kr_type", ["stay_above", "stay_below", "milestone"])
def test_other_types_take_any_target(kr_type: str) -> None:
    text = edited("            start: 2\n", f"            type: {kr_type}\n            start: 5\n")

    kr = parse_okr_file(text).teams[0].objectives[0].key_results[0]

    assert (kr.kr_type, kr.start, kr.target) == (KRType(kr_type), 5, 3)


def test_only_a_milestone_may_leave_out_its_target() -> None:
    assert only_problem(edited("            target: 3\n", "")) == (
        f"line 13, {KR}.target: missing (required)"
    )
    milestone = edited("            target: 3\n", "            type: milestone\n")
    assert parse_okr_file(milestone).teams[0].objectives[0].key_results[0].target == 1


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("leads: [U0LEAD0001]", "leads: [U0LEAD0001, alice]", "line 8, teams[0].leads[1]"),
        ("owner: U0LEAD0001", "owner: u0lead0001", "line 11, teams[0].objectives[0].owner"),
        ("owner: U0ALICE001", "owner: '@alice'", f"line 14, {KR}.owner"),
        ("[U0BOB00001]", "[C0BOB00001]", f"line 15, {KR}.contributors[0]"),
    ],
)
def test_slack_user_ids_must_look_like_user_ids(old: str, new: str, where: str) -> None:
    message = only_problem(edited(old, new))

    assert message.startswith(f"{where}: '")
    assert "does not look like a Slack user id (U… or W…)" in message


def test_a_members_list_is_checked_too() -> None:
    text = edited("    leads: [U0LEAD0001]\n", "    leads: [U0LEAD0001]\n    members: [bob]\n")

    assert only_problem(text) == (
        "line 9, teams[0].members[0]: 'bob' does not look like a Slack user id (U… or W…)"
    )


def test_a_channel_must_be_a_channel_id_not_its_name() -> None:
    message = only_problem(edited("channel: C0GROWTH01", "channel: '#growth'"))

    assert message.startswith(
        "line 7, teams[0].channel: '#growth' does not look like a Slack channel id (C… or G…)"
    )
    assert "not the #name" in message


def test_key_result_titles_are_unique_within_an_objective() -> None:
    text = BASE + (
        "          - title: Viewing sessions per fan\n"
        "            owner: U0BOB00001\n"
        "            target: 9\n"
    )

    assert only_problem(text) == (
        "line 19, teams[0].objectives[0].key_results[1].title: "
        "another key result in this objective has the title 'Viewing sessions per fan'"
    )


def test_the_same_key_result_title_may_appear_under_another_objective() -> None:
    text = BASE + (
        "      - title: Another objective\n"
        "        key_results:\n"
        "          - title: Viewing sessions per fan\n"
        "            owner: U0BOB00001\n"
        "            target: 9\n"
    )

    assert len(parse_okr_file(text).teams[0].objectives) == 2


def test_team_names_are_unique() -> None:
    text = BASE + "  - name: Growth\n    channel: C0OTHER001\n    leads: []\n"

    assert only_problem(text) == "line 19, teams[1].name: another team has the name 'Growth'"


def test_objective_titles_are_unique_within_a_team() -> None:
    text = BASE + "      - title: Sports fans watch their game here\n"

    assert only_problem(text) == (
        "line 19, teams[0].objectives[1].title: another objective in this team has the title "
        "'Sports fans watch their game here'"
    )
