"""Run the installed `okr-bot` command as a new user would: clean environment, own directory."""

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest

# The console script installed next to the interpreter running the tests (the venv's bin/).
OKR_BOT = str(Path(sys.executable).parent / "okr-bot")
_SETTING_PREFIXES = ("SLACK_", "OKR_")
_SETTING_NAMES = frozenset({"DATABASE_URL", "PORT"})
EXIT_DEADLINE = 10.0


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
