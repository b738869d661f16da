"""What the simulated Slack workspace holds: people, conversations, messages, views, files."""

from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]

TEAM_ID = "T0SANDBOX1"
TEAM_NAME = "Sandbox"
TEAM_DOMAIN = "okr-sandbox"
APP_ID = "A0OKRBOT01"
BOT_ID = "B0OKRBOT01"
BOT_USER_ID = "U0OKRBOT01"
BOT_NAME = "OKR Bot"


@dataclass
class User:
    id: str
    name: str  # the handle, e.g. "maya"
    real_name: str
    tz: str
    title: str = ""
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False
    deleted: bool = False


@dataclass
class Channel:
    id: str
    name: str  # without "#"; a DM is named after the person
    members: list[str] = field(default_factory=list)
    is_im: bool = False
    topic: str = ""

    @property
    def im_user(self) -> str | None:
        """The person in a DM with the bot."""
        return next((m for m in self.members if m != BOT_USER_ID), None) if self.is_im else None


@dataclass
class Message:
    channel: str
    ts: str
    user: str  # the author
    text: str = ""
    blocks: list[Json] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    thread_ts: str | None = None
    edited: bool = False
    ephemeral_to: str | None = None  # only this person sees it, until they reload

    @property
    def is_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts


@dataclass
class View:
    id: str
    user: str
    body: Json  # as the app gave it, with Slack's generated block ids filled in
    hash: str
    root_view_id: str
    previous_view_id: str | None = None
    errors: dict[str, str] = field(default_factory=dict)  # block_id → message
    # What each external select last offered ("block_id/action_id" → options), so that a pick
    # from them reaches the bot with its text, as Slack sends it.
    suggested: dict[str, list[Json]] = field(default_factory=dict)


@dataclass
class SharedFile:
    id: str
    name: str
    title: str
    mimetype: str
    size: int
    user: str
    alt_txt: str | None = None
    channel: str | None = None


@dataclass
class Problem:
    """Something Slack refused or a person would have seen go wrong, shown in the page."""

    at: str  # the sandbox time, ISO 8601
    source: str  # a Web API method, or "OKR Bot" for a failed request to the bot
    error: str
    details: list[str] = field(default_factory=list)
