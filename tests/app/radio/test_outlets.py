"""Vendor upload with faults (loopback server) and emergency broadcasts to every outlet."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.radio.helpers import DAY, Cli, approved, audit_details, give_clip, run_pass, webhook
from tests.app.radio.vendor import TOKEN, vendor_server

UPLOAD = ", outlets: [drop-folder, upload]"


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_RADIO_RETRY_DELAY_S", "0.05")
    monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", TOKEN)


def test_the_vendor_upload_survives_a_503_and_a_cut_connection_and_never_shows_the_token(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch, fast_retries: None,
        caplog: pytest.LogCaptureFixture) -> None:
    cli = radio(UPLOAD)
    give_clip(loa_home, approved(cli, "Tin một"), 8)
    caplog.set_level(logging.DEBUG)
    with vendor_server(["503", "cut", "ok"]) as (url, vendor), webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        [line] = run_pass(monkeypatch, "16:52")
    assert line.startswith(f"cchc {DAY} 17:00: program built") and line.endswith("delivered to drop-folder, upload")
    assert [r["fault"] for r in vendor.requests] == ["503", "cut", "ok"]
    assert len({r["headers"]["Idempotency-Key"] for r in vendor.requests}) == 1  # the same upload, three times
    [(path, body)] = vendor.stored.items()
    assert path == "/api/broadcasts/phu-khuong/cchc/2026-03-12T1000Z.mp3"
    assert body == (loa_home / "radio" / "phu-khuong" / "cchc" / DAY / "program.mp3").read_bytes()
    assert "sha256=" in vendor.requests[-1]["path"] and "title=" in vendor.requests[-1]["path"]
    [delivered] = audit_details(loa_home, "radio.delivered")
    assert delivered["outlets"]["upload"] == {"ok": True, "remote": "vendor-1", "attempts": 3}
    assert alerts == []  # it got through: nobody needs to act
    export = cli("audit", "export", "--format", "jsonl").out
    assert TOKEN not in caplog.text and TOKEN not in export and TOKEN not in json.dumps(alerts)
    assert "attempt 1 of 3 failed" in caplog.text and "attempt 2 of 3 failed" in caplog.text


def test_a_refused_upload_alerts_at_once_and_is_tried_again_before_air(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch, fast_retries: None) -> None:
    cli = radio(UPLOAD)
    give_clip(loa_home, approved(cli, "Tin một"), 8)
    with vendor_server([]) as (url, vendor), webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", "wrong-token-123")
        [line] = run_pass(monkeypatch, "16:51")
        assert line.endswith("; delivered to drop-folder; FAILED: upload")
        assert len(vendor.requests) == 1  # a refusal is not retried
        [alert] = alerts
        assert alert["kind"] == "radio.outlet-failed" and "HTTP 401" in alert["message"]
        assert "LOA_RADIO_UPLOAD_TOKEN" in alert["message"] and "wrong-token-123" not in alert["message"]
        monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", TOKEN)  # the operator fixes the token
        assert run_pass(monkeypatch, "16:55") == [f"cchc {DAY} 17:00: delivered; now also to upload"]
    assert len(vendor.stored) == 1 and len(audit_details(loa_home, "radio.delivered")) == 1


def test_an_emergency_goes_out_at_once_everywhere_and_the_slot_goes_on(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch, fast_retries: None) -> None:
    cli = radio(UPLOAD)
    give_clip(loa_home, approved(cli, "Tin thường"), 8)
    urgent = approved(cli, "Cảnh báo bão khẩn cấp", unit="vp", author="mai", priority="emergency")
    give_clip(loa_home, urgent, 6, 880)
    with vendor_server([]) as (url, vendor), webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        [line] = run_pass(monkeypatch, "2026-03-05T10:00:00+07:00")
        assert line == (f"KHẨN CẤP 2026-03-05 10:00:00: article {urgent} sent at once to drop-folder, upload")
        assert run_pass(monkeypatch, "2026-03-05T10:05:00+07:00") == []  # once, never twice
        [alert] = alerts
        assert alert["kind"] == "radio.emergency" and "Cảnh báo bão khẩn cấp" in alert["message"]
        drop = loa_home / "radio" / "phu-khuong" / "khan-cap" / "2026-03-05-100000"
        assert (drop / "program.m3u").is_file() and json.loads((drop / "manifest.json").read_text())["emergency"]
        assert list(vendor.stored) == ["/api/broadcasts/phu-khuong/khan-cap/2026-03-05T0300Z.mp3"]
        rows = json.loads(cli("quota", "status", "--month", "2026-03", "--format", "json").out)
        assert next(r["published"] for r in rows if r["channel"] == "radio") == 1  # aired on arrival, counted
        [line] = run_pass(monkeypatch, "16:52")  # the regular slot: its own items, unchanged
    assert line.endswith("; delivered to drop-folder, upload")
    manifest = json.loads((loa_home / "radio" / "phu-khuong" / "cchc" / DAY / "manifest.json").read_text())
    assert [i["title"] for i in manifest["items"]] == ["Tin thường"]
    assert [d["via"] for d in audit_details(loa_home, "radio.aired")] == ["emergency"]


def test_an_emergency_no_outlet_takes_is_alerted_and_tried_again(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch, fast_retries: None) -> None:
    cli = radio(", outlets: [upload]")
    urgent = approved(cli, "Khẩn cấp", priority="emergency")
    give_clip(loa_home, urgent, 5, 880)
    blocked = loa_home / "blocked"
    blocked.write_text("a file where the drop folder should be")
    monkeypatch.setenv("LOA_RADIO_DROP_DIR", str(blocked / "x"))
    with vendor_server(["503"] * 9) as (url, _), webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        [line] = run_pass(monkeypatch, "2026-03-05T10:00:00+07:00")
    assert "NOT delivered (no outlet took it)" in line
    assert [a["kind"] for a in alerts] == ["radio.outlet-failed", "radio.outlet-failed", "radio.emergency-failed"]
    monkeypatch.delenv("LOA_RADIO_DROP_DIR")
    with vendor_server([]) as (url, vendor):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        [line] = run_pass(monkeypatch, "2026-03-05T10:05:00+07:00")
    assert "sent at once to drop-folder, upload" in line and len(vendor.stored) == 1
