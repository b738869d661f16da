"""`/okr checkin KR-12`: owners, contributors, leads and admins may check in; others hear why."""

from typing import Any

from bot.db.engine import Database
from bot.db.members import get_or_create_member
from bot.db.models import KeyResult, KRContributor
from bot.slack.ids import Field, input_action_id, kr_block_id
from tests.fakes.blockkit import assert_valid_view
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.harness import SlackHarness, json_body
from tests.slack.reads import checkins

STRANGER = "U0STRANGER"


def _answer(kr_id: int, value: str, confidence: str) -> dict[str, dict[str, Any]]:
    def number(raw: str) -> dict[str, Any]:
        return {"type": "number_input", "value": raw}

    fields = ((Field.VALUE, value), (Field.CONFIDENCE, confidence))
    return {kr_block_id(kr_id, f): {input_action_id(f): number(raw)} for f, raw in fields}


def _modal_for(slack: SlackHarness, kr_id: int, user: str) -> dict[str, Any]:
    slack.fake.clear()
    assert slack.command(f"checkin KR-{kr_id}", user).status == 200
    view: dict[str, Any] = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)
    return view


def _refusal(slack: SlackHarness, text: str, user: str) -> str:
    slack.fake.clear()
    assert slack.command(text, user).status == 200
    reply: dict[str, Any] = slack.fake.wait_for("response_url")[0].body
    assert reply["response_type"] == "ephemeral"
    assert slack.fake.calls_to("views.open") == []
    return str(reply["text"])


def _kr_ids_in(view: dict[str, Any]) -> set[str]:
    return {b["block_id"].split(":")[1] for b in view["blocks"] if b.get("type") == "input"}


def _contribute(database: Database, kr_id: int, slack_user_id: str) -> None:
    with database.transaction() as session:
        member = get_or_create_member(session, slack_user_id)
        assert member.id is not None
        session.add(KRContributor(key_result_id=kr_id, member_id=member.id))


def test_a_contributor_checks_in_on_that_one_key_result(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    _contribute(database, seeded.bob_kr, ALICE)
    view = _modal_for(slack, seeded.bob_kr, ALICE)
    assert _kr_ids_in(view) == {str(seeded.bob_kr)}
    assert f"`KR-{seeded.bob_kr}`" in view["blocks"][0]["text"]["text"]
    assert slack.submit(view, _answer(seeded.bob_kr, "1800", "7"), ALICE).status == 200
    [saved] = checkins(slack, seeded.bob_kr)
    assert (saved.value, saved.confidence, saved.author_slack_id) == (1800, 7, ALICE)
    # Helping with Bob's KR does not answer Alice's own check-in.
    home = slack.services.home.home_for(ALICE)
    assert (home.period, home.checked_in) == ("2026-W47", False)


def test_a_team_lead_may_check_in_on_any_of_the_teams_key_results(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    view = _modal_for(slack, seeded.sessions_kr, LEAD)
    assert slack.submit(view, _answer(seeded.sessions_kr, "2.4", "6"), LEAD).status == 200
    assert [c.value for c in checkins(slack, seeded.sessions_kr)] == [2.4]


def test_an_admin_may_check_in_on_any_key_result(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    slack.fake.set_user(STRANGER, is_admin=True)  # Slack says so, each time it matters
    view = _modal_for(slack, seeded.bob_kr, STRANGER)
    assert slack.submit(view, _answer(seeded.bob_kr, "1200", "5"), STRANGER).status == 200
    assert [c.value for c in checkins(slack, seeded.bob_kr)] == [1200]


def test_anyone_else_is_told_who_may(slack: SlackHarness, seeded: Seeded) -> None:
    said = _refusal(slack, f"checkin KR-{seeded.bob_kr}", ALICE)
    assert said == (
        f"Only KR-{seeded.bob_kr}'s owner, its contributors, its team's leads and workspace "
        "admins can check in on it."
    )


def test_a_forged_key_result_in_the_view_is_refused_and_nothing_written(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    _contribute(database, seeded.bob_kr, ALICE)
    view = _modal_for(slack, seeded.bob_kr, ALICE)
    # Bob's own form, resubmitted by a stranger: the ids in it are hints, judged again.
    # The modal closes at once; the refusal, with what was entered, follows by direct message.
    assert json_body(slack.submit(view, _answer(seeded.bob_kr, "9999", "9"), STRANGER)) == {}
    told = slack.direct_message(STRANGER)
    assert f"not you on KR-{seeded.bob_kr}" in told and "9999" in told
    mixed = _answer(seeded.bob_kr, "9999", "9") | _answer(seeded.sessions_kr, "3", "9")
    assert json_body(slack.submit(view, mixed, BOB)) == {}  # Bob owns one, not the other
    assert f"not you on KR-{seeded.sessions_kr}" in slack.direct_message(BOB)
    assert checkins(slack, seeded.bob_kr) == ()
    assert checkins(slack, seeded.sessions_kr) == ()


def test_unknown_archived_and_malformed_references_get_a_clear_answer(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    assert _refusal(slack, "checkin KR-999", ALICE) == "There is no key result KR-999."
    with database.transaction() as session:
        kr = session.get_one(KeyResult, seeded.churn_kr)
        kr.archived_at = slack.clock.now()
    said = _refusal(slack, f"checkin KR-{seeded.churn_kr}", ALICE)
    assert said == f"There is no key result KR-{seeded.churn_kr}."
    said = _refusal(slack, "checkin O-1", ALICE)
    assert "Try `/okr checkin` for all your key results, or `/okr checkin [KR-12]`" in said
