"""Starting and stopping the sandbox's own waitress servers on a background thread."""

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from waitress.server import BaseWSGIServer, MultiSocketServer, create_server
from waitress.wasyncore import close_all

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

WsgiApp = Callable[["WSGIEnvironment", "StartResponse"], Iterable[bytes]]
STOP_WAIT_S = 5.0


class Served:
    """A waitress server on one loopback address, run by a thread of its own."""

    def __init__(self, server: BaseWSGIServer | MultiSocketServer, name: str) -> None:
        if not isinstance(server, BaseWSGIServer):
            raise TypeError("the sandbox listens on exactly one loopback address")
        self.server = server
        self.port: int = server.effective_port  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=server.run, name=name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close every socket from inside the server's own loop, which then returns."""
        sockets: dict[int, Any] = vars(self.server)["_map"]
        trigger: Any = self.server.trigger
        trigger.pull_trigger(lambda: close_all(sockets))
        self._thread.join(STOP_WAIT_S)
        self.server.task_dispatcher.shutdown()


def page_server(app: WsgiApp, host: str, port: int, threads: int) -> Served:
    server = create_server(app, host=host, port=port, threads=threads, ident="okr-bot-sandbox")
    return Served(server, "sandbox-http")
