"""The weekly loop through Slack's protocol: prompt DM, modal, field errors, receipt, Home."""

from typing import Any

from bot.slack.ids import Action, Field, kr_block_id
from tests.fakes.blockkit import assert_valid_message, assert_valid_view
from tests.seed import ALICE, BOB, Seeded
from tests.slack.checkin_steps import checkin_values, open_checkin_modal, prompt_to
from tests.slack.harness import PostedPrompt, SlackHarness, json_body
from tests.slack.reads import checkins


def test_the_prompt_dm_lists_my_key_results_and_what_to_do(slack: SlackHarness) -> None:
    prompt = prompt_to(slack, ALICE).call
    # Posted to the user id: Slack delivers it to the DM without a conversations.open first.
    assert slack.fake.calls_to("conversations.open") == []
    blocks = prompt.body["blocks"]
    assert_valid_message(blocks, prompt.body["text"])
    assert blocks[0]["text"]["text"] == "Check-in · 2026-W47"
    texts = " ".join(block.get("text", {}).get("text", "") for block in blocks)
    assert "Median monthly 20+ minute sessions per fan" in texts
    assert "no check-in yet" in texts
    check_in, no_change, snooze, away = blocks[-1]["elements"]
    assert [(b["text"]["text"], b["value"]) for b in (check_in, no_change, away)] == [
        ("Check in", "2026-W47"),
        ("No change", "2026-W47"),
        ("I'm away", "2026-W47"),
    ]
    assert snooze["type"] == "static_select"
    assert [(o["text"]["text"], o["value"]) for o in snooze["options"]] == [
        ("2 hours", "2026-W47|2h"),
        ("Tomorrow morning", "2026-W47|tomorrow"),
    ]
    assert prompt.body["unfurl_links"] is False


def test_a_second_run_sends_nothing_new(slack: SlackHarness) -> None:
    prompt_to(slack, ALICE)
    slack.services.prompts.send_due_prompts(force=True)
    assert len(slack.fake.calls_to("chat.postMessage")) == 2


def test_check_in_opens_one_modal_for_all_my_key_results(
    slack: SlackHarness, seeded: Seeded
) -> None:
    view = open_checkin_modal(slack, prompt_to(slack, ALICE))
    block_ids = [block.get("block_id") for block in view["blocks"]]
    for kr in (seeded.sessions_kr, seeded.churn_kr, seeded.launch_kr):
        assert kr_block_id(kr, Field.VALUE) in block_ids
        assert kr_block_id(kr, Field.CONFIDENCE) in block_ids
    assert kr_block_id(seeded.bob_kr, Field.VALUE) not in block_ids
    value = next(
        b
        for b in view["blocks"]
        if b.get("block_id") == kr_block_id(seeded.sessions_kr, Field.VALUE)
    )
    assert value["element"]["initial_value"] == "2"  # the start value, before any check-in
    launch = next(
        b for b in view["blocks"] if b.get("block_id") == kr_block_id(seeded.launch_kr, Field.VALUE)
    )
    assert launch["element"]["type"] == "checkboxes"


def test_a_value_that_is_not_a_number_is_shown_on_its_field(
    slack: SlackHarness, seeded: Seeded
) -> None:
    view = open_checkin_modal(slack, prompt_to(slack, ALICE))
    response = slack.submit(view, checkin_values(seeded, "lots", "12"), ALICE)
    answer = json_body(response)
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {
        kr_block_id(seeded.sessions_kr, Field.VALUE),
        kr_block_id(seeded.sessions_kr, Field.CONFIDENCE),
    }
    assert "not a number" in answer["errors"][kr_block_id(seeded.sessions_kr, Field.VALUE)]
    assert "0 to 10" in answer["errors"][kr_block_id(seeded.sessions_kr, Field.CONFIDENCE)]
    assert checkins(slack, seeded.sessions_kr) == checkins(slack, seeded.churn_kr) == ()


def test_saving_records_the_checkin_and_turns_the_dm_into_a_receipt(
    slack: SlackHarness, seeded: Seeded
) -> None:
    prompt = prompt_to(slack, ALICE)
    view = open_checkin_modal(slack, prompt)
    response = slack.submit(view, checkin_values(seeded, "2.4", "7", note="Good week"), ALICE)
    assert response.status == 200
    assert json_body(response) == {}

    update = slack.fake.wait_for("chat.update")[0].body
    assert (update["channel"], update["ts"]) == (prompt.channel, prompt.ts)
    assert_valid_message(update["blocks"], update["text"])
    receipt = " ".join(block.get("text", {}).get("text", "") for block in update["blocks"])
    assert "Checked in · 2026-W47" in receipt
    assert "2.4 / 3 sessions (first check-in) · confidence 7/10" in receipt
    saved = checkins(slack, seeded.sessions_kr)[0]
    assert (saved.period, saved.value, saved.confidence, saved.note) == (
        "2026-W47",
        2.4,
        7,
        "Good week",
    )


def test_the_modal_is_prefilled_with_the_last_answers(slack: SlackHarness, seeded: Seeded) -> None:
    prompt = prompt_to(slack, ALICE)
    slack.submit(open_checkin_modal(slack, prompt), checkin_values(seeded, "2.4", "7"), ALICE)
    slack.fake.wait_for("chat.update")
    view = open_checkin_modal(slack, prompt)
    by_id = {block.get("block_id"): block for block in view["blocks"]}
    assert by_id[kr_block_id(seeded.sessions_kr, Field.VALUE)]["element"]["initial_value"] == "2.4"
    assert (
        by_id[kr_block_id(seeded.sessions_kr, Field.CONFIDENCE)]["element"]["initial_value"] == "7"
    )


def test_checking_in_again_replaces_the_periods_checkin(
    slack: SlackHarness, seeded: Seeded
) -> None:
    prompt = prompt_to(slack, ALICE)
    slack.submit(open_checkin_modal(slack, prompt), checkin_values(seeded, "2.4", "7"), ALICE)
    slack.submit(open_checkin_modal(slack, prompt), checkin_values(seeded, "2.6", "8"), ALICE)
    history = checkins(slack, seeded.sessions_kr)
    assert [(c.period, c.value, c.confidence) for c in history] == [("2026-W47", 2.6, 8)]


def test_no_change_records_the_same_answers_in_one_click(
    slack: SlackHarness, seeded: Seeded
) -> None:
    prompt = prompt_to(slack, ALICE)
    slack.submit(open_checkin_modal(slack, prompt), checkin_values(seeded, "2.4", "7"), ALICE)
    slack.clock.advance(days=7)
    slack.fake.clear()
    next_prompt = prompt_to(slack, ALICE, "2026-W48")
    slack.fake.clear()
    assert slack.click(Action.NO_CHANGE, "2026-W48", ALICE, next_prompt).status == 200
    update = slack.fake.wait_for("chat.update")[0].body
    assert update["ts"] == next_prompt.ts
    assert "no change" in update["text"]
    latest = checkins(slack, seeded.churn_kr)[0]
    assert (latest.period, latest.value, latest.confidence) == ("2026-W48", 7.5, 5)


def test_no_change_without_history_opens_the_modal_instead(slack: SlackHarness) -> None:
    prompt = prompt_to(slack, ALICE)
    slack.fake.clear()
    slack.click(Action.NO_CHANGE, "2026-W47", ALICE, prompt)
    view = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)
    assert "no earlier answer" in view["blocks"][0]["elements"][0]["text"]
    assert slack.fake.calls_to("chat.update") == []


def _snooze(slack: SlackHarness, prompt: PostedPrompt, choice: str) -> dict[str, Any]:
    option = {"text": {"type": "plain_text", "text": choice}, "value": f"2026-W47|{choice}"}
    action = {"type": "static_select", "selected_option": option}
    slack.click(Action.SNOOZE, "", ALICE, prompt, action=action)
    update: dict[str, Any] = slack.fake.wait_for("chat.update")[0].body
    assert_valid_message(update["blocks"], update["text"])
    return update


def test_snoozing_two_hours_updates_the_dm_and_asks_again_later(slack: SlackHarness) -> None:
    prompt = prompt_to(slack, ALICE)
    update = _snooze(slack, prompt, "2h")
    assert update["ts"] == prompt.ts
    assert "Snoozed your 2026-W47 check-in until 2026-11-16 14:00 UTC" in update["text"]
    slack.fake.clear()
    slack.clock.advance(hours=2)
    slack.services.prompts.send_due_prompts()
    again = slack.fake.wait_for("chat.postMessage")
    assert [call.body["channel"] for call in again] == ["D" + ALICE]


def test_snoozing_until_tomorrow_morning_waits_for_working_hours(slack: SlackHarness) -> None:
    update = _snooze(slack, prompt_to(slack, ALICE), "tomorrow")
    # Monday 13:00 in Berlin → Tuesday 09:00 in Berlin.
    assert "until 2026-11-17 08:00 UTC" in update["text"]


def test_someone_elses_key_result_cannot_be_checked_in(slack: SlackHarness, seeded: Seeded) -> None:
    view = open_checkin_modal(slack, prompt_to(slack, ALICE))
    # Bob submits a forged form carrying Alice's KR ids.
    assert json_body(slack.submit(view, checkin_values(seeded, "9", "9"), BOB)) == {}
    refusal = slack.direct_message(BOB)
    assert "was not saved" in refusal
    assert "Only a key result's owner, its contributors, its team's leads" in refusal
    assert checkins(slack, seeded.sessions_kr) == ()


def test_okr_checkin_opens_the_same_modal_from_any_channel(
    slack: SlackHarness, seeded: Seeded
) -> None:
    response = slack.command("checkin", ALICE, channel="C0RANDOM01")
    assert response.status == 200
    view = slack.fake.wait_for("views.open")[0].body["view"]
    assert_valid_view(view)
    assert kr_block_id(seeded.sessions_kr, Field.VALUE) in [
        b.get("block_id") for b in view["blocks"]
    ]


def test_okr_checkin_with_nothing_to_check_in_says_so(slack: SlackHarness) -> None:
    slack.command("checkin", "U0NOBODY01")
    reply = slack.fake.wait_for("response_url")[0].body
    assert "own no active key results" in reply["text"]
    assert reply["response_type"] == "ephemeral"


def test_the_home_tab_shows_my_key_results_and_refreshes(
    slack: SlackHarness, seeded: Seeded
) -> None:
    assert slack.event({"type": "app_home_opened", "user": ALICE, "tab": "home"}).status == 200
    view = slack.fake.wait_for("views.publish")[0].body["view"]
    assert_valid_view(view)
    texts = " ".join(block.get("text", {}).get("text", "") for block in view["blocks"])
    assert "Median monthly 20+ minute sessions per fan" in texts
    assert "⚪ No check-in yet" in texts
    assert any(
        b.get("accessory", {}).get("action_id") == Action.HOME_CHECK_IN for b in view["blocks"]
    )

    slack.fake.clear()
    slack.click(Action.HOME_CHECK_IN, "2026-W47", ALICE)
    modal = slack.fake.wait_for("views.open")[0].body["view"]
    slack.submit(modal, checkin_values(seeded, "2.9", "8"), ALICE)
    refreshed = slack.fake.wait_for("views.publish")[0].body["view"]
    texts = " ".join(block.get("text", {}).get("text", "") for block in refreshed["blocks"])
    assert "▰▰▰▰▰▰▰▰▰▱ 90%  2.9 / 3 sessions" in texts
    assert "🟢 On track · confidence 8/10" in texts
