"""A bare Bolt app that only acknowledges, served exactly as the bot is: the benchmark's baseline.

Its one extra: a *Check in* click opens a fixed one-block modal after the ack, so that click →
views.open has a baseline too. Prints `{"ready": PORT}`; stops at end of stdin or `quit`.
"""

import argparse
import json
import logging
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.http import SlackWsgiApp, make_server
from bot.slack.ids import Action, Callback

FIXED_MODAL = {
    "type": "modal",
    "callback_id": Callback.CHECKIN_MODAL,
    "title": {"type": "plain_text", "text": "Check in"},
    "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}],
}


def bare_app(client: WebClient, signing_secret: str, threads: int) -> App:
    app = App(
        client=client,
        signing_secret=signing_secret,
        token_verification_enabled=False,
        listener_executor=ThreadPoolExecutor(threads, thread_name_prefix="listener"),
        process_before_response=False,
    )

    @app.command("/okr")
    def command(ack: Ack) -> None:
        ack()

    @app.action(Action.CHECK_IN)
    def check_in(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=FIXED_MODAL)

    @app.view(Callback.CHECKIN_MODAL)
    def submission(ack: Ack) -> None:
        ack()

    @app.event("app_home_opened")
    def home_opened() -> None:
        """Events are acknowledged by Bolt before any listener runs."""

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slack-api-url", required=True)
    parser.add_argument("--signing-secret", required=True)
    parser.add_argument("--threads", type=int, default=32)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    client = WebClient(token="xoxb-bench", base_url=args.slack_api_url, timeout=10)  # noqa: S106
    app = bare_app(client, args.signing_secret, args.threads)
    wsgi = SlackWsgiApp(app, args.signing_secret, lambda: True)
    server = make_server(wsgi, 0, args.threads, host="127.0.0.1")
    threading.Thread(target=server.run, daemon=True).start()
    print(json.dumps({"ready": server.effective_port}), flush=True)  # type: ignore[union-attr]
    for line in sys.stdin:
        if line.strip() == "quit":
            break
    server.close()


if __name__ == "__main__":
    main()
