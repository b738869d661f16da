"""Steps shared by the retro tests: people's zones, retro DMs, the modal and its answers."""

from typing import Any

from sqlmodel import select

from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.models import KRContributor, Retro, RetroRequest
from bot.slack.ids import RetroAction, RetroField, input_action_id, retro_block_id
from tests.fakes.blockkit import assert_valid_message, assert_valid_view
from tests.fakes.signing import select_state, text_state
from tests.fakes.slack_api import Call
from tests.slack.harness import PostedPrompt, SlackHarness

HOSTILE = ["<!channel>", "<@U0EVIL0001>", "<https://evil.example|click me>"]
HOSTILE_TEXT = "<!channel> *bold* <@U0EVIL0001>&amp; <https://evil.example|click me>"


def set_zones(database: Database, zones: dict[str, str]) -> None:
    """As if users.info had been read: each member's own time zone."""
    with database.transaction() as session:
        for slack_user_id, tz in zones.items():
            member = find_member(session, slack_user_id)
            assert member is not None
            member.timezone = tz


def add_contributor(database: Database, kr_id: int, slack_user_id: str) -> None:
    with database.transaction() as session:
        member = find_member(session, slack_user_id)
        assert member is not None and member.id is not None
        session.add(KRContributor(key_result_id=kr_id, member_id=member.id))


def retro_id(database: Database, kr_id: int, trigger_key: str) -> int:
    with database.transaction() as session:
        retro = session.exec(
            select(Retro).where(Retro.key_result_id == kr_id, Retro.trigger_key == trigger_key)
        ).one()
        assert retro.id is not None
        return retro.id


def retro_dms(slack: SlackHarness, user: str) -> list[Call]:
    """Retro requests posted to the user's DM, oldest first, each checked for Block Kit."""
    found = []
    for call in slack.fake.calls_to("chat.postMessage"):
        buttons = [
            element
            for block in call.body.get("blocks", [])
            for element in block.get("elements", [])
            if element.get("action_id") == RetroAction.START
        ]
        # Posted to the user id, or to the DM (D…U… in the fake) once Slack has named it.
        if buttons and call.channel == "D" + user:
            assert_valid_message(call.body["blocks"], call.body["text"])
            found.append(call)
    return found


def request_message(slack: SlackHarness, user: str, retro: int) -> PostedPrompt:
    """The DM of this retro as the member sees it, to click on."""
    with slack.database.transaction() as session:
        member = find_member(session, user)
        assert member is not None
        request = session.exec(
            select(RetroRequest).where(
                RetroRequest.retro_id == retro, RetroRequest.member_id == member.id
            )
        ).one()
        assert request.channel_id and request.message_ts
    call = next(
        c
        for c in reversed(slack.fake.calls_to("chat.postMessage"))
        if c.channel == request.channel_id and str(retro) in str(c.body.get("blocks"))
    )
    return PostedPrompt(request.channel_id, request.message_ts, call)


def open_retro(slack: SlackHarness, user: str, retro: int) -> dict[str, Any]:
    message = request_message(slack, user, retro)
    opened = len(slack.fake.calls_to("views.open"))
    assert slack.click(RetroAction.START, str(retro), user, message).status == 200
    view: dict[str, Any] = slack.fake.wait_for("views.open", opened + 1)[-1].body["view"]
    assert_valid_view(view)
    return view


def answer_values(
    reason: str | None,
    happened: str | None,
    learned: str | None,
    next_try: str | None = None,
    *,
    anonymous: bool = False,
) -> dict[str, dict[str, Any]]:
    chosen = [{"value": "anonymous"}] if anonymous else []

    def entry(field: RetroField, state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return retro_block_id(field), {input_action_id(field): state}

    return dict(
        [
            entry(RetroField.REASON, select_state(reason)),
            entry(RetroField.HAPPENED, text_state(happened)),
            entry(RetroField.LEARNED, text_state(learned)),
            entry(RetroField.NEXT_TRY, text_state(next_try)),
            entry(RetroField.ANONYMOUS, {"type": "checkboxes", "selected_options": chosen}),
        ]
    )


def answer_retro(
    slack: SlackHarness, user: str, retro: int, values: dict[str, dict[str, Any]]
) -> None:
    view = open_retro(slack, user, retro)
    updated = len(slack.fake.calls_to("chat.update"))
    response = slack.submit(view, values, user)
    assert response.status == 200
    assert response.body == ""
    receipt = slack.fake.wait_for("chat.update", updated + 1)[-1].body
    assert_valid_message(receipt["blocks"], receipt["text"])
    assert "Thank you" in receipt["text"]
