"""Builds the Bolt app and its Web API client from explicit parts; nothing at import time."""

import logging
from concurrent.futures import Executor, ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient

from bot.services.registry import Services
from bot.slack.delivery.paced_client import pace_listener_calls
from bot.slack.delivery.retries import scheduled_work_retries
from bot.slack.delivery.sender import PacedSender
from bot.slack.listeners import register_all
from bot.slack.listeners.after_ack import AfterAck
from bot.slack.payload import DropMalformed

WEB_API_TIMEOUT_S = 10


def _not_the_unused_token_warning(record: logging.LogRecord) -> bool:
    # Bolt reads SLACK_BOT_TOKEN itself and warns it is unused, since we pass a ready client.
    return "will be unused" not in record.getMessage()


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("bot.slack.bolt")
    logger.addFilter(_not_the_unused_token_warning)
    return logger


def make_client(token: str, api_url: str) -> WebClient:
    """The listeners' client: no retries, because slack-sdk's sleep on the calling thread and
    a listener must answer within Slack's 3 seconds."""
    return WebClient(token=token, base_url=api_url, timeout=WEB_API_TIMEOUT_S, retry_handlers=[])


def make_job_client(token: str, api_url: str) -> WebClient:
    """The scheduled work's client (prompts, digests, retro DMs): Slack's passing failures are
    retried with a short backoff on the scheduler's or CLI's thread before one is recorded."""
    return WebClient(
        token=token,
        base_url=api_url,
        timeout=WEB_API_TIMEOUT_S,
        retry_handlers=scheduled_work_retries(),
    )


def build_app(
    services: Services,
    client: WebClient,
    signing_secret: str | None,
    *,
    listener_threads: int = 32,
    verify_token: bool = True,
    sender: PacedSender | None = None,
    listener_executor: Executor | None = None,
    after_ack: AfterAck | None = None,
) -> App:
    """A Bolt app whose listeners call the services; signatures are always checked over HTTP."""
    app = App(
        client=client,
        signing_secret=signing_secret or "",
        token_verification_enabled=verify_token,
        # Bolt's default pool of 5 threads would let a few slow clicks starve everyone else.
        listener_executor=listener_executor
        or ThreadPoolExecutor(listener_threads, thread_name_prefix="listener"),
        process_before_response=False,
        logger=_bolt_logger(),
    )
    # First: a payload without a sender or a target never reaches Bolt's matching.
    app.middleware(DropMalformed())
    if sender is not None:
        app.middleware(pace_listener_calls(sender))
    register_all(app, services, signing_secret, after_ack or AfterAck())
    return app
