"""The digest's chart through Slack: uploaded last into the thread, optional, never fatal."""

import logging
import sys
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.db.digests import DigestStatus
from bot.db.engine import Database
from bot.db.models import Digest, KeyResult
from bot.scheduling.jobs import find_job
from bot.scheduling.scheduler import tick
from tests.fakes.slack_files import PNG_SIGNATURE
from tests.slack.harness import SlackHarness

# Every message these tests send to a channel is checked: it must notify nobody.
pytestmark = pytest.mark.usefixtures("quiet_channels")

CHANNEL = "C0GROWTH01"
FRIDAY_1500_UTC = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
UPLOAD_METHODS = ("files.getUploadURLExternal", "file_upload", "files.completeUploadExternal")


def _claim(database: Database) -> Digest:
    with database.transaction() as session:
        [claim] = session.exec(select(Digest)).all()
        return claim


def _digest_ts(slack: SlackHarness) -> str:
    """The ts Slack answered the digest with: its one post to the channel outside a thread."""
    [digest] = [
        call
        for call in slack.fake.calls_to("chat.postMessage")
        if call.body["channel"] == CHANNEL and "thread_ts" not in call.body
    ]
    return str(digest.answer["ts"])


def _run_digests(slack: SlackHarness) -> str:
    job = find_job("digests")
    assert job is not None
    return job.run_now(slack.services)


def _posts(slack: SlackHarness) -> int:
    return sum(c.body["channel"] == CHANNEL for c in slack.fake.calls_to("chat.postMessage"))


def _upload_calls(slack: SlackHarness) -> list[str]:
    return [call.method for call in slack.fake.calls if call.method in UPLOAD_METHODS]


def test_the_scheduled_digest_uploads_one_png_into_its_thread(slack: SlackHarness) -> None:
    slack.clock.set(FRIDAY_1500_UTC)
    tick(slack.services)
    tick(slack.services)
    [chart] = slack.fake.shared_files
    assert (chart.channel_id, chart.thread_ts) == (CHANNEL, _digest_ts(slack))
    assert chart.data.startswith(PNG_SIGNATURE)
    assert chart.filename == "okr-digest-2026-W47.png"
    assert chart.title == "Growth OKR digest 2026-W47: progress chart"
    assert chart.alt_text is not None
    assert chart.alt_text.startswith("Progress against pace and confidence by week for the Growth")
    assert _upload_calls(slack) == list(UPLOAD_METHODS)


def test_the_charts_come_after_the_detail_replies(slack: SlackHarness, database: Database) -> None:
    with database.transaction() as session:
        session.add_all(
            KeyResult(objective_id=1, owner_id=1, title=f"Extra key result {i}") for i in range(60)
        )
    assert _run_digests(slack) == "1 digest(s) posted, 0 failed"
    methods = [call.method for call in slack.fake.calls]
    replies = [c for c in slack.fake.calls_to("chat.postMessage") if c.body.get("thread_ts")]
    assert replies
    last_reply = max(i for i, method in enumerate(methods) if method == "chat.postMessage")
    assert methods.index("files.getUploadURLExternal") > last_reply
    # 64 KRs: three pictures of at most 30, every one in the digest's thread.
    charts = slack.fake.shared_files
    assert [chart.thread_ts for chart in charts] == [_digest_ts(slack)] * 3
    assert [(chart.alt_text or "").split(":")[0].split(". ")[-1] for chart in charts] == [
        "Picture 1 of 3",
        "Picture 2 of 3",
        "Picture 3 of 3",
    ]
    assert "30 of 64 key results" in (charts[0].alt_text or "")


def test_without_matplotlib_the_digest_is_text_only(
    slack: SlackHarness, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A None entry in sys.modules makes `import` fail as if the package were not installed.
    for name in {"matplotlib", *(n for n in sys.modules if n.startswith("matplotlib."))}:
        monkeypatch.setitem(sys.modules, name, None)
    assert _run_digests(slack) == "1 digest(s) posted, 0 failed"
    assert _posts(slack) == 1
    assert _upload_calls(slack) == []
    assert _claim(database).status == DigestStatus.POSTED


@pytest.mark.parametrize(
    ("method", "error"),
    [
        ("files.getUploadURLExternal", "missing_scope"),  # an app not reinstalled for files:write
        ("file_upload", None),  # the upload URL answers HTTP 500
        ("files.completeUploadExternal", "not_in_channel"),
    ],
)
def test_a_failed_upload_leaves_the_digest_posted_once(
    slack: SlackHarness,
    database: Database,
    caplog: pytest.LogCaptureFixture,
    method: str,
    error: str | None,
) -> None:
    if error is None:
        slack.fake.fail_http(method, 500)
    else:
        slack.fake.fail(method, error)
    with caplog.at_level(logging.WARNING, logger="bot.slack.delivery.notifier"):
        assert _run_digests(slack) == "1 digest(s) posted, 0 failed"
    assert f"digest chart in {CHANNEL} failed: {error or 'HTTPError'}" in caplog.text
    claim = _claim(database)
    assert (claim.status, claim.last_error, claim.attempts) == (DigestStatus.POSTED, None, 1)
    attempted = _upload_calls(slack)
    assert slack.fake.shared_files == []
    slack.clock.advance(days=1)
    assert _run_digests(slack) == "0 digest(s) posted, 0 failed"
    tick(slack.services)
    assert _posts(slack) == 1
    assert _upload_calls(slack) == attempted  # no second try at the chart either


def test_a_chart_that_cannot_be_drawn_leaves_the_digest_posted(
    slack: SlackHarness, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(digest: object) -> None:
        raise ValueError("a matplotlib bug")

    monkeypatch.setattr("bot.slack.delivery.notifier.digest_charts", broken)
    assert _run_digests(slack) == "1 digest(s) posted, 0 failed"
    assert _claim(database).status == DigestStatus.POSTED
    assert _upload_calls(slack) == []
