"""A simulated Slack without the bot: the sandbox's Web API served on a loopback port."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.sandbox import demo, servers
from bot.sandbox.clock import SandboxClock
from bot.sandbox.web import SandboxWeb
from bot.sandbox.webapi.api import WebApi
from bot.sandbox.webapi.context import ApiContext
from bot.sandbox.webapi.tokens import ResponseUrls, TriggerIds
from bot.sandbox.workspace import Workspace

TOKEN = "xoxb-simulated-token"


@dataclass
class Simulated:
    workspace: Workspace
    context: ApiContext
    clock: SandboxClock
    origin: str
    client: WebClient


@contextmanager
def simulated_slack(now: datetime = datetime(2026, 11, 30, 9, tzinfo=UTC)) -> Iterator[Simulated]:
    clock = SandboxClock()
    clock.set(now)
    workspace = Workspace(clock.now)
    demo.add_people(workspace)
    context = ApiContext(workspace, TriggerIds(), ResponseUrls("", clock.now), "")
    web = SandboxWeb(WebApi(context, TOKEN), demo.NEWCOMER)
    served = servers.page_server(web, "127.0.0.1", 0, 4)
    port = served.port
    origin = f"http://127.0.0.1:{port}"
    web.allowed_hosts = {f"127.0.0.1:{port}"}
    context.responses = ResponseUrls(f"{origin}/response/", clock.now)
    context.upload_base_url = f"{origin}/upload/"
    try:
        client = WebClient(token=TOKEN, base_url=f"{origin}/api/", timeout=5)
        yield Simulated(workspace, context, clock, origin, client)
    finally:
        served.stop()
