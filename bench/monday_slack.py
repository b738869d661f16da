"""The fake Slack Web API in a process of its own, reporting when the calls that end a wait arrive.

Run by `bench.monday`: prints `{"ready": BASE_URL, "origin": ORIGIN}`, then one JSON line per
views.open (keyed by trigger_id, with the view) and per response_url post (keyed by its `req`
query parameter), stamped with `time.monotonic()`, which is the same clock in every process.
"""

import argparse
import json
import sys
import threading
import time
from typing import IO, Any

from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_limits import EnforcedLimits

ANSWER_TIMEOUT_S = 10.0
_KEYS = {"views.open": "trigger_id", "response_url": "req"}


class ReportingSlack(FakeSlackApi):
    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._out, self._lock = out, threading.Lock()

    def _answer(self, method: str, body: dict[str, Any], token: str | None) -> Any:
        key = _KEYS.get(method)
        if key and body.get(key):
            line = {"method": method, "key": str(body[key]), "t": time.monotonic()}
            line["view"] = body.get("view")
            with self._lock:
                self._out.write(json.dumps(line) + "\n")
                self._out.flush()
        return super()._answer(method, body, token)


class Arrivals:
    """The benchmark's side: reads the fake's reports and waits for the one it needs."""

    def __init__(self, reports: IO[str]) -> None:
        self._seen: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        self._changed = threading.Condition()
        threading.Thread(target=self._read, args=(reports,), daemon=True).start()

    def arrival(self, method: str, key: str) -> tuple[float, dict[str, Any]] | None:
        """When (time.monotonic) and with what body the call arrived; None: not in time."""
        with self._changed:
            self._changed.wait_for(lambda: (method, key) in self._seen, ANSWER_TIMEOUT_S)
            return self._seen.get((method, key))

    def _read(self, reports: IO[str]) -> None:
        for line in reports:
            report = json.loads(line)
            with self._changed:
                self._seen.setdefault((report["method"], report["key"]), (report["t"], report))
                self._changed.notify_all()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages-per-minute", type=int, default=100)
    args = parser.parse_args()
    limits = EnforcedLimits(messages_per_minute=args.messages_per_minute)
    with ReportingSlack(sys.stdout, validate_blocks=False, limits=limits) as slack:
        origin = slack.base_url.removesuffix("/api/")
        print(json.dumps({"ready": slack.base_url, "origin": origin}), flush=True)
        for line in sys.stdin:
            if line.strip() == "quit":
                break


if __name__ == "__main__":
    main()
