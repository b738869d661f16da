"""The real Bolt app on a real database and the fake Slack Web API, driven by signed requests."""

import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt import App, BoltResponse
from sqlalchemy import event

from bot.db.engine import Database
from bot.db.members import find_member
from bot.db.prompts import find_prompt
from bot.runtime import build_services, make_sender
from bot.services.registry import Services
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.delivery.sender import PacedSender
from bot.slack.listeners.after_ack import AfterAck
from tests.fakes.clock import FrozenClock
from tests.fakes.signing import (
    block_actions_body,
    block_suggestion_body,
    event_body,
    signed_request,
    slash_command_body,
    view_submission_body,
)
from tests.fakes.slack_api import Call, FakeSlackApi
from tests.fakes.timer import FakeTimer

SIGNING_SECRET = "test-signing-secret"


class TrackedExecutor(ThreadPoolExecutor):
    """Bolt's listener pool, which can tell when every listener has finished its work."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers, thread_name_prefix="listener")
        self._busy = threading.Condition()
        self._running = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> "Future[Any]":
        with self._busy:
            self._running += 1

        def tracked() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                with self._busy:
                    self._running -= 1
                    self._busy.notify_all()

        return super().submit(tracked)

    def wait_idle(self, timeout: float = 5.0) -> None:
        with self._busy:
            if not self._busy.wait_for(lambda: self._running == 0, timeout=timeout):
                raise AssertionError(f"listeners still busy after {timeout}s")


@dataclass(frozen=True)
class PostedPrompt:
    channel: str
    ts: str
    call: Call


@dataclass
class SlackHarness:
    app: App
    fake: FakeSlackApi
    database: Database
    clock: FrozenClock
    services: Services
    sender: PacedSender
    timer: FakeTimer
    listeners: TrackedExecutor | None = None
    after_ack: AfterAck | None = None

    def idle(self) -> None:
        """Wait until every listener has finished what it does after its acknowledgement,
        retries of failed Slack calls included."""
        assert self.listeners is not None and self.after_ack is not None
        self.listeners.wait_idle()
        assert self.after_ack.wait_until_idle(timeout=5), "work after the ack still pending"

    def command(
        self, text: str, user: str, channel: str = "C0GENERAL1", *, escape: bool = True
    ) -> BoltResponse:
        """Run `/okr text`; with escape=False the text is sent as is, e.g. Slack's own
        `<@U…|name>` for a picked person (Slack escapes only what was typed)."""
        body = slash_command_body(
            text=text,
            user_id=user,
            channel_id=channel,
            response_url=self.fake.response_url(),
            escape=escape,
        )
        return self.app.dispatch(signed_request(body, SIGNING_SECRET))

    def answer(
        self, text: str, user: str, channel: str = "C0GENERAL1", *, escape: bool = True
    ) -> dict[str, Any]:
        """Run `/okr text`, acknowledged at once with nothing to show; return the private answer
        that follows through response_url."""
        return self.answers(text, user, channel, escape=escape)[0]

    def answers(
        self,
        text: str,
        user: str,
        channel: str = "C0GENERAL1",
        *,
        escape: bool = True,
        count: int = 1,
    ) -> list[dict[str, Any]]:
        """The first `count` private answers of `/okr text`, after its empty acknowledgement."""
        before = len(self.fake.calls_to("response_url"))
        response = self.command(text, user, channel, escape=escape)
        assert (response.status, response.body) == (200, ""), "acknowledged at once, empty"
        posted = self.fake.wait_for("response_url", before + count)
        return [call.body for call in posted[before : before + count]]

    def posted_prompt(self, user: str, period: str) -> PostedPrompt:
        """The prompt DM as the member sees it: where it is, and what was posted."""
        with self.database.transaction() as session:
            member = find_member(session, user)
            assert member is not None and member.id is not None
            prompt = find_prompt(session, member.id, period)
            assert prompt is not None and prompt.channel_id and prompt.message_ts
        posts = self.fake.calls_to("chat.postMessage")
        call = next(c for c in reversed(posts) if c.channel == prompt.channel_id)
        return PostedPrompt(prompt.channel_id, prompt.message_ts, call)

    def click(
        self,
        action_id: str,
        value: str,
        user: str,
        message: "PostedPrompt | None" = None,
        *,
        action: dict[str, Any] | None = None,
    ) -> BoltResponse:
        """Click a button in a message the bot posted (or on the Home tab when no message);
        `action` overrides the clicked element, e.g. a select's chosen option."""
        if message is None:
            body = block_actions_body(action_id, value, user, view={"type": "home"}, action=action)
        else:
            posted = {"ts": message.ts, "blocks": message.call.body.get("blocks", [])}
            body = block_actions_body(
                action_id,
                value or None,
                user,
                message=posted,
                channel_id=message.channel,
                response_url=self.fake.response_url(),
                action=action,
            )
        return self.app.dispatch(signed_request(body, SIGNING_SECRET))

    def submit(
        self,
        view: dict[str, Any],
        values: dict[str, dict[str, Any]],
        user: str,
        *,
        settle: bool = True,
    ) -> BoltResponse:
        """Submit a modal the bot opened, with the given {block_id: {action_id: state}}; with
        `settle`, return once what follows the ack (a check-in's save, say) is done too."""
        body = view_submission_body(
            view["callback_id"],
            values,
            user,
            private_metadata=view.get("private_metadata", ""),
            blocks=view.get("blocks"),
        )
        response = self.app.dispatch(signed_request(body, SIGNING_SECRET))
        if settle:
            self.idle()
        return response

    def direct_message(self, user: str) -> str:
        """The text of the last message posted straight to `user` (their DM, by user id)."""
        posts = [
            c.body for c in self.fake.calls_to("chat.postMessage") if c.body["channel"] == user
        ]
        assert posts, f"nothing was posted to {user}"
        return "\n".join(
            [str(posts[-1].get("text", ""))]
            + [str(b.get("text", {}).get("text", "")) for b in posts[-1].get("blocks") or []]
        )

    def suggest(
        self, action_id: str, typed: str, user: str, view: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Type into an external select of `view`: the options the bot answers with."""
        body = block_suggestion_body(action_id, typed, user, view=view)
        response = self.app.dispatch(signed_request(body, SIGNING_SECRET))
        assert response.status == 200, response.body
        options: list[dict[str, Any]] = json_body(response)["options"]
        return options

    def event(self, event: dict[str, Any]) -> BoltResponse:
        return self.app.dispatch(signed_request(event_body(event), SIGNING_SECRET))


@contextmanager
def slack_harness(database: Database, clock: FrozenClock) -> Iterator[SlackHarness]:
    with FakeSlackApi() as fake:
        settings = Settings(
            slack_bot_token="xoxb-test-token",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake.base_url,
            okr_default_timezone="UTC",
        )
        client = fake.client()
        # A fake timer: pacing waits pass at once instead of sleeping the test.
        timer = FakeTimer()
        sender = make_sender(settings, timer)
        services = build_services(database, client, settings, clock, timer, sender)
        # Retries after a failed follow-up come quickly here, so tests wait fractions of a second.
        # A save after the ack waits briefly for a lock, so a test can outlast the wait.
        after_ack = AfterAck(retry_delays=(0.05, 0.1, 0.2), save_wait=timedelta(seconds=2))
        # Work a listener does after its acknowledgement must end before the fake Slack does.
        with TrackedExecutor(8) as listeners:
            app = build_app(
                services,
                client,
                SIGNING_SECRET,
                sender=sender,
                listener_executor=listeners,
                after_ack=after_ack,
            )
            yield SlackHarness(
                app, fake, database, clock, services, sender, timer, listeners, after_ack
            )
        # What the listeners handed over must end before the fake Slack does.
        after_ack.close()


def json_body(response: BoltResponse) -> dict[str, Any]:
    return json.loads(response.body) if response.body else {}


@contextmanager
def database_held(database: Database) -> Iterator[threading.Event]:
    """Every SQL statement of the bot's threads waits until the given event is set (at the
    latest when the block ends): shows what a listener does before it touches the database."""
    release = threading.Event()

    def hold(*_: object) -> None:
        if threading.current_thread() is not threading.main_thread():
            release.wait(timeout=10)

    event.listen(database.engine, "before_cursor_execute", hold)
    try:
        yield release
    finally:
        release.set()
        event.remove(database.engine, "before_cursor_execute", hold)
