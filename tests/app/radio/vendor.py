"""A vendor's IP-radio upload endpoint on 127.0.0.1 that fails as told: a 503, a connection cut in the
middle of the upload, a refusal, then (or never) a 201."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "vendor-token-7f3a9c"


@dataclass
class Vendor:
    faults: list[str]  # per request, in order: "503", "cut", "401", "ok" (after the list: "ok")
    requests: list[dict] = field(default_factory=list)
    stored: dict[str, bytes] = field(default_factory=dict)


def _handler(vendor: Vendor) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_PUT(self) -> None:  # noqa: N802
            fault = vendor.faults.pop(0) if vendor.faults else "ok"
            length = int(self.headers.get("Content-Length", 0))
            seen = {"path": self.path, "fault": fault, "headers": dict(self.headers)}
            vendor.requests.append(seen)
            if fault == "cut":  # read a little, then drop the connection without an answer
                self.rfile.read(min(length, 4096))
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()
                self.close_connection = True
                return
            body = self.rfile.read(length)
            if fault == "ok" and self.headers.get("Authorization") != f"Bearer {TOKEN}":
                fault = "401"
            if fault == "ok":
                vendor.stored[self.path.split("?", 1)[0]] = body
                self._answer(201, {"id": f"vendor-{len(vendor.stored)}"})
            else:
                self._answer(int(fault), {"error": f"fault {fault}"})

        def _answer(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return

    return Handler


@contextmanager
def vendor_server(faults: list[str]) -> Iterator[tuple[str, Vendor]]:
    vendor = Vendor(list(faults))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(vendor))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api/broadcasts", vendor
    finally:
        server.shutdown()
        server.server_close()
