"""What every loopback test server shares: an HTTP server on 127.0.0.1 in a daemon thread, and the ways a
reply goes out: delayed, dropped without a word (the connection closed, as a lost answer), or written
whole (a client that already gave up is not an error of the server)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def running(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on 127.0.0.1 (a free port) until the block ends; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, *, content_type: str | None,
         headers: Mapping[str, str], delay_s: float = 0.0, drop: bool = False) -> None:
    """One reply, after `delay_s`; `drop`: no answer at all, the connection closed under the client."""
    if delay_s:
        time.sleep(delay_s)
    if drop:
        handler.close_connection = True
        with suppress(OSError):
            handler.connection.shutdown(socket.SHUT_RDWR)
        return
    with suppress(BrokenPipeError, ConnectionResetError):  # the client timed out and left
        handler.send_response(status)
        if content_type:
            handler.send_header("Content-Type", content_type)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
