"""The simulated workspace's state: one lock, a version that the page waits on, a JSON copy."""

import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.sandbox.model import (
    BOT_NAME,
    BOT_USER_ID,
    Channel,
    Json,
    Message,
    Problem,
    SharedFile,
    User,
    View,
)

MAX_PROBLEMS = 50
T = TypeVar("T")


class Workspace:
    """Everything Slack would know; every change bumps `version` and wakes the page."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self.now = now
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.messages: list[Message] = []
        self.views: dict[str, View] = {}
        self.modals: dict[str, list[str]] = {}  # person → their stack of modal view ids
        self.homes: dict[str, str] = {}  # person → their published Home view id
        self.files: dict[str, SharedFile] = {}
        self.problems: list[Problem] = []
        self.version = 0
        self._serial = 0
        self._last_ts = 0
        self._cond = threading.Condition(threading.RLock())
        self.add_user(User(BOT_USER_ID, "okr-bot", BOT_NAME, "UTC", is_bot=True))

    @contextmanager
    def change(self) -> Iterator[None]:
        """Hold the lock for a change; the page hears of it when the block ends."""
        with self._cond:
            yield
            self.version += 1
            self._cond.notify_all()

    def read(self, reader: Callable[[], T]) -> T:
        with self._cond:
            return reader()

    def wait_for_change(self, since: int, timeout: float) -> int:
        with self._cond:
            self._cond.wait_for(lambda: self.version != since, timeout=timeout)
            return self.version

    def next_id(self, prefix: str) -> str:
        with self._cond:
            self._serial += 1
            return f"{prefix}0{self._serial:08d}"

    def next_ts(self) -> str:
        """A message timestamp on the sandbox clock, always later than the last one."""
        with self._cond:
            micros = max(int(self.now().timestamp() * 1_000_000), self._last_ts + 1)
            self._last_ts = micros
            return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def add_user(self, user: User) -> None:
        with self.change():
            self.users[user.id] = user

    def add_channel(self, channel: Channel) -> None:
        with self.change():
            self.channels[channel.id] = channel

    def dm_with(self, user_id: str) -> Channel:
        """The bot's DM with a person, opened on first use as Slack does."""
        with self.change():
            channel_id = "D" + user_id[1:]
            if channel_id not in self.channels:
                name = self.users[user_id].name if user_id in self.users else user_id
                members = [BOT_USER_ID, user_id]
                self.channels[channel_id] = Channel(channel_id, name, members, is_im=True)
            return self.channels[channel_id]

    def find_message(self, channel: str, ts: str) -> Message | None:
        with self._cond:
            return next((m for m in self.messages if m.channel == channel and m.ts == ts), None)

    def add_problem(self, source: str, error: str, details: list[str] | None = None) -> None:
        with self.change():
            at = self.now().isoformat(timespec="seconds")
            self.problems.append(Problem(at, source, error, list(details or [])))
            del self.problems[:-MAX_PROBLEMS]

    def display_name(self, user_id: str) -> str:
        user = self.users.get(user_id)
        return user.real_name if user else user_id

    def to_json(self) -> Json:
        with self._cond:
            return {
                "users": [dataclasses.asdict(u) for u in self.users.values()],
                "channels": [dataclasses.asdict(c) for c in self.channels.values()],
                "messages": [dataclasses.asdict(m) for m in self.messages],
                "views": [dataclasses.asdict(v) for v in self.views.values()],
                "modals": self.modals,
                "homes": self.homes,
                "files": [dataclasses.asdict(f) for f in self.files.values()],
                "problems": [dataclasses.asdict(p) for p in self.problems],
                "serial": self._serial,
                "last_ts": self._last_ts,
            }

    def load_json(self, data: Json) -> None:
        with self.change():
            self.users = {u["id"]: User(**u) for u in data["users"]}
            self.channels = {c["id"]: Channel(**c) for c in data["channels"]}
            self.messages = [Message(**m) for m in data["messages"]]
            self.views = {v["id"]: View(**v) for v in data["views"]}
            self.modals = {k: list(v) for k, v in data["modals"].items()}
            self.homes = dict(data["homes"])
            self.files = {f["id"]: SharedFile(**f) for f in data["files"]}
            self.problems = [Problem(**p) for p in data["problems"]]
            self._serial = int(data["serial"])
            self._last_ts = int(data["last_ts"])


def save(workspace: Workspace, path: Path, extra: dict[str, Any]) -> None:
    """Write the workspace (and the clock's offset, say) atomically next to the database."""
    data = workspace.to_json() | extra
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data), encoding="utf-8")
    partial.replace(path)


def load(path: Path) -> Json | None:
    if not path.exists():
        return None
    loaded: Json = json.loads(path.read_text(encoding="utf-8"))
    return loaded
