"""Run the installed `okr-bot` command as a new user would: clean environment, own directory."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest

# The console script installed next to the interpreter running the tests (the venv's bin/).
OKR_BOT = str(Path(sys.executable).parent / "okr-bot")
_SETTING_PREFIXES = ("SLACK_", "OKR_")
_SETTING_NAMES = frozenset({"DATABASE_URL", "PORT"})
EXIT_DEADLINE = 10.0
START_UP_DEADLINE = 15.0  # seconds to wait for /healthz; readiness, not a speed target


class CliResult(NamedTuple):
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    def assert_one_line_failure(self, *expected: str) -> None:
        """Failed with exactly one line on stderr, no traceback, containing every `expected`."""
        assert self.code != 0, self
        assert "Traceback" not in self.err, self.err
        assert len(self.err_lines) == 1, f"expected one line on stderr, got:\n{self.err}"
        assert all(text in self.err_lines[0] for text in expected), self.err_lines[0]


def clean_env(**settings: str) -> dict[str, str]:
    """This process's environment without any bot setting, plus `settings` (NAME=value)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.upper().startswith(_SETTING_PREFIXES) and name.upper() not in _SETTING_NAMES
    }
    env["PYTHONUNBUFFERED"] = "1"
    return env | settings


def run_cli(
    *args: str,
    cwd: Path,
    settings: Mapping[str, str] | None = None,
    timeout: float = 60,
    program: Sequence[str] = (OKR_BOT,),
) -> CliResult:
    """`okr-bot ARGS` in `cwd` with only `settings` configured; never raises on failure."""
    done = subprocess.run(  # noqa: S603 -- our own console script, fixed arguments
        [*program, *args],
        cwd=cwd,
        env=clean_env(**(settings or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


@dataclass
class RunningBot:
    """An `okr-bot` process started in `directory`, its output in stdout.log and stderr.log."""

    process: "subprocess.Popen[bytes]"
    url: str
    directory: Path
    exit_deadline: float = EXIT_DEADLINE

    def output(self) -> str:
        return "".join(
            (self.directory / name).read_text(encoding="utf-8", errors="replace")
            for name in ("stdout.log", "stderr.log")
        )

    def wait_for_output(self, text: str, timeout: float) -> None:
        """Until `text` appears in the process's output; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} did not appear within {timeout}s:\n{self.output()}")
            time.sleep(0.05)

    def stop(self) -> int:
        """SIGTERM, then the exit code; kills it (and fails) if it does not exit in time."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=self.exit_deadline)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(
                f"okr-bot did not exit within {self.exit_deadline}s of SIGTERM:\n{self.output()}"
            )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_run(directory: Path, settings: Mapping[str, str]) -> RunningBot:
    """`okr-bot run` in HTTP mode in `directory` with `settings` (PORT among them), once its
    /healthz answers 200."""
    with (directory / "stdout.log").open("wb") as out, (directory / "stderr.log").open("wb") as err:
        process = subprocess.Popen(  # noqa: S603 -- our own console script
            [OKR_BOT, "run"], cwd=directory, env=clean_env(**settings), stdout=out, stderr=err
        )
    bot = RunningBot(process, f"http://127.0.0.1:{settings['PORT']}", directory)
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
