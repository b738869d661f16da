"""The sandbox's one HTTP server: the page, its actions, and Slack's Web API for the bot."""

import json
import logging
import mimetypes
from collections.abc import Callable, Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qs

from bot.sandbox.data_feed import DATA_PATH, fans_document
from bot.sandbox.people import People, Target
from bot.sandbox.pushes import PushTarget
from bot.sandbox.render.page import HOME, Where, page_html, regions
from bot.sandbox.webapi import files, messages
from bot.sandbox.webapi.api import WebApi
from bot.sandbox.webapi.args import decode
from bot.sandbox.webapi.errors import SlackRefusal

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

MAX_BODY = 5 * 1024 * 1024
LONG_POLL_S = 20.0
Response = tuple[str, list[tuple[str, str]], bytes]


class Jumps(Protocol):
    def jump(self, kind: str) -> str:
        """Move the clock as asked, run what falls due on the way; a line saying what ran."""
        ...


class SandboxWeb:
    def __init__(self, api: WebApi, default_viewer: str) -> None:
        self.api = api
        self.default_viewer = default_viewer
        self.allowed_hosts: set[str] = set()  # filled in once the port is known
        # Both arrive once the bot is up; until then the page's actions wait.
        self.people: People | None = None
        self.jumps: Jumps | None = None
        self.pushes: PushTarget | None = None  # the demo's webhook key result, once issued
        self._actions: dict[str, Callable[[People, Jumps, dict[str, Any]], object]] = {
            "type": lambda p, _j, a: p.type(a["as"], a["c"], str(a.get("text") or "")),
            "click": lambda p, _j, a: _click(p, a),
            "submit": lambda p, _j, a: p.submit(a["as"], a["view"], a.get("values") or {}),
            "close": lambda p, _j, a: p.close(a["as"], a["view"], everything=bool(a.get("all"))),
            "tab": lambda p, _j, a: p.open_tab(
                a["as"], "home" if a.get("tab") == "home" else "messages"
            ),
            "suggest": lambda p, _j, a: p.suggest(
                a["as"], a["view"], a["block"], a["action"], str(a.get("value") or "")
            ),
            "jump": lambda _p, j, a: j.jump(str(a.get("kind"))),
            "dismiss": lambda _p, _j, _a: self._dismiss(),
            "push": lambda _p, _j, a: self._push(str(a.get("value") or "")),
        }

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        try:
            status, headers, body = self._route(environ)
        except Exception:
            log.exception("the sandbox failed on %s", environ.get("PATH_INFO"))
            status, headers, body = _text(
                "500 Internal Server Error", "the sandbox failed; see its log"
            )
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]

    def _route(self, environ: "WSGIEnvironment") -> Response:
        if environ.get("HTTP_HOST", "") not in self.allowed_hosts:
            # Only this machine's own addresses: a web page elsewhere cannot reach the sandbox.
            return _text("421 Misdirected Request", "use the address the sandbox printed")
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path.startswith("/api/"):
            return self._web_api(environ, path.removeprefix("/api/"))
        if method == "POST" and path.startswith("/upload/"):
            return self._upload(environ, path.removeprefix("/upload/"))
        if method == "POST" and path.startswith("/response/"):
            return self._response_url(environ, path.removeprefix("/response/"))
        if method == "POST" and path.startswith("/do/"):
            return self._do(environ, path.removeprefix("/do/"))
        if method == "GET":
            return self._get(path, query)
        return _text("404 Not Found", "not found")

    def _get(self, path: str, query: dict[str, str]) -> Response:
        if path == "/":
            where = self._where(query)
            version = self.api.context.workspace.version
            push = (self.pushes.reference, self.pushes.title) if self.pushes else None
            page = page_html(regions(self.api.context.workspace, where), where, version, push)
            return (
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), *_NO_STORE],
                page.encode(),
            )
        if path == "/regions":
            workspace = self.api.context.workspace
            since = int(query.get("v") or -1)
            version = (
                workspace.wait_for_change(since, LONG_POLL_S) if since >= 0 else workspace.version
            )
            data = {"version": version, "regions": regions(workspace, self._where(query))}
            return _json(data)
        if path == DATA_PATH:
            return _json(fans_document(self.api.context.workspace.now()))
        if path.startswith("/static/"):
            return _static(path.removeprefix("/static/"))
        if path.startswith("/files/"):
            return self._file(path.removeprefix("/files/"), "download" in query)
        return _text("404 Not Found", "not found")

    def _where(self, query: dict[str, str]) -> Where:
        workspace = self.api.context.workspace
        viewer = query.get("as") or self.default_viewer
        if viewer not in workspace.users or workspace.users[viewer].is_bot:
            viewer = self.default_viewer
        conversation = query.get("c") or "D" + viewer[1:]
        channel = workspace.channels.get(conversation)
        if conversation != HOME and (channel is None or viewer not in channel.members):
            conversation = "D" + viewer[1:]
            workspace.dm_with(viewer)
        return Where(viewer, conversation, query.get("t") or None)

    def _do(self, environ: "WSGIEnvironment", action: str) -> Response:
        # JSON only: a form on another site cannot send it without the browser asking first.
        if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            return _text("415 Unsupported Media Type", "send JSON")
        handler = self._actions.get(action)
        if handler is None:
            return _text("404 Not Found", "no such action")
        if self.people is None or self.jumps is None:
            return _text("503 Service Unavailable", "the bot is still starting; try again")
        try:
            args = json.loads(_body(environ) or b"{}")
            outcome = handler(self.people, self.jumps, args)
        except (KeyError, LookupError, ValueError, TypeError) as error:
            return _text("400 Bad Request", f"bad request: {error}")
        said = outcome if isinstance(outcome, str) else None
        answer: dict[str, object] = {"ok": True, "said": said}
        if isinstance(outcome, list):
            answer["options"] = outcome
        return _json(answer)

    def _push(self, value: str) -> str:
        if self.pushes is None:
            raise LookupError("the demo has no webhook key result")
        return self.pushes.push(value)

    def _dismiss(self) -> None:
        workspace = self.api.context.workspace
        with workspace.change():
            workspace.problems.clear()

    def _web_api(self, environ: "WSGIEnvironment", method: str) -> Response:
        auth = environ.get("HTTP_AUTHORIZATION", "")
        try:
            args = decode(
                _body(environ), environ.get("CONTENT_TYPE", ""), environ.get("QUERY_STRING", "")
            )
        except SlackRefusal as refusal:
            self.api.refused(method, refusal)
            return _json(refusal.body(), "200 OK")
        body_token = args.pop("token", None)
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else body_token
        answer = self.api.call(method, args, token)
        reason = _REASONS.get(answer.status, "Error")
        status, headers, body = _json(answer.body, f"{answer.status} {reason}")
        if answer.retry_after is not None:
            headers.append(("Retry-After", str(answer.retry_after)))
        return status, headers, body

    def _upload(self, environ: "WSGIEnvironment", file_id: str) -> Response:
        try:
            files.receive(self.api.context, file_id, _body(environ))
        except SlackRefusal as refusal:
            self.api.refused("file upload", refusal)
            return _text(f"{refusal.status} Error", refusal.error)
        return _text("200 OK", f"OK - {len(_body(environ))}")

    def _response_url(self, environ: "WSGIEnvironment", token: str) -> Response:
        try:
            args = decode(_body(environ), environ.get("CONTENT_TYPE", ""), "")
            target = self.api.context.responses.use(token)
            messages.respond(self.api.context, target, args)
        except SlackRefusal as refusal:
            self.api.refused("response_url", refusal)
            status = 404 if refusal.status == 404 else 400
            return _text(f"{status} Error", refusal.error)
        return _text("200 OK", "ok")

    def _file(self, file_id: str, download: bool) -> Response:
        context = self.api.context
        shared = context.workspace.files.get(file_id)
        data = context.file_bytes.get(file_id)
        if shared is None or data is None:
            return _text("404 Not Found", "no such file")
        headers = [("Content-Type", shared.mimetype), ("X-Content-Type-Options", "nosniff")]
        if download or not shared.mimetype.startswith("image/"):
            safe = "".join(c for c in shared.name if c.isalnum() or c in ".-_") or "file"
            headers.append(("Content-Disposition", f'attachment; filename="{safe}"'))
        return "200 OK", headers, data


def _click(people: People, args: dict[str, Any]) -> None:
    target = Target(args.get("channel"), args.get("ts"), args.get("view"))
    values = args.get("values") or {}
    people.click(args["as"], target, args["block"], args["action"], args.get("value"), values)


_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests"}
_NO_STORE = [
    ("Cache-Control", "no-store"),
    # The page loads nothing from anywhere but here.
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'",
    ),
    ("X-Content-Type-Options", "nosniff"),
]


def _body(environ: "WSGIEnvironment") -> bytes:
    cached = environ.get("sandbox.body")
    if isinstance(cached, bytes):
        return cached
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BODY:
        raise ValueError("request body too large")
    body = environ["wsgi.input"].read(length) if length else b""
    environ["sandbox.body"] = body
    return bytes(body)


def _static(name: str) -> Response:
    if name not in ("sandbox.js", "sandbox.css"):
        return _text("404 Not Found", "not found")
    data = resources.files("bot.sandbox").joinpath("static", name).read_bytes()
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return (
        "200 OK",
        [("Content-Type", f"{kind}; charset=utf-8"), ("Cache-Control", "no-cache")],
        data,
    )


def _json(data: object, status: str = "200 OK") -> Response:
    return (
        status,
        [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")],
        json.dumps(data).encode(),
    )


def _text(status: str, text: str) -> Response:
    return status, [("Content-Type", "text/plain; charset=utf-8")], text.encode()
