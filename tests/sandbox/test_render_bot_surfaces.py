"""The bot's own surfaces, rendered by the sandbox: every block and element it emits has a
control, and hostile user text inside them stays text."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from bot.domain.progress import KRType, Status
from bot.domain.retros import RetroTrigger
from bot.sandbox.render.blocks import blocks_html
from bot.sandbox.render.mrkdwn import Names
from bot.sandbox.render.surface import Surface
from bot.services.checkins.results import CheckinForm, KRSnapshot, PromptCard
from bot.services.okrs.drafts import Choice, NewObjectiveChoices
from bot.services.retros.answers import RetroForm
from bot.services.settings.results import TeamForm, WorkspaceForm
from bot.slack.draft_metadata import DraftMetadata
from bot.slack.render.away import away_modal
from bot.slack.render.checkin_modal import checkin_modal
from bot.slack.render.checkin_prompt import checkin_prompt
from bot.slack.render.digest import digest_messages
from bot.slack.render.help import help_message
from bot.slack.render.objective_modals import new_objective_modal
from bot.slack.render.retro_modal import retro_modal
from bot.slack.render.settings_modals import team_modal, workspace_modal
from tests.sandbox.html_text import parse
from tests.slack.digest_examples import HOSTILE_TEXT, hostile_week

HOSTILE = "<!channel> <script>alert(1)</script> & <@U0EVIL0001>"
NAMES = Names({"U0ALICE001": "Alice"}, {"C0GROWTH01": "growth"})
WITHOUT_USER_TEXT = {"away modal", "workspace settings"}
KNOWN_CONTROLS = {
    "button": "button",
    "static_select": "select",
    "multi_static_select": "select",
    "users_select": "select",
    "multi_users_select": "select",
    "conversations_select": "select",
    "overflow": "select",
    "external_select": "select",
    "plain_text_input": ("input", "textarea"),
    "number_input": "input",
    "datepicker": "input",
    "timepicker": "input",
    "checkboxes": "div",
    "radio_buttons": "div",
}


def snapshot(kr_id: int, kr_type: KRType = KRType.INCREASE_TO) -> KRSnapshot:
    return KRSnapshot(
        kr_id=kr_id,
        title=HOSTILE,
        objective_title=HOSTILE,
        kr_type=kr_type,
        start=2.0,
        target=3.0,
        unit=HOSTILE,
        value=2.5,
        confidence=6,
        previous_confidence=9,
        progress=0.5,
        pace=0.4,
        status=Status.AT_RISK,
    )


def surfaces() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    krs = (snapshot(1), snapshot(2, KRType.MILESTONE), snapshot(3, KRType.DECREASE_TO))
    yield "prompt", checkin_prompt(PromptCard("U0ALICE001", "2026-W48", krs))[1]
    yield "check-in modal", checkin_modal(CheckinForm("2026-W48", krs))["blocks"]
    yield "away modal", away_modal("2026-W48", date(2026, 11, 30))["blocks"]
    yield "help", help_message([("/okr help", "show this list")], unknown=HOSTILE)[1]
    digest = digest_messages(hostile_week())
    yield "digest", [b for _, blocks in (digest.parent, *digest.replies) for b in blocks]
    yield "workspace settings", workspace_modal(WorkspaceForm())["blocks"]
    yield "team settings", team_modal(1, TeamForm(HOSTILE, "C0GROWTH01"), None)["blocks"]
    yield (
        "retro modal",
        retro_modal(RetroForm(1, "KR-1", HOSTILE, RetroTrigger.CONFIDENCE_DROP))["blocks"],
    )
    choices = NewObjectiveChoices(Choice(1, HOSTILE), Choice(1, "2026-Q4"))
    yield (
        "new objective",
        new_objective_modal(choices, "U0ALICE001", DraftMetadata(krs=2))["blocks"],
    )


def elements_of(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        for key in ("element", "accessory"):
            if isinstance(block.get(key), dict):
                yield block[key]
        if block.get("type") == "actions":
            yield from block["elements"]


@pytest.mark.parametrize(("name", "blocks"), list(surfaces()), ids=[n for n, _ in surfaces()])
def test_every_block_and_element_is_drawn(name: str, blocks: list[dict[str, Any]]) -> None:
    html = blocks_html(blocks, Surface(NAMES, in_modal=True))
    tags = parse(html).tags

    assert "bk-unsupported" not in html, f"{name}: a block or element has no drawing"
    for element in elements_of(blocks):
        kind = element["type"]
        if kind == "image":
            continue
        expected = KNOWN_CONTROLS[kind]
        found = [
            tag
            for tag, attrs in tags
            if attrs.get("data-action") == element.get("action_id")
            and attrs.get("data-kind") == kind
        ]
        assert found and found[0] in expected, f"{name}: no control for {kind}"


@pytest.mark.parametrize(("name", "blocks"), list(surfaces()), ids=[n for n, _ in surfaces()])
def test_hostile_text_stays_text(name: str, blocks: list[dict[str, Any]]) -> None:
    html = blocks_html(blocks, Surface(NAMES, in_modal=True))
    parsed = parse(html)

    assert "script" not in {tag for tag, _ in parsed.tags}
    assert 'class="mention broadcast"' not in html, f"{name}: <!channel> came alive"
    assert "U0EVIL0001" not in [attrs.get("data-user") for _, attrs in parsed.tags]
    assert 'class="unparsed"' not in html, f"{name}: user text reached mrkdwn unescaped"
    if name in WITHOUT_USER_TEXT:
        return
    typed = HOSTILE_TEXT if name == "digest" else HOSTILE
    shown = [parsed.text, *(str(v) for _, attrs in parsed.tags for v in attrs.values())]
    assert any(typed in text for text in shown), f"{name}: the text was lost"


def test_the_surfaces_use_every_kind_of_element_the_sandbox_must_draw() -> None:
    """A guard for this file: if the bot starts emitting a new element, it is listed here."""
    kinds = {e["type"] for _, blocks in surfaces() for e in elements_of(blocks)}

    assert kinds - {"image"} <= KNOWN_CONTROLS.keys()
    assert {"button", "static_select", "number_input", "checkboxes", "datepicker"} <= kinds
    assert {"timepicker", "conversations_select", "multi_users_select", "users_select"} <= kinds
