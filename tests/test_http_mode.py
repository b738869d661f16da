"""`okr-bot run` in HTTP mode end to end: health, signed Slack requests, 401s, 404, SIGTERM."""

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.cli_process import OKR_BOT, RunningBot, clean_env, run_cli
from tests.fakes.signing import http_headers, slash_command_body
from tests.fakes.slack_api import FakeSlackApi

SECRET = "http-mode-signing-secret"
START_UP_DEADLINE = 15.0  # seconds to wait for /healthz; readiness, not a speed target


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _settings(directory: Path, fake: FakeSlackApi, port: int) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": "xoxb-http-mode-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.base_url,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{directory}/okr-bot.sqlite3",
    }


def start_bot(directory: Path, fake: FakeSlackApi, **settings: str) -> RunningBot:
    port = _free_port()
    env = clean_env(**_settings(directory, fake, port), **settings)
    with (directory / "stdout.log").open("wb") as out, (directory / "stderr.log").open("wb") as err:
        process = subprocess.Popen(  # noqa: S603 -- our own console script
            [OKR_BOT, "run"], cwd=directory, env=env, stdout=out, stderr=err
        )
    bot = RunningBot(process, f"http://127.0.0.1:{port}", directory)
    deadline = time.monotonic() + START_UP_DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"okr-bot run exited with {process.returncode}:\n{bot.output()}")
        try:
            if httpx.get(f"{bot.url}/healthz", timeout=1).status_code == 200:
                return bot
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    process.kill()
    process.wait()
    pytest.fail(f"/healthz did not answer 200 within {START_UP_DEADLINE}s:\n{bot.output()}")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as api:
        yield api


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, fake: FakeSlackApi) -> Iterator[RunningBot]:
    running = start_bot(tmp_path_factory.mktemp("http"), fake)
    yield running
    if running.process.poll() is None:
        running.stop()


def _post_command(bot: RunningBot, body: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{bot.url}/slack/events", content=body, headers=headers, timeout=10)


def test_healthz_answers_ok(bot: RunningBot) -> None:
    response = httpx.get(f"{bot.url}/healthz", timeout=10)

    assert response.status_code == 200
    assert response.text.strip() == "ok"


def test_signed_help_command_gets_an_ephemeral_list_of_commands(
    bot: RunningBot, fake: FakeSlackApi
) -> None:
    body = slash_command_body(text="help", response_url=fake.response_url())

    response = _post_command(bot, body, http_headers(body, SECRET))

    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["response_type"] == "ephemeral"
    assert "/okr checkin" in json.dumps(answer["blocks"])


def test_a_forged_signature_is_rejected_with_401(bot: RunningBot) -> None:
    body = slash_command_body(text="help")

    response = _post_command(bot, body, http_headers(body, "not-the-signing-secret"))

    assert response.status_code == 401


def test_a_ten_minute_old_timestamp_is_rejected_with_401(bot: RunningBot) -> None:
    body = slash_command_body(text="help")
    stale = int(time.time()) - 600

    response = _post_command(bot, body, http_headers(body, SECRET, timestamp=stale))

    assert response.status_code == 401


def test_an_unknown_path_is_404(bot: RunningBot) -> None:
    assert httpx.get(f"{bot.url}/nope", timeout=10).status_code == 404


def test_sigterm_stops_the_bot_with_exit_code_0_and_no_traceback(
    tmp_path: Path, fake: FakeSlackApi
) -> None:
    bot = start_bot(tmp_path, fake)
    body = slash_command_body(text="help")
    assert _post_command(bot, body, http_headers(body, SECRET)).status_code == 200

    code = bot.stop()

    assert code == 0, bot.output()
    assert "Traceback" not in bot.output()


def _accepts(host: str, url: str) -> bool:
    """Whether the bot at `url` accepts a connection made to `host` on its port."""
    try:
        with socket.create_connection((host, int(url.rsplit(":", 1)[1])), timeout=2):
            return True
    except OSError:
        return False


# Linux routes all of 127.0.0.0/8 to the loopback interface: 127.0.0.2 is another address.
other_loopback = pytest.mark.skipif(sys.platform != "linux", reason="needs 127.0.0.2 (Linux)")


@other_loopback
def test_by_default_the_bot_listens_on_every_interface(bot: RunningBot) -> None:
    assert _accepts("127.0.0.2", bot.url)
    assert "listening on 0.0.0.0 port" in bot.output()


@other_loopback
def test_okr_http_host_binds_the_bot_to_that_address_only(
    tmp_path: Path, fake: FakeSlackApi
) -> None:
    bot = start_bot(tmp_path, fake, OKR_HTTP_HOST="127.0.0.1")
    try:
        assert httpx.get(f"{bot.url}/healthz", timeout=10).status_code == 200
        assert not _accepts("127.0.0.2", bot.url)
        assert "listening on 127.0.0.1 port" in bot.output()
    finally:
        assert bot.stop() == 0


def test_an_address_the_machine_does_not_have_stops_the_start_with_one_line(
    tmp_path: Path, fake: FakeSlackApi
) -> None:
    # 192.0.2.1 is TEST-NET-1: documentation only, never an address of this machine.
    settings = _settings(tmp_path, fake, _free_port()) | {"OKR_HTTP_HOST": "192.0.2.1"}

    result = run_cli("run", cwd=tmp_path, settings=settings, timeout=30)

    result.assert_one_line_failure("OKR_HTTP_HOST", "192.0.2.1")
