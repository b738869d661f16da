"""Run the installed `okr-bot` command as a new user would: clean environment, own directory."""

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

import httpx
import pytest

# The console script installed next to the interpreter running the tests (the venv's bin/).
OKR_BOT = str(Path(sys.executable).parent / "okr-bot")
_SETTING_PREFIXES = ("SLACK_", "OKR_")
_SETTING_NAMES = frozenset({"DATABASE_URL", "PORT"})
EXIT_DEADLINE = 10.0
START_UP_DEADLINE = 15.0  # seconds to wait for readiness, not a speed target
LISTENING = "OKR Bot is listening on"


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


class Output:
    """Everything a process writes to stdout and stderr, read as it arrives by two threads;
    waiters wake on each new line instead of polling."""

    def __init__(self, process: "subprocess.Popen[bytes]") -> None:
        self._text = ""
        self._open = 2
        self._changed = threading.Condition()
        for stream in (process.stdout, process.stderr):
            assert stream is not None, "start the process with stdout and stderr piped"
            threading.Thread(target=self._drain, args=(stream,), daemon=True).start()

    def _drain(self, stream: IO[bytes]) -> None:
        for line in iter(stream.readline, b""):
            with self._changed:
                self._text += line.decode("utf-8", errors="replace")
                self._changed.notify_all()
        stream.close()
        with self._changed:
            self._open -= 1
            self._changed.notify_all()

    def text(self) -> str:
        with self._changed:
            return self._text

    def wait_for(self, text: str, timeout: float) -> bool:
        """Whether `text` was written within `timeout` seconds (False at once if both streams
        closed without it)."""
        with self._changed:
            self._changed.wait_for(lambda: text in self._text or not self._open, timeout)
            return text in self._text

    def wait_closed(self, timeout: float) -> None:
        """Until both streams are read to their end (the process has exited), so that
        `text()` holds everything it wrote."""
        with self._changed:
            self._changed.wait_for(lambda: not self._open, timeout)


def start_piped(
    arguments: Sequence[str], directory: Path, env: Mapping[str, str]
) -> tuple[Output, "subprocess.Popen[bytes]"]:
    """`arguments` started in `directory`, its output read into an `Output` as it comes."""
    process = subprocess.Popen(  # noqa: S603 -- our own console script
        arguments, cwd=directory, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    return Output(process), process


@dataclass
class RunningBot:
    """An `okr-bot` process started in `directory`, its output read as it is written."""

    process: "subprocess.Popen[bytes]"
    url: str
    directory: Path
    written: Output
    exit_deadline: float = EXIT_DEADLINE

    def output(self) -> str:
        return self.written.text()

    def wait_for_output(self, text: str, timeout: float) -> None:
        """Until `text` appears in the process's output; fails after `timeout` seconds."""
        if not self.written.wait_for(text, timeout):
            pytest.fail(f"{text!r} did not appear within {timeout}s:\n{self.output()}")

    def stop(self) -> int:
        """SIGTERM, then the exit code; kills it (and fails) if it does not exit in time."""
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=self.exit_deadline)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(
                f"okr-bot did not exit within {self.exit_deadline}s of SIGTERM:\n{self.output()}"
            )
        self.written.wait_closed(self.exit_deadline)
        return code


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_run(directory: Path, settings: Mapping[str, str]) -> RunningBot:
    """`okr-bot run` in HTTP mode in `directory` with `settings` (PORT among them), once it
    says it is listening and its /healthz answers 200."""
    written, process = start_piped([OKR_BOT, "run"], directory, clean_env(**settings))
    bot = RunningBot(process, f"http://127.0.0.1:{settings['PORT']}", directory, written)
    if not written.wait_for(LISTENING, START_UP_DEADLINE):
        process.kill()
        process.wait()
        pytest.fail(
            f"okr-bot run did not start listening within {START_UP_DEADLINE}s"
            f" (exit code {process.returncode}):\n{bot.output()}"
        )
    # The socket is bound before the line is logged, so the first request is answered.
    health = httpx.get(f"{bot.url}/healthz", timeout=START_UP_DEADLINE)
    assert health.status_code == 200, (health.text, bot.output())
    return bot
