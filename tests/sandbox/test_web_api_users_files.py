"""The simulated Web API knows its people, pages them, and takes file uploads as Slack does."""

import httpx

from bot.sandbox.demo import PRIYA
from bot.sandbox.model import User
from bot.sandbox.webapi import limits
from tests.sandbox.simulated import Simulated
from tests.sandbox.web_api_checks import GENERAL, GROWTH, refusal


def test_users_info_knows_each_persons_zone(slack: Simulated) -> None:
    priya = slack.client.users_info(user=PRIYA)["user"]

    assert priya["tz"] == "Asia/Singapore" and priya["tz_offset"] == 8 * 3600
    assert refusal(slack, lambda: slack.client.users_info(user="U0NOBODY01")) == "user_not_found"


def test_users_list_pages_two_hundred_at_a_time(slack: Simulated) -> None:
    for n in range(450):
        slack.workspace.add_user(User(f"U1{n:08d}", f"user{n}", f"User {n}", "UTC"))
    seen: list[str] = []
    pages = 0
    for page in slack.client.users_list(limit=1000):
        pages += 1
        members = page["members"]
        assert len(members) <= limits.USERS_PAGE
        seen += [member["id"] for member in members]

    assert pages == 3 and len(seen) == len(set(seen)) == len(slack.workspace.users)
    assert refusal(slack, lambda: slack.client.users_list(cursor="bm9wZQ==")) == "invalid_cursor"


def test_files_upload_v2_shares_the_file_in_a_thread(slack: Simulated) -> None:
    parent = slack.client.chat_postMessage(channel=GROWTH, text="digest")
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100

    slack.client.files_upload_v2(
        channel=GROWTH, thread_ts=parent["ts"], file=png, filename="chart.png", title="Chart"
    )

    reply = slack.workspace.messages[-1]
    assert reply.thread_ts == parent["ts"] and len(reply.files) == 1
    shared = slack.workspace.files[reply.files[0]]
    assert shared.mimetype == "image/png" and slack.context.file_bytes[shared.id] == png
    page = httpx.get(f"{slack.origin}/files/{shared.id}", headers={"Host": slack.origin[7:]})
    assert page.content == png


def test_an_upload_of_the_wrong_length_is_refused(slack: Simulated) -> None:
    answer = slack.client.files_getUploadURLExternal(filename="a.csv", length=10)

    refused = httpx.post(answer["upload_url"], content=b"short")

    assert refused.status_code == 400 and slack.workspace.problems[-1].error == "length_mismatch"
    not_in_channel = lambda: slack.client.files_completeUploadExternal(  # noqa: E731
        files=[{"id": answer["file_id"]}], channel_id=GENERAL
    )
    assert refusal(slack, not_in_channel) == "not_in_channel"
