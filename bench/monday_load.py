"""People at their keyboards: signed Slack requests over HTTP, timed from send to answer.

Each person clicks *Check in*, submits the modal the app opened, opens Home, and runs
`/okr list team NAME` and `/okr digest`, one after another; a round starts them all at once.
"""

import http.client
import itertools
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench.monday_seed import PERIOD, team_of
from bench.monday_slack import Arrivals
from bot.slack.ids import Action, Callback, parse_kr_block_id
from tests.fakes.signing import (
    block_actions_body,
    event_body,
    http_headers,
    slash_command_body,
    view_submission_body,
)

Samples = dict[str, list[float]]
_serial = itertools.count(1)


class Slack:
    """The fake Slack as the people's side sees it: where answers go, and when they arrived."""

    def __init__(self, origin: str, arrivals: Arrivals) -> None:
        self._origin, self.arrivals = origin, arrivals

    def response_url(self, request: str) -> str:
        return f"{self._origin}/response/{request}?req={request}"


class Target:
    """One app on loopback: signed POSTs to /slack/events, one kept-alive connection a thread."""

    def __init__(self, name: str, port: int, secret: str, *, answers: bool = True) -> None:
        self.name, self.port, self._secret = name, port, secret
        self.answers = answers  # False: only acknowledges, so there is no answer to wait for
        self._local = threading.local()

    def post(self, body: str) -> tuple[int, bytes, float]:
        """Status, body and seconds from sending the request to reading the whole answer."""
        headers = http_headers(body, self._secret)
        for attempt in (1, 2):
            connection = self._connection(fresh=attempt == 2)
            began = time.monotonic()
            try:
                connection.request("POST", "/slack/events", body.encode(), headers)
                answer = connection.getresponse()
                data = answer.read()
            except (OSError, http.client.HTTPException):
                if attempt == 2:
                    raise
                continue
            return answer.status, data, time.monotonic() - began
        raise AssertionError("unreachable")

    def _connection(self, *, fresh: bool) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None or fresh:
            if connection is not None:
                connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self._local.connection = connection
        return connection


class Person:
    def __init__(self, user: str, target: Target, slack: Slack, samples: Samples) -> None:
        self.user, self.target, self.slack, self.samples = user, target, slack, samples
        self.failures: list[str] = []

    def morning(self) -> None:
        view = self._click_check_in()
        if view is not None:
            self._timed("submit", self._submission(view))
        self._timed("home opened", event_body({"type": "app_home_opened", "user": self.user}))
        self._command("list", f"list team {team_of(self.user)}")
        self._command("digest", "digest")

    def _timed(self, what: str, body: str) -> bytes:
        status, data, seconds = self.target.post(body)
        self.samples[f"ack: {what}"].append(seconds)
        if status != 200:
            self.failures.append(f"{what}: HTTP {status}")
        return data

    def _click_check_in(self) -> dict[str, Any] | None:
        trigger = f"{next(_serial)}.{uuid.uuid4().hex}"
        body = block_actions_body(
            Action.CHECK_IN, PERIOD, self.user, view={"type": "home"}, trigger_id=trigger
        )
        sent = time.monotonic()
        self._timed("click Check in", body)
        arrived = self.slack.arrivals.arrival("views.open", trigger)
        if arrived is None:
            self.failures.append("views.open never came")
            return None
        self.samples["click → views.open"].append(arrived[0] - sent)
        view: dict[str, Any] = arrived[1]["view"]
        return view

    def _submission(self, view: dict[str, Any]) -> str:
        values: dict[str, dict[str, Any]] = defaultdict(dict)
        for block in view.get("blocks", []):
            found = parse_kr_block_id(str(block.get("block_id") or ""))
            element = block.get("element") or {}
            if found is None or not element:
                continue
            kind = element.get("type")
            state: dict[str, Any] = {"type": kind, "value": element.get("initial_value")}
            if kind == "number_input":
                state["value"] = "7" if found[1] == "confidence" else "55"
            elif kind == "checkboxes":
                state = {"type": kind, "selected_options": []}
            values[block["block_id"]][element["action_id"]] = state
        return view_submission_body(
            view.get("callback_id") or Callback.CHECKIN_MODAL,
            values,
            self.user,
            private_metadata=view.get("private_metadata") or "",
        )

    def _command(self, what: str, text: str) -> None:
        request = f"{next(_serial)}-{uuid.uuid4().hex[:8]}"
        url = self.slack.response_url(request)
        body = slash_command_body(text=text, user_id=self.user, response_url=url)
        sent = time.monotonic()
        data = self._timed(f"/okr {what}", body)
        if data.strip():  # answered in the acknowledgement itself
            self.samples[f"/okr {what} → answer"].append(time.monotonic() - sent)
            return
        if not self.target.answers:
            return
        arrived = self.slack.arrivals.arrival("response_url", request)
        if arrived is None:
            self.failures.append(f"/okr {what}: no answer")
        else:
            self.samples[f"/okr {what} → answer"].append(arrived[0] - sent)


def run_round(users: list[str], target: Target, slack: Slack, samples: Samples) -> list[str]:
    """Everyone starts at once; returns what went wrong."""
    people = [Person(user, target, slack, samples) for user in users]
    start = threading.Barrier(len(people))

    def go(person: Person) -> None:
        start.wait()
        person.morning()

    with ThreadPoolExecutor(len(people)) as pool:
        for done in [pool.submit(go, person) for person in people]:
            done.result()
    return [failure for person in people for failure in person.failures]


def samples() -> Samples:
    return defaultdict(list)
