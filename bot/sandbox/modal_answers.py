"""What Slack does with the bot's answer to a submitted modal: close, errors, update, push."""

from bot.sandbox.model import Json, View
from bot.sandbox.webapi import limits
from bot.sandbox.webapi.api import WebApi
from bot.sandbox.webapi.blockkit import view_problems
from bot.sandbox.webapi.context import with_block_ids
from bot.sandbox.webapi.errors import SlackRefusal

SOURCE = "view_submission answer"


def apply_submission_answer(api: WebApi, view: View, answer: Json | None) -> None:
    action = (answer or {}).get("response_action")
    try:
        if action is None:
            _close(api, view, everything=False)
        elif action == "clear":
            _close(api, view, everything=True)
        elif action == "errors":
            _show_errors(api, view, (answer or {}).get("errors"))
        elif action in ("update", "push"):
            _replace_or_push(api, view, (answer or {}).get("view"), push=action == "push")
        else:
            raise SlackRefusal("invalid_response_action", [f"unknown response_action {action!r}"])
    except SlackRefusal as refusal:
        api.refused(SOURCE, refusal)


def _close(api: WebApi, view: View, *, everything: bool) -> None:
    workspace = api.context.workspace
    with workspace.change():
        stack = workspace.modals.get(view.user) or []
        closing = (
            list(stack) if everything else stack[stack.index(view.id) :] if view.id in stack else []
        )
        for view_id in closing:
            stack.remove(view_id)
            workspace.views.pop(view_id, None)


def _show_errors(api: WebApi, view: View, errors: object) -> None:
    if not isinstance(errors, dict) or not errors:
        raise SlackRefusal("invalid_arguments", ["response_action errors needs an errors object"])
    inputs = {b.get("block_id") for b in view.body.get("blocks") or [] if b.get("type") == "input"}
    unknown = sorted(str(k) for k in errors if k not in inputs)
    if unknown:
        # Slack refuses the whole answer and the person sees no error at all.
        raise SlackRefusal(
            "invalid_arguments", [f"no input block {k!r} in the view" for k in unknown]
        )
    workspace = api.context.workspace
    with workspace.change():
        view.errors = {str(k): str(v) for k, v in errors.items()}


def _replace_or_push(api: WebApi, view: View, body: object, *, push: bool) -> None:
    problems = view_problems(body)
    if problems:
        raise SlackRefusal("invalid_arguments", problems)
    assert isinstance(body, dict)
    body = body | {"blocks": with_block_ids(body.get("blocks") or [])}
    workspace = api.context.workspace
    with workspace.change():
        if not push:
            view.body, view.errors = body, {}
            view.hash = workspace.next_id("h")
            return
        stack = workspace.modals.setdefault(view.user, [])
        if len(stack) >= limits.MODAL_STACK:
            raise SlackRefusal("push_limit_reached")
        pushed = View(
            workspace.next_id("V"),
            view.user,
            body,
            workspace.next_id("h"),
            view.root_view_id,
            view.id,
        )
        workspace.views[pushed.id] = pushed
        stack.append(pushed.id)
