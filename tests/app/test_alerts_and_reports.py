"""Quota alerts to a real webhook on 127.0.0.1, and the scheduled report files (no Prefect harness)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cli.common import runtime
from tests.conftest import Result


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict]]]:
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_at_risk_quota_goes_to_the_webhook(planned: Callable[..., Result], webhook: tuple[str, list[dict]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.quotas.alerts import at_risk_alerts, send_alerts

    url, received = webhook
    monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
    monkeypatch.setenv("LOA_NOW", "2026-03-27T09:00:00+07:00")  # five days left, no radio item yet
    rt = runtime()
    alerts = at_risk_alerts(rt)
    assert [(a["unit"], a["channel"], a["missing"]) for a in alerts if a["channel"] == "radio"] == [("*", "radio", 2)]
    send_alerts(rt, alerts)
    assert received and received[0]["alerts"][0]["message"].startswith("toàn xã/phường: còn thiếu")


def test_scheduled_report_writes_the_last_complete_period(planned: Callable[..., Result], loa_home: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from app.quotas.reports import write_reports

    monkeypatch.setenv("LOA_NOW", "2026-04-01T06:30:00+07:00")
    paths = write_reports(runtime(), kind="quarter")
    assert [p.suffix for p in paths] == [".csv", ".xlsx", ".html"]
    assert all(p.parent == loa_home / "reports" / "2026-Q1" and p.stat().st_size > 0 for p in paths)
    assert paths[0].read_text(encoding="utf-8").startswith("unit,channel,period,quota,published,met")
