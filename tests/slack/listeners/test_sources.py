"""`/okr edit KR-12`'s Data source section through Slack, against a real local source server."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from bot.db.models import KRContributor
from bot.domain.sources import HttpJsonSource, WebhookSource
from bot.slack import ids
from bot.slack.ids import Action
from tests.fakes.source_server import Reply, SourceServer
from tests.seed import ALICE, BOB, LEAD, Seeded
from tests.slack.authoring_steps import (
    State,
    act_in_modal,
    key_result_state,
    member_id,
    open_modal,
)
from tests.slack.harness import SlackHarness, json_body


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as served:
        yield served


def _entry(block_id: str, state: dict[str, Any]) -> State:
    return {block_id: {block_id: state}}


def _text(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def _source_state(
    kind: str, url: str = "", pick: str = "", every: str = "", headers: str = ""
) -> State:
    chosen = {"text": {"type": "plain_text", "text": kind}, "value": kind}
    return (
        _entry(ids.KIND_BLOCK, {"type": "static_select", "selected_option": chosen})
        | _entry(ids.URL_BLOCK, _text(url or None))
        | _entry(ids.PICK_BLOCK, _text(pick or None))
        | _entry(ids.EVERY_BLOCK, _text(every or None))
        | _entry(ids.HEADERS_BLOCK, _text(headers or None))
    )


def _form(source: State, owner: str = ALICE) -> State:
    churn = key_result_state(
        None, "Monthly churn", owner, kr_type="decrease_to", start="8", target="4"
    )
    return churn | source


def _block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def _test(slack: SlackHarness, view: dict[str, Any], state: State, user: str) -> str:
    updated = act_in_modal(slack, view, Action.SOURCE_TEST, ids.TEST_BLOCK, state, user)
    return str(_block(updated, ids.RESULT_BLOCK)["elements"][0]["text"])


def test_the_owner_sees_the_saved_source_and_tests_the_typed_one(
    slack: SlackHarness, seeded: Seeded, server: SourceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = HttpJsonSource(server.url("/old"), "fans", timedelta(minutes=15))
    slack.services.sources.set_source(seeded.churn_kr, saved)
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", ALICE)
    assert _block(view, ids.KIND_BLOCK)["element"]["initial_option"]["value"] == "http_json"
    assert _block(view, ids.URL_BLOCK)["element"]["initial_value"] == server.url("/old")
    assert _block(view, ids.PICK_BLOCK)["element"]["initial_value"] == "fans"
    assert _block(view, ids.EVERY_BLOCK)["element"]["initial_value"] == "15m"

    monkeypatch.setenv("FANS_TOKEN", "s3cret")
    url = server.json("/fans", {"data": {"fans": 4321.5}})
    state = _source_state(
        "http_json", url, "data.fans", "1h", "Authorization: Bearer ${FANS_TOKEN}"
    )
    assert "*4321.5*" in _test(slack, view, _form(state), ALICE)
    [seen] = [r for r in server.requests if r.path == "/fans"]
    assert seen.headers["Authorization"] == "Bearer s3cret"

    server.serve("/broken", Reply(status=503))
    broken = _source_state("http_json", server.url("/broken"), "data.fans")
    assert "Test failed" in (said := _test(slack, view, _form(broken), ALICE)) and "503" in said
    missing = _source_state("http_json", url, "data.fans", headers="X-Api-Key: ${NOT_SET_HERE}")
    assert "NOT_SET_HERE" in _test(slack, view, _form(missing), ALICE)
    assert slack.services.sources.source_of(seeded.churn_kr).spec == saved  # type: ignore[union-attr]


def test_saving_stores_the_source_with_its_variable_as_written(
    slack: SlackHarness, seeded: Seeded, server: SourceServer
) -> None:
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", ALICE)
    assert _block(view, ids.KIND_BLOCK)["element"]["initial_option"]["value"] == "none"
    url = server.json("/fans", {"fans": 12})
    state = _source_state("http_json", url, "fans", "30m", "Authorization: Bearer ${FANS_TOKEN}")
    assert json_body(slack.submit(view, _form(state), ALICE)) == {}
    stored = slack.services.sources.source_of(seeded.churn_kr)
    assert stored is not None and stored.spec == HttpJsonSource(
        url, "fans", timedelta(minutes=30), (("Authorization", "Bearer ${FANS_TOKEN}"),)
    )
    # Webhook: said how to get a token, none shown; then removed with kind none.
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", ALICE)
    slack.fake.clear()
    assert json_body(slack.submit(view, _form(_source_state("webhook")), ALICE)) == {}
    [call] = slack.fake.wait_for("chat.postEphemeral")
    assert f"okr-bot sources token KR-{seeded.churn_kr}" in str(call.body["blocks"])
    assert slack.services.sources.source_of(seeded.churn_kr).spec == WebhookSource()  # type: ignore[union-attr]
    assert json_body(slack.submit(view, _form(_source_state("none")), ALICE)) == {}
    assert slack.services.sources.source_of(seeded.churn_kr) is None


@pytest.mark.parametrize(
    ("state", "block_id", "says"),
    [
        (_source_state("http_json", "ftp://x/y", "a"), ids.URL_BLOCK, "http://"),
        (_source_state("http_json", "http://x/y", "a[", "1h"), ids.PICK_BLOCK, "path"),
        (_source_state("http_json", "http://x/y", "a", "1m"), ids.EVERY_BLOCK, "at least 5m"),
        (_source_state("csv", "http://x/y", "B7\nrow: Total"), ids.PICK_BLOCK, "either a cell"),
        (
            _source_state("http_json", "http://x/y", "a", headers="Authorization: Bearer abc"),
            ids.HEADERS_BLOCK,
            "${NAME}",
        ),
        (
            _source_state("prometheus", "http://x/", "", headers="no colon"),
            ids.HEADERS_BLOCK,
            "Name: value",
        ),
    ],
)
def test_a_bad_field_comes_back_on_it(
    slack: SlackHarness, seeded: Seeded, state: State, block_id: str, says: str
) -> None:
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", ALICE)
    errors = json_body(slack.submit(view, _form(state), ALICE))["errors"]
    assert list(errors) == [block_id] and says in errors[block_id]
    assert slack.services.sources.source_of(seeded.churn_kr) is None


def test_a_lead_may_set_it_a_contributor_neither_sees_nor_forges_it(
    slack: SlackHarness, seeded: Seeded, server: SourceServer
) -> None:
    with slack.database.transaction() as session:
        session.add(
            KRContributor(key_result_id=seeded.churn_kr, member_id=member_id(slack.database, BOB))
        )
    url = server.json("/fans", {"fans": 3})
    as_bob = open_modal(slack, f"edit KR-{seeded.churn_kr}", BOB)
    assert all(not str(b.get("block_id", "")).startswith("source.") for b in as_bob["blocks"])
    # Alice's form, replayed by Bob with a source in it: refused, nothing saved.
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", ALICE)
    response = json_body(slack.submit(view, _form(_source_state("http_json", url, "fans")), BOB))
    assert response["response_action"] == "update"
    assert "can set its data source" in str(response["view"])
    assert slack.services.sources.source_of(seeded.churn_kr) is None
    said = _test(slack, view, _form(_source_state("http_json", url, "fans")), BOB)
    assert "can set its data source" in said and "/fans" not in server.paths()
    # The team's lead sees the section and saves it.
    view = open_modal(slack, f"edit KR-{seeded.churn_kr}", LEAD)
    assert json_body(slack.submit(view, _form(_source_state("http_json", url, "fans")), LEAD)) == {}
    assert slack.services.sources.source_of(seeded.churn_kr) is not None
