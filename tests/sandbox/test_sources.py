"""The demo's key results fed by sources: one read from the sandbox's own data endpoint, one
pushed from the page through the bot's webhook, all over real HTTP."""

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.sandbox.data_feed import DATA_PATH, alerts_on_percent, fans_document
from bot.sandbox.demo import FED_TITLE, SAM, WEBHOOK_TITLE
from bot.sandbox.pushes import PushTarget
from bot.sandbox.render.page import push_form
from bot.sandbox.web import LONG_POLL_S
from tests.sandbox.conftest import RunningSandbox, start_sandbox
from tests.sandbox.html_text import parse
from tests.sandbox.simulated import simulated_slack

HOME_WAIT_S = 30.0
JUMP_TIMEOUT_S = 180.0
TOKEN_PREFIX = "okr_kr_"
PUSH_BURST = 10  # pushes a key result's webhook takes in a row before it answers 429


def test_the_data_endpoint_moves_with_the_sandbox_clock() -> None:
    with simulated_slack(datetime(2026, 11, 30, 9, tzinfo=UTC)) as slack:
        host = {"Host": slack.origin.removeprefix("http://")}
        before = httpx.get(slack.origin + DATA_PATH, headers=host, timeout=5).json()
        slack.clock.set(datetime(2026, 12, 1, 9, tzinfo=UTC))
        after = httpx.get(slack.origin + DATA_PATH, headers=host, timeout=5).json()

    assert before == fans_document(datetime(2026, 11, 30, 9, tzinfo=UTC))
    assert after["alerts_on_percent"] != before["alerts_on_percent"]
    assert after["measured_at"] == "2026-12-01T09:00:00+00:00"


def test_the_fed_value_changes_a_little_from_one_day_to_the_next() -> None:
    start = datetime(2026, 11, 30, 9, tzinfo=UTC)
    for day in range(200):
        today = alerts_on_percent(start + timedelta(days=day))
        tomorrow = alerts_on_percent(start + timedelta(days=day + 1))
        assert 30 <= today <= 50 and 0 < abs(tomorrow - today) < 0.5


def test_the_push_form_names_its_key_result_and_escapes_its_title() -> None:
    parsed = parse(push_form(("KR-4", "<b>Sign-ups</b>")))

    tags = dict(parsed.tags)
    assert tags["form"]["id"] == "push" and tags["form"]["title"] == "<b>Sign-ups</b>"
    assert tags["input"]["id"] == "push-value" and "output" in tags
    assert "Push a value to KR-4" in parsed.text
    assert push_form(None) == ""


def test_a_push_target_never_shows_its_token() -> None:
    target = PushTarget("KR-4", "Sign-ups", "http://127.0.0.1:1/hooks/kr/KR-4", "okr_kr_secret")

    assert "secret" not in repr(target) and "secret" not in str(target)


def test_a_jump_updates_the_value_read_from_the_sandbox(sandbox: RunningSandbox) -> None:
    before, synced = home_value(sandbox, FED_TITLE), synced_at(sandbox, FED_TITLE)

    jumped = do(sandbox, "jump", {"kind": "day"}, timeout=JUMP_TIMEOUT_S)

    assert "The clock is at" in str(jumped["said"])
    after = wait_for_home(sandbox, FED_TITLE, lambda value: value != before)
    assert 30 <= after <= 50
    assert synced_at(sandbox, FED_TITLE) > synced


def test_a_push_from_the_page_reaches_the_bot(sandbox: RunningSandbox) -> None:
    page = httpx.get(sandbox.url, timeout=10).text
    reference = re.search(r"Push a value to <b>(KR-\d+)</b>", page)
    assert reference is not None

    accepted = do(sandbox, "push", {"value": "2345"})
    refused = do(sandbox, "push", {"value": "lots"})

    assert accepted["said"] == f"The bot answered 200: {reference.group(1)} is now 2345"
    assert str(refused["said"]).startswith("The bot answered 400:")
    assert "(field: value)" in str(refused["said"])
    assert wait_for_home(sandbox, WEBHOOK_TITLE, lambda value: value == 2345) == 2345


def test_the_webhook_token_is_never_written_down(sandbox: RunningSandbox) -> None:
    do(sandbox, "push", {"value": "2400"})
    page = httpx.get(sandbox.url, timeout=10).text
    saved = [
        path.read_bytes() for path in (sandbox.directory / "state").rglob("*") if path.is_file()
    ]

    assert TOKEN_PREFIX not in page and TOKEN_PREFIX not in sandbox.output()
    assert not any(TOKEN_PREFIX.encode() in data for data in saved)


def test_started_again_the_demo_reads_and_takes_pushes_at_its_new_address(
    tmp_path: Path,
) -> None:
    first = start_sandbox(tmp_path)
    synced = synced_at(first, FED_TITLE)
    assert first.stop() == 0

    again = start_sandbox(tmp_path)  # another free port, the same saved workspace
    try:
        assert again.port != first.port
        do(again, "jump", {"kind": "hour"}, timeout=JUMP_TIMEOUT_S)
        assert synced_at(again, FED_TITLE) > synced
        pushed = do(again, "push", {"value": "1234"})  # a new token, issued at this start
        assert str(pushed["said"]).startswith("The bot answered 200")
        said = [str(do(again, "push", {"value": str(n)})["said"]) for n in range(PUSH_BURST)]
        assert said[-1].startswith("The bot answered 429") and "retry after" in said[-1]
    finally:
        again.stop()


def do(
    sandbox: RunningSandbox, action: str, args: dict[str, object], timeout: float = 30
) -> dict[str, object]:
    answer = httpx.post(f"{sandbox.url}do/{action}", json={"as": SAM, **args}, timeout=timeout)
    assert answer.status_code == 200, answer.text
    document: dict[str, object] = answer.json()
    return document


def home_text(sandbox: RunningSandbox, after: int = -1) -> str:
    """Home's text as the page shows it; with `after`, once the workspace has moved past that
    version (the server holds the request until then, or for its long-poll time)."""
    return _home(sandbox, after)[1]


def _home(sandbox: RunningSandbox, after: int = -1) -> tuple[int, str]:
    query: dict[str, str | int] = {"as": SAM, "c": "home", "v": after}
    answer = httpx.get(f"{sandbox.url}regions", params=query, timeout=LONG_POLL_S + 10).json()
    return answer["version"], " ".join(parse(answer["regions"]["main"]).text.split())


def synced_at(sandbox: RunningSandbox, title: str) -> str:
    """When Home says the key result's source last synced (YYYY-MM-DD HH:MM, so it sorts)."""
    home_value(sandbox, title)  # Home opened again, and showing the key result
    text = home_text(sandbox)
    found = re.search(r"synced (\d{4}-\d\d-\d\d \d\d:\d\d)", text[text.index(title) :])
    assert found is not None, text
    return found.group(1)


def home_value(sandbox: RunningSandbox, title: str) -> float:
    return wait_for_home(sandbox, title, lambda _value: True)


def wait_for_home(sandbox: RunningSandbox, title: str, wanted: Callable[[float], bool]) -> float:
    """The value Home shows for the key result, once wanted; Home is opened again each time,
    as a person would, so that the bot redraws it, and each look waits for the workspace to
    change after the opening rather than for a fixed pause."""
    deadline = time.monotonic() + HOME_WAIT_S
    shown = None
    while time.monotonic() < deadline:
        before, _ = _home(sandbox)
        do(sandbox, "tab", {"tab": "home"})
        found = re.search(
            re.escape(title) + r" KR-\d+\S* \d+% ([\d.]+) /", home_text(sandbox, before)
        )
        shown = float(found.group(1)) if found else None
        if shown is not None and wanted(shown):
            return shown
    pytest.fail(f"Home did not show the value wanted for {title!r}; it showed {shown}")
