"""One `okr-bot sandbox` process for the tests that need the whole thing running."""

import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_process import OKR_BOT, RunningBot, clean_env

# Migrating and living through five demo weeks (charts included) on a busy 2-core machine.
START_DEADLINE_S = 120.0
STOP_DEADLINE_S = 20.0
ADDRESS = re.compile(r"open (http://127\.0\.0\.1:(\d+)/) ")


@dataclass
class RunningSandbox(RunningBot):
    port: int = 0


def start_sandbox(directory: Path) -> RunningSandbox:
    arguments = [OKR_BOT, "sandbox", "--port", "0", "--dir", str(directory / "state")]
    with (directory / "stdout.log").open("wb") as out, (directory / "stderr.log").open("wb") as err:
        process = subprocess.Popen(  # noqa: S603 -- our own console script
            arguments, cwd=directory, env=clean_env(), stdout=out, stderr=err
        )
    deadline = time.monotonic() + START_DEADLINE_S
    while time.monotonic() < deadline:
        found = ADDRESS.search((directory / "stdout.log").read_text(encoding="utf-8"))
        if found:
            url, port = found.group(1), int(found.group(2))
            return RunningSandbox(process, url, directory, STOP_DEADLINE_S, port)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    process.wait()
    log = (directory / "stdout.log").read_text() + (directory / "stderr.log").read_text()
    pytest.fail(f"okr-bot sandbox printed no address within {START_DEADLINE_S}s:\n{log}")


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("sandbox"))
    yield running
    if running.process.poll() is None:
        running.stop()
