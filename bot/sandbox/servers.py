"""Starting and stopping the sandbox's own waitress servers on a background thread."""

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

Server = BaseWSGIServer | MultiSocketServer
WsgiApp = Callable[["WSGIEnvironment", "StartResponse"], Iterable[bytes]]


def serve_in_background(server: Server, name: str) -> None:
    threading.Thread(target=server.run, name=name, daemon=True).start()


def page_server(app: WsgiApp, host: str, port: int, threads: int) -> Server:
    return create_server(app, host=host, port=port, threads=threads, ident="okr-bot-sandbox")


def port_of(server: Server) -> int:
    port: int = server.effective_port  # type: ignore[union-attr]
    return port


def stop(server: Server) -> None:
    """Stop listening and let the request threads finish what they hold."""
    server.close()
    server.task_dispatcher.shutdown()
