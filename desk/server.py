"""Run the desk with uvicorn on a socket we bind ourselves (port 0 picks a free one and says which)."""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Callable

import uvicorn

from app.settings import Settings
from desk.app import Background, create_app


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8040, base_path: str = "",
          background: Background | None = None, announce: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted. `announce(url)` is told where the desk listens once the socket is bound."""
    logging.getLogger("loa.desk").setLevel(logging.INFO)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="loa: %(levelname)s: %(message)s", stream=sys.stderr)
    app = create_app(settings, base_path=base_path, background=background)
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if announce:
        announce(f"http://{shown}:{bound}{app.state.desk.url('/')}")
    config = uvicorn.Config(app, log_level="warning", access_log=False, proxy_headers=False,
                            server_header=False, timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])
