"""`/okr subscribe #channel team NAME`: a team's digest also goes to another channel."""

import pytest

from bot.db.members import get_or_create_member
from bot.scheduling.jobs import find_job
from tests.seed import ALICE, BOB, LEAD
from tests.slack.harness import SlackHarness

# Every message these tests send to a channel is checked: it must notify nobody.
pytestmark = pytest.mark.usefixtures("quiet_channels")

LEADERS = "C0LEADERS1"


def _post_digests(slack: SlackHarness) -> list[str]:
    job = find_job("digests")
    assert job is not None
    job.run_now(slack.services)
    return sorted(
        c.body["channel"]
        for c in slack.fake.calls_to("chat.postMessage")
        if "thread_ts" not in c.body
    )


def _answer(slack: SlackHarness, text: str, user: str = LEAD) -> str:
    body = slack.answer(text, user)
    if body:
        assert body["response_type"] == "ephemeral"
        return str(body["text"])
    return str(slack.fake.wait_for("response_url")[-1].body["text"])


def test_a_subscribed_channel_gets_the_digest_too_until_unsubscribed(slack: SlackHarness) -> None:
    said = _answer(slack, f"subscribe <#{LEADERS}|leadership> team Growth")
    assert said == f"<#{LEADERS}> will get the weekly Growth digest. I need to be in that channel."
    assert "already gets" in _answer(slack, f"subscribe <#{LEADERS}|leadership> team growth")
    assert _post_digests(slack) == ["C0GROWTH01", LEADERS]
    assert _post_digests(slack) == ["C0GROWTH01", LEADERS]  # once per channel and week

    assert "no longer gets" in _answer(slack, f"unsubscribe <#{LEADERS}> team Growth")
    slack.fake.clear()
    slack.clock.advance(days=7)
    assert _post_digests(slack) == ["C0GROWTH01"]


def test_a_subscribed_channel_the_bot_is_not_in_is_told_to_the_subscriber(
    slack: SlackHarness,
) -> None:
    with slack.database.transaction() as session:
        get_or_create_member(session, ALICE).is_admin = True  # an admin, not one of the leads
    _answer(slack, f"subscribe <#{LEADERS}|leadership> team Growth", ALICE)
    slack.fake.fail("chat.postMessage", "not_in_channel", when=lambda b: b["channel"] == LEADERS)
    _post_digests(slack)
    dms = [c.channel for c in slack.fake.calls_to("chat.postMessage")]
    assert "D" + ALICE in dms
    assert "D" + LEAD not in dms


def test_mistakes_are_explained(slack: SlackHarness) -> None:
    assert "Try `/okr subscribe #channel team NAME`" in _answer(slack, "subscribe Growth")
    slack.fake.clear()
    assert "own channel" in _answer(slack, "subscribe <#C0GROWTH01|growth> team Growth")
    slack.fake.clear()
    assert "does not follow" in _answer(slack, f"unsubscribe <#{LEADERS}> team Growth")
    slack.fake.clear()
    assert "no team named 'Sales'" in _answer(slack, f"subscribe <#{LEADERS}> team Sales")


def test_only_the_team_leads_and_admins_may_change_where_its_digest_goes(
    slack: SlackHarness,
) -> None:
    said = _answer(slack, f"subscribe <#{LEADERS}|leadership> team Growth", BOB)
    assert "Only Growth's leads and workspace admins can send its digest" in said
    slack.fake.clear()
    _answer(slack, f"subscribe <#{LEADERS}|leadership> team Growth")
    said = _answer(slack, f"unsubscribe <#{LEADERS}> team Growth", BOB)
    assert "Only Growth's leads and workspace admins can stop sending" in said
    assert _post_digests(slack) == ["C0GROWTH01", LEADERS]
