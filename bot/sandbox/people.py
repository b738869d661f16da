"""What people do in the simulated Slack: type, click, submit, close, open Home."""

import time
from dataclasses import dataclass

from bot.sandbox import payloads
from bot.sandbox.bot_link import BotAnswer, BotLink
from bot.sandbox.client_checks import client_errors
from bot.sandbox.modal_answers import apply_submission_answer
from bot.sandbox.model import BOT_USER_ID, Channel, Json, Message, User
from bot.sandbox.suggestions import for_page, offered_options
from bot.sandbox.view_state import (
    Raw,
    RawValues,
    action_item,
    state_values,
    stateful_elements,
    suggestion_key,
    with_suggestions,
)
from bot.sandbox.webapi.api import WebApi
from bot.sandbox.webapi.context import message_json
from bot.sandbox.webapi.errors import SlackRefusal
from bot.sandbox.webapi.messages import respond
from bot.sandbox.webapi.tokens import ResponseTarget
from bot.sandbox.webapi.views import view_json

COMMANDS = ("/okr",)


@dataclass(frozen=True)
class Target:
    """Where an element was used: a message (channel and ts) or a view."""

    channel: str | None = None
    ts: str | None = None
    view_id: str | None = None


class People:
    def __init__(self, api: WebApi, bot: BotLink) -> None:
        self._api = api
        self._context = api.context
        self._workspace = api.context.workspace
        self._bot = bot

    def type(self, user_id: str, channel_id: str, text: str) -> None:
        """What the composer sends: a slash command to the bot, or a message to the channel."""
        user, channel = self._user(user_id), self._channel(channel_id, user_id)
        text = text.strip()
        if not text:
            return
        if text.startswith("/"):
            command, _, rest = text.partition(" ")
            if command not in COMMANDS:
                self._refuse(
                    "Slack", "not_a_command", [f"{command} is not a command here; try /okr"]
                )
                return
            self._command(user, channel, command, rest.strip())
            return
        workspace = self._workspace
        with workspace.change():
            workspace.messages.append(Message(channel.id, workspace.next_ts(), user.id, text))

    def click(
        self,
        user_id: str,
        target: Target,
        block_id: str,
        action_id: str,
        raw: Raw,
        values: RawValues,
    ) -> None:
        user = self._user(user_id)
        if target.view_id:
            self._click_in_view(user, target.view_id, block_id, action_id, raw, values)
        else:
            self._click_in_message(user, target, block_id, action_id, raw)

    def submit(self, user_id: str, view_id: str, values: RawValues) -> None:
        user = self._user(user_id)
        view = self._workspace.views.get(view_id)
        if view is None or view.user != user.id:
            return
        blocks = with_suggestions(view.body.get("blocks") or [], view.suggested)
        state = state_values(blocks, values)
        errors = client_errors(blocks, state)
        with self._workspace.change():
            view.errors = errors
        if errors:
            return
        shown = view_json(view) | {"state": {"values": state}}
        fields = {"view": shown, "response_urls": []}
        answer = self._send(
            payloads.interaction("view_submission", user, self._trigger(user), fields)
        )
        if answer.failure is None:
            apply_submission_answer(self._api, view, answer.json())

    def suggest(
        self, user_id: str, view_id: str, block_id: str, action_id: str, typed: str
    ) -> list[dict[str, str]]:
        """What an external select in a view offers for `typed`: Slack asks the app with a
        block_suggestion, remembers the options for the pick, and shows what it refuses."""
        user = self._user(user_id)
        view = self._workspace.views.get(view_id)
        if view is None or view.user != user.id:
            return []
        element = _element(view.body.get("blocks") or [], block_id, action_id)
        if element is None or not str(element.get("type")).endswith("external_select"):
            return []
        fields: Json = {
            "container": {"type": "view", "view_id": view.id},
            "view": view_json(view),
            "action_id": action_id,
            "block_id": block_id,
            "value": typed,
        }
        answer = self._send(payloads.interaction("block_suggestion", user, None, fields))
        if answer.failure is not None:
            return []
        options, problems = offered_options(answer.json())
        if problems:
            self._refuse("block_suggestion", "invalid_options", problems)
        key = suggestion_key(block_id, action_id)
        self._workspace.read(lambda: view.suggested.update({key: options}))
        return for_page(options)

    def close(self, user_id: str, view_id: str, *, everything: bool) -> None:
        """Cancel goes back one view; the × closes the whole stack."""
        user = self._user(user_id)
        workspace = self._workspace
        stack = workspace.modals.get(user.id) or []
        if view_id not in stack:
            return
        closing = stack[stack.index(view_id) :] if not everything else list(stack)
        for closed_id in reversed(closing):
            view = workspace.views[closed_id]
            if view.body.get("notify_on_close"):
                fields = {"view": view_json(view), "is_cleared": everything}
                self._send(payloads.interaction("view_closed", user, self._trigger(user), fields))
        with workspace.change():
            for closed_id in closing:
                stack.remove(closed_id)
                workspace.views.pop(closed_id, None)

    def open_tab(self, user_id: str, tab: str) -> None:
        """Opening the bot's Home or Messages tab: Slack sends app_home_opened."""
        user = self._user(user_id)
        dm = self._workspace.dm_with(user.id)
        inner: Json = {"type": "app_home_opened", "user": user.id, "channel": dm.id, "tab": tab}
        home = self._workspace.views.get(self._workspace.homes.get(user.id, ""))
        if tab == "home" and home is not None:
            inner["view"] = view_json(home)
        self._send(payloads.event(inner), "application/json")

    def _command(self, user: User, channel: Channel, command: str, text: str) -> None:
        response_url = self._context.responses.issue(user.id, channel.id)
        body = payloads.slash_command(
            user, channel, command, text, self._trigger(user), response_url
        )
        answer = self._send(body)
        if answer.failure is not None:
            self._ephemeral(user, channel.id, f'{command} failed with the error "{answer.failure}"')
            return
        reply = answer.json() or ({"text": answer.body} if answer.body.strip() else None)
        if reply:
            # The acknowledgement answers in place, without using up the response_url.
            target = ResponseTarget(user.id, channel.id, None, self._workspace.now())
            try:
                respond(self._context, target, reply)
            except SlackRefusal as refusal:
                self._api.refused(f"{command} acknowledgement", refusal)

    def _click_in_message(
        self, user: User, target: Target, block_id: str, action_id: str, raw: Raw
    ) -> None:
        message = self._workspace.find_message(target.channel or "", target.ts or "")
        if message is None or (message.ephemeral_to not in (None, user.id)):
            return
        element = _element(message.blocks, block_id, action_id)
        if element is None:
            return
        channel = self._workspace.channels[message.channel]
        fields: Json = {
            "container": {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": channel.id,
                "is_ephemeral": message.ephemeral_to is not None,
            },
            "channel": {
                "id": channel.id,
                "name": "directmessage" if channel.is_im else channel.name,
            },
            "state": {"values": state_values(message.blocks, {})},
            "response_url": self._context.responses.issue(user.id, channel.id, message.ts),
            "actions": [action_item(element, block_id, raw, _action_ts())],
        }
        if message.ephemeral_to is None:
            fields["message"] = message_json(message)
        self._send(payloads.interaction("block_actions", user, self._trigger(user), fields))

    def _click_in_view(
        self, user: User, view_id: str, block_id: str, action_id: str, raw: Raw, values: RawValues
    ) -> None:
        view = self._workspace.views.get(view_id)
        if view is None or view.user != user.id:
            return
        blocks = with_suggestions(view.body.get("blocks") or [], view.suggested)
        element = _element(blocks, block_id, action_id)
        if element is None:
            return
        state = {"values": state_values(blocks, values)}
        fields: Json = {
            "container": {"type": "view", "view_id": view.id},
            "view": view_json(view) | {"state": state},
            "state": state,
            "actions": [action_item(element, block_id, raw, _action_ts())],
        }
        self._send(payloads.interaction("block_actions", user, self._trigger(user), fields))

    def _send(
        self, body: str, content_type: str = "application/x-www-form-urlencoded"
    ) -> BotAnswer:
        answer = self._bot.send(body, content_type)
        if answer.failure is not None:
            detail = f"HTTP {answer.status}" if answer.status else "no answer within 3 seconds"
            self._refuse("OKR Bot", answer.failure, [detail])
        return answer

    def _trigger(self, user: User) -> str:
        return self._context.triggers.issue(user.id)

    def _ephemeral(self, user: User, channel_id: str, text: str) -> None:
        workspace = self._workspace
        with workspace.change():
            message = Message(channel_id, workspace.next_ts(), BOT_USER_ID, text)
            message.ephemeral_to = user.id
            workspace.messages.append(message)

    def _refuse(self, source: str, error: str, details: list[str]) -> None:
        self._workspace.add_problem(source, error, details)

    def _user(self, user_id: str) -> User:
        user = self._workspace.users.get(user_id)
        if user is None or user.is_bot:
            raise LookupError(f"no person {user_id}")
        return user

    def _channel(self, channel_id: str, user_id: str) -> Channel:
        channel = self._workspace.channels.get(channel_id)
        if channel is None or user_id not in channel.members:
            raise LookupError(f"{user_id} is not in {channel_id}")
        return channel


def _element(blocks: list[Json], block_id: str, action_id: str) -> Json | None:
    for block in blocks:
        if block.get("block_id") != block_id:
            continue
        candidates = [block.get("element"), block.get("accessory"), *(block.get("elements") or [])]
        for element in candidates:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element
    return None


def _action_ts() -> str:
    return f"{time.time():.6f}"


__all__ = ["People", "Target", "stateful_elements"]
