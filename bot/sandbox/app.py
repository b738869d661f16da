"""`okr-bot sandbox`: start the simulated Slack, then the real bot against it, then wait."""

import logging
import secrets
import shutil
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import FrameType

from bot.sandbox import bot_wiring, demo, servers
from bot.sandbox.bot_link import BotLink
from bot.sandbox.clock import SandboxClock
from bot.sandbox.data_feed import DATA_PATH
from bot.sandbox.model import BOT_USER_ID
from bot.sandbox.people import People
from bot.sandbox.pushes import PushTarget
from bot.sandbox.web import SandboxWeb
from bot.sandbox.webapi.api import WebApi
from bot.sandbox.webapi.context import ApiContext
from bot.sandbox.webapi.tokens import ResponseUrls, TriggerIds
from bot.sandbox.workspace import Workspace, load, save

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
PAGE_THREADS = 12  # long polls hold a thread each; the bot's calls need free ones too
AUTOSAVE_S = 5.0


class SandboxError(Exception):
    """A one-line reason the sandbox cannot start."""


@dataclass(frozen=True)
class Paths:
    directory: Path

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.directory / 'okr-bot-sandbox.sqlite3'}"

    @property
    def slack(self) -> Path:
        return self.directory / "slack.json"

    @property
    def files(self) -> Path:
        return self.directory / "files"

    def wipe(self) -> None:
        """Remove the sandbox's own files, and nothing else that may share the directory."""
        for database in self.directory.glob("okr-bot-sandbox.sqlite3*"):
            database.unlink()
        self.slack.unlink(missing_ok=True)
        if self.files.is_dir():
            shutil.rmtree(self.files)


@dataclass
class Sandbox:
    """A started sandbox: the page at `url`, the bot behind it; `stop()` saves and ends both."""

    url: str
    web: SandboxWeb
    bot: bot_wiring.RunningBot
    clock: SandboxClock
    paths: Paths
    served: servers.Served

    def save(self) -> None:
        _save(self.web.api.context, self.clock, self.paths)

    def stop(self) -> None:
        workspace = self.web.api.context.workspace
        try:
            self.bot.stop()
        finally:
            with workspace.change():
                pass  # wakes the page's long polls, so that their threads end at once
            self.save()
            self.served.stop()


def run_sandbox(directory: Path, port: int, *, fresh: bool, announce: Callable[[str], None]) -> int:
    """Start, say where, and serve until SIGINT or SIGTERM, saving every few seconds."""
    sandbox = start_sandbox(directory, port, fresh=fresh)
    stop = threading.Event()
    try:
        sandbox.save()
        announce(f"OKR Bot sandbox: open {sandbox.url} in your browser (Ctrl-C stops it).")
        _on_stop_signal(stop.set)
        while not stop.wait(AUTOSAVE_S):
            sandbox.save()
    finally:
        sandbox.stop()
    return 0


def start_sandbox(directory: Path, port: int, *, fresh: bool) -> Sandbox:
    paths = Paths(directory)
    saved = None if fresh else load(paths.slack)
    if saved is None:
        # Without its Slack side (a first start cut short, say) the database is no use.
        paths.wipe()
    paths.files.mkdir(parents=True, exist_ok=True)
    offset = timedelta(seconds=float(saved.get("clock_offset_s", 0))) if saved else timedelta(0)
    clock = SandboxClock(offset)
    workspace = Workspace(clock.now)
    context = ApiContext(workspace, TriggerIds(), ResponseUrls("", clock.now), "")
    if saved:
        workspace.load_json(saved)
        context.file_bytes.update({f.name: f.read_bytes() for f in paths.files.iterdir()})
    else:
        demo.add_people(workspace)
    token = "xoxb-sandbox-" + secrets.token_hex(12)
    web = SandboxWeb(WebApi(context, token), demo.NEWCOMER)
    served = _serve_page(web, port)
    port = served.port
    origin = f"http://{LOOPBACK}:{port}"
    web.allowed_hosts = {f"{LOOPBACK}:{port}", f"localhost:{port}"}
    context.responses = ResponseUrls(f"{origin}/response/", clock.now)
    context.upload_base_url = f"{origin}/upload/"
    try:
        bot = _start_bot(paths, origin, token, clock, web, seed=saved is None)
    except BaseException:
        served.stop()
        raise
    return Sandbox(f"{origin}/", web, bot, clock, paths, served)


def _start_bot(
    paths: Paths, origin: str, token: str, clock: SandboxClock, web: SandboxWeb, *, seed: bool
) -> bot_wiring.RunningBot:
    secret = secrets.token_hex(32)
    bot_wiring.migrate_database(paths.database_url)
    # Sources may be fetched from the page server's own host:port (its data endpoint) only.
    own_host = origin.removeprefix("http://")
    bot = bot_wiring.start_bot(paths.database_url, f"{origin}/api/", token, secret, clock, own_host)
    workspace = web.api.context.workspace
    web.people = People(web.api, BotLink(bot.events_url, secret))
    zones = lambda: sorted({u.tz for u in workspace.users.values() if not u.is_bot})  # noqa: E731
    web.jumps = bot_wiring.ClockJumps(bot, clock, lambda: _bot_posts(workspace), zones, demo.ADMIN)
    if seed:
        log.info("seeding the demo workspace: five weeks of check-ins")
        bot.pause()
        try:
            demo.seed(bot.services, bot.runtime.database, clock, origin + DATA_PATH)
            web.jumps.run_due()
        finally:
            bot.resume()
    else:
        demo.point_fed_source_at(bot.services, origin + DATA_PATH)
    web.pushes = _push_target(bot)
    return bot


def _push_target(bot: bot_wiring.RunningBot) -> PushTarget | None:
    """A new webhook token at each start, kept in memory only: it is never saved or shown."""
    found = demo.webhook_key_result(bot.services)
    if found is None:
        return None
    kr_id, reference, title = found
    return PushTarget(reference, title, bot.hooks_url + reference, bot.issue_webhook_token(kr_id))


def _bot_posts(workspace: Workspace) -> int:
    return workspace.read(
        lambda: sum(
            1 for m in workspace.messages if m.user == BOT_USER_ID and m.ephemeral_to is None
        )
    )


def _serve_page(web: SandboxWeb, port: int) -> servers.Served:
    try:
        return servers.page_server(web, LOOPBACK, port, PAGE_THREADS)
    except OSError as error:
        raise SandboxError(
            f"cannot listen on {LOOPBACK} port {port} ({error.strerror}): try --port {port + 1}"
        ) from None


def _save(context: ApiContext, clock: SandboxClock, paths: Paths) -> None:
    for file_id, data in list(context.file_bytes.items()):
        path = paths.files / file_id
        if not path.exists():
            path.write_bytes(data)
    save(context.workspace, paths.slack, {"clock_offset_s": clock.offset.total_seconds()})


def _on_stop_signal(action: Callable[[], None]) -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        action()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
