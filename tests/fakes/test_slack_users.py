"""The fake's users.list pages like Slack's, and its limits cover Tiers 2 and 4 and DMs."""

import pytest
from slack_sdk.errors import SlackApiError

from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_limits import EnforcedLimits
from tests.fakes.timer import FakeTimer


def test_users_list_pages_by_cursor_in_id_order() -> None:
    with FakeSlackApi() as fake:
        for n in (3, 1, 5, 2, 4):
            fake.set_user(f"U{n}", tz="Asia/Tokyo")
        client = fake.client()
        first = client.users_list(limit=2)
        cursor = first["response_metadata"]["next_cursor"]
        second = client.users_list(limit=2, cursor=cursor)
        last = client.users_list(limit=2, cursor=second["response_metadata"]["next_cursor"])

        pages = [[m["id"] for m in page["members"]] for page in (first, second, last)]
        assert pages == [["U1", "U2"], ["U3", "U4"], ["U5"]]
        assert last["response_metadata"]["next_cursor"] == ""
        assert first["members"][0]["tz"] == "Asia/Tokyo"
        with pytest.raises(SlackApiError, match="invalid_cursor"):
            client.users_list(limit=2, cursor="not a cursor")
        with pytest.raises(SlackApiError, match="invalid_limit"):
            client.users_list(limit=5000)


def test_users_list_is_tier_2_and_users_info_tier_4() -> None:
    timer = FakeTimer()
    limits = EnforcedLimits(burst=1)
    with FakeSlackApi(limits=limits, timer=timer) as fake:
        client = fake.client()
        client.users_list(limit=200)
        with pytest.raises(SlackApiError) as limited:
            client.users_list(limit=200)
        assert limited.value.response.headers["Retry-After"] == "3"  # 20 a minute
        client.users_info(user="U1")
        with pytest.raises(SlackApiError) as limited:
            client.users_info(user="U2")
        assert limited.value.response.headers["Retry-After"] == "1"  # 100 a minute
        timer.advance(3)
        assert client.users_list(limit=200)["ok"]


def test_a_post_to_a_user_id_and_to_their_dm_share_the_dms_limit() -> None:
    timer = FakeTimer()
    with FakeSlackApi(limits=EnforcedLimits(messages_per_minute=600), timer=timer) as fake:
        client = fake.client()
        assert client.chat_postMessage(channel="U1", text="by user id")["channel"] == "DU1"
        with pytest.raises(SlackApiError) as limited:
            client.chat_postMessage(channel="DU1", text="in the same DM within the second")
        assert limited.value.response.status_code == 429
        assert fake.calls_to("conversations.open") == []
