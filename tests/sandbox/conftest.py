"""One `okr-bot sandbox` process for the tests that need the whole thing running, and a
simulated Slack for those that need only its Web API."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_process import OKR_BOT, RunningBot, clean_env, start_piped
from tests.sandbox.simulated import Simulated, simulated_slack

# Migrating and living through five demo weeks (charts included) on a busy 2-core machine.
START_DEADLINE_S = 120.0
STOP_DEADLINE_S = 20.0
ADDRESS = re.compile(r"open (http://127\.0\.0\.1:(\d+)/) ")
ANNOUNCED = "open http://127.0.0.1:"


@dataclass
class RunningSandbox(RunningBot):
    port: int = 0


def start_sandbox(directory: Path) -> RunningSandbox:
    arguments = [OKR_BOT, "sandbox", "--port", "0", "--dir", str(directory / "state")]
    written, process = start_piped(arguments, directory, clean_env())
    if written.wait_for(ANNOUNCED, START_DEADLINE_S):
        found = ADDRESS.search(written.text())
        assert found is not None, written.text()
        url, port = found.group(1), int(found.group(2))
        return RunningSandbox(process, url, directory, written, STOP_DEADLINE_S, port)
    process.kill()
    process.wait()
    pytest.fail(f"okr-bot sandbox printed no address within {START_DEADLINE_S}s:\n{written.text()}")


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("sandbox"))
    yield running
    if running.process.poll() is None:
        running.stop()


@pytest.fixture
def slack() -> Iterator[Simulated]:
    with simulated_slack() as simulated:
        yield simulated
