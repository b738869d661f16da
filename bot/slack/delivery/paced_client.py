"""Listeners' Web API client: every call they make is counted by the one paced sender."""

from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from bot.slack.delivery.sender import PacedSender


class PacedWebClient(WebClient):
    """A WebClient whose calls go through `PacedSender.call_now`: counted, never delayed."""

    def __init__(self, sender: PacedSender, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._sender = sender

    def api_call(
        self,
        api_method: str,
        *,
        http_verb: str = "POST",
        files: dict[Any, Any] | None = None,
        data: dict[Any, Any] | None = None,
        params: dict[Any, Any] | None = None,
        json: dict[Any, Any] | None = None,
        headers: dict[Any, Any] | None = None,
        auth: dict[Any, Any] | None = None,
    ) -> SlackResponse:
        def send() -> SlackResponse:
            return super(PacedWebClient, self).api_call(
                api_method,
                http_verb=http_verb,
                files=files,
                data=data,
                params=params,
                json=json,
                headers=headers,
                auth=auth,
            )

        channel = next(
            (str(d["channel"]) for d in (json, data, params) if d and d.get("channel")), None
        )
        return self._sender.call_now(api_method, send, channel=channel)


def pace_listener_calls(
    sender: PacedSender,
) -> Callable[[BoltContext, Callable[[], BoltResponse]], BoltResponse]:
    """Bolt middleware: hand each listener a client that goes through the sender."""

    def middleware(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        client = context.client
        if client is not None and not isinstance(client, PacedWebClient):
            context["client"] = PacedWebClient(
                sender,
                token=client.token,
                base_url=client.base_url,
                timeout=client.timeout,
                ssl=client.ssl,
                proxy=client.proxy,
                headers=client.headers,
                logger=client.logger,
                # slack-sdk's retries (its default one too) sleep on this thread: none here.
                retry_handlers=[],
            )
        return next()

    return middleware
