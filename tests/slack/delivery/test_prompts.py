"""A prompt is posted to the person's user id: Slack delivers it to the app's DM with them and
names that DM, which is kept for chat.update; no conversations.open before it."""

from bot.db.engine import Database
from bot.db.members import find_member
from tests.seed import ALICE, BOB, Seeded
from tests.slack.checkin_steps import checkin_values, open_checkin_modal, prompt_to
from tests.slack.harness import SlackHarness


def test_the_first_prompt_goes_to_the_user_id_and_the_dm_slack_named_is_kept(
    slack: SlackHarness, seeded: Seeded, database: Database
) -> None:
    prompt = prompt_to(slack, ALICE)

    posts = slack.fake.calls_to("chat.postMessage")
    assert sorted(call.body["channel"] for call in posts) == [ALICE, BOB]
    assert slack.fake.calls_to("conversations.open") == []
    assert prompt.channel == "D" + ALICE  # what Slack answered, stored with the prompt
    with database.transaction() as session:
        alice = find_member(session, ALICE)
        assert alice is not None and alice.dm_channel_id == "D" + ALICE

    view = open_checkin_modal(slack, prompt)
    slack.submit(view, checkin_values(seeded, "2.4", "7"), ALICE)
    update = slack.fake.wait_for("chat.update")[0].body
    assert (update["channel"], update["ts"]) == ("D" + ALICE, prompt.ts)
    assert slack.fake.calls_to("conversations.open") == []
