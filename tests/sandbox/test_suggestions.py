"""External selects: the options an app answers as a person types, checked as Slack checks them."""

from typing import Any

from bot.sandbox.render.elements import element_html
from bot.sandbox.render.surface import Surface
from bot.sandbox.suggestions import for_page, offered_options
from bot.sandbox.view_state import state_values, with_suggestions


def option(value: str, text: str | None = None) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text or value.title()}, "value": value}


TEAM_ELEMENT: dict[str, Any] = {
    "type": "external_select",
    "action_id": "team",
    "min_query_length": 0,
}
TEAM_SELECT = {"type": "input", "block_id": "b", "label": "Team", "element": TEAM_ELEMENT}


def test_options_and_option_groups_are_both_read() -> None:
    assert offered_options({"options": [option("a")]}) == ([option("a")], [])
    group = {"label": {"type": "plain_text", "text": "G"}, "options": [option("b")]}
    groups = {"option_groups": [group]}
    assert offered_options(groups) == ([option("b")], [])
    assert for_page([option("a", "<b>A</b>")]) == [{"value": "a", "text": "<b>A</b>"}]


def test_what_slack_would_refuse_is_named_and_nothing_is_offered() -> None:
    too_many = {"options": [option(str(n)) for n in range(101)]}
    assert offered_options(too_many) == ([], ["101 options, more than 100"])
    long_text = {"options": [option("a", "x" * 76)]}
    assert offered_options(long_text)[1] == ["option text longer than 75 characters"]
    long_value = {"options": [option("v" * 151, "A")]}
    assert offered_options(long_value)[1] == ["option value longer than 150 characters"]
    mrkdwn = {"options": [{"text": {"type": "mrkdwn", "text": "*a*"}, "value": "a"}]}
    assert offered_options(mrkdwn)[1] == ["option 'a': text must be a plain_text object"]
    assert offered_options(None)[1] == ["the app answered without a JSON object of options"]
    assert offered_options({"options": "a"})[1] == ["options must be a JSON array"]


def test_a_pick_from_the_offered_options_reaches_the_app_with_its_text() -> None:
    blocks = with_suggestions([TEAM_SELECT], {"b/team": [option("7", "Platform")]})
    state = state_values(blocks, {"b": {"team": "7"}})
    assert state["b"]["team"]["selected_option"] == option("7", "Platform")
    assert "options" not in TEAM_ELEMENT, "the view itself is left as the app sent it"


def test_the_select_lists_what_was_offered_once_beside_a_search_box() -> None:
    element = TEAM_ELEMENT | {"initial_option": option("7", "Platform")}
    surface = Surface(suggested={"b/team": [option("7", "Platform"), option("8", "<Growth>")]})
    html = element_html(element, "b", surface)
    assert html.count(">Platform</option>") == 1
    assert "&lt;Growth&gt;</option>" in html, "hostile option text stays text"
    assert 'class="bk-text bk-suggest" data-min-query="0"' in html
