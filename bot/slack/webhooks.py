"""`POST /hooks/kr/KR-12`: values pushed to a key result's webhook, answered in plain JSON."""

import json
import logging
import math
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from bot.services.sources.results import PushResult, PushStatus
from bot.services.sources.tokens import bearer_token
from bot.slack.admission import Refusal, read_body

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

HOOKS_PREFIX = "/hooks/kr/"
_REFERENCE = re.compile(r"[A-Za-z0-9-]{1,40}")
_STATUS = {
    PushStatus.ACCEPTED: "200 OK",
    PushStatus.DUPLICATE: "200 OK",
    PushStatus.UNAUTHORIZED: "401 Unauthorized",
    PushStatus.BAD_REQUEST: "400 Bad Request",
    PushStatus.RATE_LIMITED: "429 Too Many Requests",
}

Push = Callable[[str, str | None, bytes], PushResult]


class WebhookEdge:
    """Takes pushes with a bearer token; shares nothing with /slack/events and its signatures."""

    def __init__(self, push: Push) -> None:
        self._push = push

    @staticmethod
    def handles(path: object) -> bool:
        return isinstance(path, str) and path.startswith(HOOKS_PREFIX)

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        reference = str(environ.get("PATH_INFO", ""))[len(HOOKS_PREFIX) :]
        if not _REFERENCE.fullmatch(reference):
            return _answer(start_response, "404 Not Found", {"error": "not found"})
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(
                start_response, "405 Method Not Allowed", {"error": "use POST"}, [("allow", "POST")]
            )
        body = read_body(environ)
        if isinstance(body, Refusal):
            return _answer(start_response, body.status, {"error": body.reason})
        token = bearer_token(environ.get("HTTP_AUTHORIZATION"))
        try:
            result = self._push(reference, token, body)
        except Exception:
            log.exception("a push to %s failed", reference)
            status = "503 Service Unavailable"
            return _answer(start_response, status, {"error": "try again in a moment"})
        return _result(start_response, result)


def _result(start_response: "StartResponse", result: PushResult) -> Iterable[bytes]:
    status = _STATUS[result.status]
    if result.status in (PushStatus.ACCEPTED, PushStatus.DUPLICATE):
        return _answer(start_response, status, {"ok": True, "message": result.message})
    document: dict[str, object] = {"error": result.message}
    extra: list[tuple[str, str]] = []
    if result.field is not None:
        document["field"] = result.field
    if result.status is PushStatus.UNAUTHORIZED:
        extra.append(("www-authenticate", 'Bearer realm="okr-bot"'))
    if result.retry_after is not None:
        extra.append(("retry-after", str(math.ceil(result.retry_after.total_seconds()))))
    return _answer(start_response, status, document, extra)


def _answer(
    start_response: "StartResponse",
    status: str,
    document: dict[str, object],
    extra: list[tuple[str, str]] | None = None,
) -> Iterable[bytes]:
    body = (json.dumps(document) + "\n").encode()
    headers = [("content-type", "application/json"), ("content-length", str(len(body)))]
    start_response(status, headers + (extra or []))
    return [body]
