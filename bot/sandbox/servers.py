"""Starting and stopping the sandbox's own waitress servers on a background thread."""

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

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
        server = self.server
        sockets: dict[int, Any] = vars(server)["_map"]
        trigger: Any = server.trigger

        def close_all() -> None:
            for channel in list(sockets.values()):
                if channel is not server and channel is not trigger:
                    channel.close()
            # Closes the trigger too, exactly once: a second close of its file descriptor
            # could close one that another server opened meanwhile.
            server.close()

        trigger.pull_trigger(close_all)
        self._thread.join(STOP_WAIT_S)
        server.task_dispatcher.shutdown()


def page_server(app: WsgiApp, host: str, port: int, threads: int) -> Served:
    server = create_server(app, host=host, port=port, threads=threads, ident="okr-bot-sandbox")
    return Served(server, "sandbox-http")
