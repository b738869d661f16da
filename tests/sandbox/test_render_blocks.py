"""Every block and element as HTML controls the page can send back, with all text escaped."""

import json
from typing import Any

import pytest

from bot.sandbox.render.blocks import blocks_html
from bot.sandbox.render.mrkdwn import Names
from bot.sandbox.render.surface import Surface
from tests.sandbox.html_text import parse

HOSTILE = '<b>"x"</b> & <script>'
NAMES = Names({"U0MAYA0001": "Maya", "U0SAM00001": "Sam <Rivera>"}, {"C0GROWTH01": "growth"})
SURFACE = Surface(NAMES, in_modal=True)


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def option(value: str, text: str = HOSTILE) -> dict[str, Any]:
    return {"text": plain(text), "value": value}


def controls(html: str, tag: str) -> list[dict[str, str | None]]:
    return [attrs for name, attrs in parse(html).tags if name == tag]


def render(*blocks: dict[str, Any], surface: Surface = SURFACE) -> str:
    html = blocks_html(list(blocks), surface)
    assert "<script" not in html and "bk-unsupported" not in html, html
    return html


def in_actions(element: dict[str, Any]) -> dict[str, Any]:
    return {"type": "actions", "block_id": "act", "elements": [element]}


def in_input(element: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "input", "block_id": "in", "label": plain(HOSTILE), "element": element} | extra


def test_section_with_text_fields_and_accessory() -> None:
    block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "*bold* <@U0SAM00001>"},
        "fields": [{"type": "mrkdwn", "text": "&lt;b&gt;"}, plain(HOSTILE)],
        "accessory": {"type": "button", "action_id": "go", "text": plain("Go")},
    }

    html = render(block | {"block_id": "s"})

    assert "<b>bold</b>" in html and "@Sam &lt;Rivera&gt;" in html
    assert parse(html).text.count(HOSTILE) == 1 and "<b>" in parse(html).text
    assert controls(html, "button")[0]["data-action"] == "go"


def test_header_context_divider_and_image() -> None:
    html = render(
        {"type": "header", "text": plain(HOSTILE)},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "_quiet_"}, plain(HOSTILE)]},
        {"type": "divider"},
        {"type": "image", "image_url": "https://example.com/x.png", "alt_text": HOSTILE},
        {"type": "image", "slack_file": {"id": "F000000001"}, "alt_text": "chart"},
    )

    assert "<h3" in html and "<i>quiet</i>" in html and "<hr" in html
    images = controls(html, "img")
    assert [i["src"] for i in images] == ["/files/F000000001"], "only the sandbox's own files load"
    assert HOSTILE in parse(html).text


def test_buttons_carry_style_value_and_confirm() -> None:
    confirm = {
        "title": plain("Sure?"),
        "text": plain(HOSTILE),
        "confirm": plain("Yes"),
        "deny": plain("No"),
    }
    button = {"type": "button", "action_id": "b", "text": plain(HOSTILE), "style": "danger"}

    html = render(in_actions(button | {"value": "7", "confirm": confirm}))

    attrs = controls(html, "button")[0]
    assert attrs["class"] == "bk-button danger" and attrs["data-block"] == "act"
    assert json.loads(str(attrs["data-confirm"]))["text"] == HOSTILE
    assert parse(html).text == HOSTILE


@pytest.mark.parametrize(
    ("element", "picked"),
    [
        (
            {
                "type": "static_select",
                "options": [option("a"), option("b")],
                "initial_option": option("b"),
            },
            ["b"],
        ),
        (
            {
                "type": "multi_static_select",
                "options": [option("a"), option("b")],
                "initial_options": [option("a")],
            },
            ["a"],
        ),
        (
            {
                "type": "static_select",
                "option_groups": [{"label": plain("G"), "options": [option("a")]}],
            },
            [],
        ),
        ({"type": "users_select", "initial_user": "U0SAM00001"}, ["U0SAM00001"]),
        ({"type": "multi_users_select", "initial_users": ["U0MAYA0001"]}, ["U0MAYA0001"]),
        ({"type": "conversations_select", "initial_conversation": "C0GROWTH01"}, ["C0GROWTH01"]),
        ({"type": "channels_select", "initial_channel": "C0GROWTH01"}, ["C0GROWTH01"]),
        ({"type": "external_select", "initial_option": option("x")}, ["x"]),
    ],
    ids=[
        "static",
        "multi static",
        "groups",
        "users",
        "multi users",
        "conversations",
        "channels",
        "external",
    ],
)
def test_selects_offer_their_choices(element: dict[str, Any], picked: list[str]) -> None:
    html = render(in_input(element | {"action_id": "pick"}))

    select = controls(html, "select")[0]
    assert select["data-kind"] == element["type"] and select["data-action"] == "pick"
    options = controls(html, "option")
    assert [o["value"] for o in options if "selected" in o] == picked
    assert "<b>" not in html.split("<select", 1)[1] or HOSTILE not in html


def test_users_and_channels_show_names_escaped() -> None:
    html = render(in_input({"type": "users_select", "action_id": "who"}))

    assert "Sam &lt;Rivera&gt;" in html


def test_overflow_is_a_menu_of_its_options() -> None:
    overflow = {"type": "overflow", "action_id": "more", "options": [option("x"), option("y")]}

    html = render({"type": "section", "text": plain("t"), "accessory": overflow})

    assert controls(html, "select")[0]["data-kind"] == "overflow"
    assert [o["value"] for o in controls(html, "option")] == ["", "x", "y"]


def test_date_and_time_pickers() -> None:
    html = render(
        in_input({"type": "datepicker", "action_id": "d", "initial_date": "2026-12-24"}),
        in_input({"type": "timepicker", "action_id": "t", "initial_time": "09:30"})
        | {"block_id": "in2"},
    )

    inputs = controls(html, "input")
    assert [(i["type"], i["value"]) for i in inputs] == [("date", "2026-12-24"), ("time", "09:30")]


def test_checkboxes_and_radio_buttons() -> None:
    described = option("b") | {"description": plain(HOSTILE)}
    boxes = {
        "type": "checkboxes",
        "action_id": "c",
        "options": [option("a"), described],
        "initial_options": [option("a")],
    }
    radios = {
        "type": "radio_buttons",
        "action_id": "r",
        "options": [option("x"), option("y")],
        "initial_option": option("y"),
    }

    html = render(in_input(boxes), in_input(radios) | {"block_id": "in2"})

    inputs = controls(html, "input")
    assert [(i["type"], i["value"], "checked" in i) for i in inputs] == [
        ("checkbox", "a", True),
        ("checkbox", "b", False),
        ("radio", "x", False),
        ("radio", "y", True),
    ]
    assert parse(html).text.count(HOSTILE) == 7  # two labels, four options, one description


def test_text_and_number_inputs_keep_their_limits() -> None:
    text = {
        "type": "plain_text_input",
        "action_id": "t",
        "max_length": 40,
        "initial_value": HOSTILE,
    }
    notes = {
        "type": "plain_text_input",
        "action_id": "n",
        "multiline": True,
        "placeholder": plain(HOSTILE),
    }
    number = {
        "type": "number_input",
        "action_id": "v",
        "is_decimal_allowed": True,
        "initial_value": "2.5",
    }

    html = render(
        in_input(text), in_input(notes) | {"block_id": "b"}, in_input(number) | {"block_id": "c"}
    )

    single, value = controls(html, "input")
    assert single["value"] == HOSTILE and single["maxlength"] == "40"
    assert controls(html, "textarea")[0]["placeholder"] == HOSTILE
    assert value["inputmode"] == "decimal" and value["value"] == "2.5"


def test_an_input_shows_its_error_hint_and_optional_mark() -> None:
    block = in_input(
        {"type": "plain_text_input", "action_id": "t"}, optional=True, hint=plain("a hint")
    )
    surface = Surface(NAMES, {"in": HOSTILE}, in_modal=True)

    html = render(block, surface=surface)

    assert "has-error" in html and "(optional)" in html and "a hint" in html
    assert parse(html).text.count(HOSTILE) == 2  # the label and the error


def test_dispatching_inputs_say_when_they_fire() -> None:
    element = {
        "type": "plain_text_input",
        "action_id": "title",
        "dispatch_action_config": {"trigger_actions_on": ["on_character_entered"]},
    }

    html = render(in_input(element, dispatch_action=True))

    assert controls(html, "input")[0]["data-dispatch"] == "on_character_entered"


def test_unknown_blocks_are_named_not_dropped() -> None:
    html = blocks_html([{"type": "video", "title": plain("x")}], SURFACE)

    assert "[video block]" in html
