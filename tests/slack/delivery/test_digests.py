"""Team digests through Slack: scheduled, on demand, preview, retries, replicas, lost channels."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.db.engine import Database
from bot.db.models import KeyResult, Team
from bot.runtime import build_services
from bot.scheduling.jobs import find_job
from bot.scheduling.scheduler import tick
from bot.services.checkins.results import CheckinAnswer
from bot.settings import Settings
from tests.fakes.blockkit import assert_no_live_mentions, assert_valid_message
from tests.fakes.slack_api import Call
from tests.seed import ALICE, LEAD, Seeded
from tests.slack.digest_examples import HOSTILE, HOSTILE_TEXT
from tests.slack.harness import SlackHarness

# Every message these tests send to a channel is checked: it must notify nobody.
pytestmark = pytest.mark.usefixtures("quiet_channels")

CHANNEL = "C0GROWTH01"
FRIDAY_1459_UTC = datetime(2026, 11, 20, 14, 59, tzinfo=UTC)


def _in_channel(slack: SlackHarness) -> list[Call]:
    return [c for c in slack.fake.calls_to("chat.postMessage") if c.body["channel"] == CHANNEL]


def _said(call: Call) -> str:
    texts = [call.body.get("text", "")]
    for block in call.body.get("blocks", []):
        texts.append((block.get("text") or {}).get("text", ""))
        texts += [element.get("text", "") for element in block.get("elements", [])]
    return "\n".join(texts)


def _follow_up(slack: SlackHarness) -> dict[str, Any]:
    body: dict[str, Any] = slack.fake.wait_for("response_url")[-1].body
    assert body["response_type"] == "ephemeral"
    return body


def test_the_scheduler_posts_the_digest_at_friday_three(slack: SlackHarness) -> None:
    slack.clock.set(FRIDAY_1459_UTC)
    tick(slack.services)
    assert _in_channel(slack) == []
    slack.clock.advance(minutes=1)
    tick(slack.services)
    tick(slack.services)
    [post] = _in_channel(slack)
    assert_valid_message(post.body["blocks"], post.body["text"])
    assert post.body["unfurl_links"] is False
    assert post.body["unfurl_media"] is False
    assert post.body["blocks"][0]["text"]["text"] == "📊 Growth · 2026-Q4 · week 8 of 14"
    assert "Needs attention" in _said(post)


def test_jobs_run_digests_posts_now_and_only_once(slack: SlackHarness) -> None:
    job = find_job("digests")
    assert job is not None
    assert job.run_now(slack.services) == "1 digest(s) posted, 0 failed"  # forced on a Monday
    assert job.run_now(slack.services) == "0 digest(s) posted, 0 failed"
    assert len(_in_channel(slack)) == 1


def test_okr_digest_shows_the_caller_a_private_preview(slack: SlackHarness) -> None:
    body = slack.answer("digest", ALICE)
    assert body["response_type"] == "ephemeral"
    assert_valid_message(body["blocks"], body["text"])
    assert body["blocks"][0]["text"]["text"].startswith("📊 Growth")
    assert "Only you see this preview" in body["blocks"][-1]["elements"][0]["text"]
    body = slack.answer("digest team growth", "U0STRANGER")
    assert body["blocks"][0]["text"]["text"].startswith("📊 Growth")
    assert _in_channel(slack) == []


def test_okr_digest_post_is_refused_to_a_member_with_the_reason(slack: SlackHarness) -> None:
    assert slack.command("digest post", ALICE).status == 200
    assert "Only the leads of Growth and bot admins" in _follow_up(slack)["text"]
    assert _in_channel(slack) == []


def test_a_lead_posts_the_digest_now_once(slack: SlackHarness) -> None:
    slack.command("digest post", LEAD)
    assert _follow_up(slack)["text"] == f"✅ Posted the Growth digest to <#{CHANNEL}>."
    slack.fake.clear()
    slack.command("digest post team Growth", LEAD)
    assert "already in" in _follow_up(slack)["text"]
    assert _in_channel(slack) == []


def test_an_unknown_team_is_named_in_the_answer(slack: SlackHarness) -> None:
    slack.command("digest team Sales", ALICE)
    assert "There is no team named 'Sales'" in _follow_up(slack)["text"]


def test_a_failed_post_is_retried_on_a_later_tick_and_posted_once(slack: SlackHarness) -> None:
    slack.fake.fail_http("chat.postMessage", 500, when=lambda b: b["channel"] == CHANNEL, times=1)
    slack.clock.set(FRIDAY_1459_UTC)
    slack.clock.advance(minutes=1)
    tick(slack.services)
    assert len(_in_channel(slack)) == 1  # the failed attempt
    slack.clock.advance(minutes=5)
    tick(slack.services)
    assert len(_in_channel(slack)) == 1  # still backing off
    slack.clock.advance(minutes=5)
    tick(slack.services)
    tick(slack.services)
    assert len(_in_channel(slack)) == 2


def test_replicas_racing_on_one_database_post_once(slack: SlackHarness, database: Database) -> None:
    slack.clock.set(datetime(2026, 11, 20, 16, 0, tzinfo=UTC))
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.fake.base_url)
    replicas = [
        build_services(database, slack.fake.client(), settings, slack.clock) for _ in range(4)
    ]
    job = find_job("digests")
    assert job is not None
    with ThreadPoolExecutor(8) as pool:
        runs = [pool.submit(job.tick, r) for r in replicas]
        runs += [pool.submit(job.run_now, r) for r in replicas]
        for run in runs:
            run.result()
    assert len(_in_channel(slack)) == 1


def test_a_channel_the_bot_is_not_in_is_told_to_the_leads(slack: SlackHarness) -> None:
    slack.fake.fail("chat.postMessage", "not_in_channel", when=lambda b: b["channel"] == CHANNEL)
    job = find_job("digests")
    assert job is not None
    assert "failed (Growth → C0GROWTH01: not_in_channel)" in job.run_now(slack.services)
    [dm] = [c for c in slack.fake.calls_to("chat.postMessage") if c.channel == "D" + LEAD]
    assert_valid_message(dm.body["blocks"], dm.body["text"])
    assert "I could not post the Growth digest to <#C0GROWTH01>" in dm.body["text"]
    assert "not a member of that channel" in dm.body["text"]
    slack.command("digest post", LEAD)
    assert "could not post the Growth digest" in _follow_up(slack)["text"]


def test_a_large_digest_goes_on_in_its_thread(slack: SlackHarness, database: Database) -> None:
    with database.transaction() as session:
        session.add_all(
            KeyResult(objective_id=1, owner_id=1, title=f"Extra key result {i} " + "z" * 150)
            for i in range(70)
        )
    find_job("digests").run_now(slack.services)  # type: ignore[union-attr]
    parent, *replies = _in_channel(slack)
    assert replies
    assert "thread_ts" not in parent.body
    for call in (parent, *replies):
        assert_valid_message(call.body["blocks"], call.body["text"])
        assert call.body["unfurl_links"] is False
    assert {c.body.get("thread_ts") for c in replies} == {parent.answer["ts"]}
    assert len(slack.fake.calls_to("chat.postMessage")) == 1 + len(replies)
    assert sum(_said(c).count("`KR-") for c in replies) == 74


def test_hostile_text_arrives_inert(
    slack: SlackHarness, database: Database, seeded: Seeded
) -> None:
    with database.transaction() as session:
        session.get_one(Team, 1).name = HOSTILE_TEXT
        session.get_one(KeyResult, seeded.sessions_kr).title = HOSTILE_TEXT
        session.get_one(KeyResult, seeded.sessions_kr).unit = "<!here>"  # units hold 40
    slack.services.checkins.save_checkin(
        ALICE,
        "2026-W47",
        [CheckinAnswer(seeded.sessions_kr, 2.1, 2, note=HOSTILE_TEXT, blocker=HOSTILE_TEXT)],
    )
    find_job("digests").run_now(slack.services)  # type: ignore[union-attr]
    [post] = _in_channel(slack)
    assert_valid_message(post.body["blocks"], post.body["text"])
    assert_no_live_mentions(post.body, HOSTILE)
    assert "&lt;!channel&gt;" in _said(post)
    preview = slack.answer("digest", LEAD)
    assert_no_live_mentions(preview, HOSTILE)
