"""views.open, views.push, views.update and views.publish: modals and the Home tab."""

import secrets
import time

from bot.sandbox.model import APP_ID, BOT_ID, TEAM_ID, Json, View
from bot.sandbox.webapi import limits
from bot.sandbox.webapi.args import Args, optional_text
from bot.sandbox.webapi.blockkit import view_problems
from bot.sandbox.webapi.context import ApiContext, require_user, with_block_ids
from bot.sandbox.webapi.errors import SlackRefusal
from bot.sandbox.workspace import Workspace


def open_modal(api: ApiContext, args: Args) -> Json:
    user = api.triggers.use(args.get("trigger_id"))
    body = _checked(args, "modal")
    workspace = api.workspace
    with workspace.change():
        for old in workspace.modals.pop(user, []):
            workspace.views.pop(old, None)
        view = _new_view(workspace, user, body, None)
        workspace.modals[user] = [view.id]
    return {"ok": True, "view": view_json(view)}


def push(api: ApiContext, args: Args) -> Json:
    user = api.triggers.use(args.get("trigger_id"))
    body = _checked(args, "modal")
    workspace = api.workspace
    with workspace.change():
        stack = workspace.modals.get(user) or []
        if not stack:
            raise SlackRefusal("invalid_arguments", ["views.push needs an open modal to push onto"])
        if len(stack) >= limits.MODAL_STACK:
            raise SlackRefusal(
                "push_limit_reached", [f"at most {limits.MODAL_STACK} views in a stack"]
            )
        view = _new_view(workspace, user, body, stack[-1], root=stack[0])
        stack.append(view.id)
    return {"ok": True, "view": view_json(view)}


def update(api: ApiContext, args: Args) -> Json:
    workspace = api.workspace
    view_id, external_id = optional_text(args, "view_id"), optional_text(args, "external_id")
    if not view_id and not external_id:
        raise SlackRefusal("invalid_arguments", ["view_id or external_id is required"])
    with workspace.change():
        view = _find(workspace, view_id, external_id)
        body = _checked(args, str(view.body.get("type")))
        expected = optional_text(args, "hash")
        if expected is not None and expected != view.hash:
            raise SlackRefusal("hash_conflict", ["the view changed since that hash was read"])
        view.body, view.hash, view.errors = body, _hash(), {}
    return {"ok": True, "view": view_json(view)}


def publish(api: ApiContext, args: Args) -> Json:
    workspace = api.workspace
    user = require_user(workspace, args.get("user_id"))
    body = _checked(args, "home")
    with workspace.change():
        old = workspace.views.get(workspace.homes.get(user, ""))
        expected = optional_text(args, "hash")
        if old is not None and expected is not None and expected != old.hash:
            raise SlackRefusal("hash_conflict", ["the Home tab changed since that hash was read"])
        # A person's Home keeps its view id from one publish to the next, as in Slack.
        view_id = old.id if old is not None else workspace.next_id("V")
        view = View(view_id, user, body, _hash(), view_id)
        workspace.views[view_id] = view
        workspace.homes[user] = view_id
    return {"ok": True, "view": view_json(view)}


def view_json(view: View) -> Json:
    shown: Json = {"callback_id": "", "private_metadata": "", "external_id": ""} | view.body
    shown |= {"id": view.id, "team_id": TEAM_ID, "app_id": APP_ID, "bot_id": BOT_ID}
    shown |= {"app_installed_team_id": TEAM_ID, "hash": view.hash, "state": {"values": {}}}
    shown |= {"root_view_id": view.root_view_id, "previous_view_id": view.previous_view_id}
    shown |= {"clear_on_close": bool(view.body.get("clear_on_close"))}
    return shown | {"notify_on_close": bool(view.body.get("notify_on_close"))}


def _checked(args: Args, kind: str) -> Json:
    body = args.get("view")
    problems = view_problems(body)
    if problems:
        raise SlackRefusal("invalid_arguments", problems)
    assert isinstance(body, dict)
    if body.get("type") != kind:
        raise SlackRefusal(
            "invalid_arguments", [f"this method takes a {kind} view, not {body.get('type')}"]
        )
    return body | {"blocks": with_block_ids(body.get("blocks") or [])}


def _new_view(
    workspace: Workspace, user: str, body: Json, previous: str | None, *, root: str | None = None
) -> View:
    view_id = workspace.next_id("V")
    view = View(view_id, user, body, _hash(), root or view_id, previous)
    workspace.views[view_id] = view
    return view


def _find(workspace: Workspace, view_id: str | None, external_id: str | None) -> View:
    for view in workspace.views.values():
        if view.id == view_id or (external_id and view.body.get("external_id") == external_id):
            return view
    raise SlackRefusal("not_found", ["no open view with that view_id or external_id"])


def _hash() -> str:
    return f"{time.time():.6f}.{secrets.token_hex(4)}"
