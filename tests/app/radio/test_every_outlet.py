"""An emergency reaches every outlet configured, Icecast included, each outlet's result recorded on its own;
two communes of one installation never share a drop folder, a mount or an upload URL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.radio.conftest import MOUNT
from tests.app.radio.helpers import DAY, SLOT, Cli, approved, give_clip, plan_with, run_pass, webhook
from tests.app.radio.vendor import TOKEN, vendor_server
from tests.icecast import LISTEN_RATE, Icecast, Listener, dominant_hz

WHEN = "2026-03-05T10:00:00+07:00"


def test_an_emergency_is_heard_on_icecast_too_and_each_outlet_says_what_it_did(
        on_icecast: Cli, icecast: Icecast, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.radio import air

    urgent = approved(on_icecast, "Cảnh báo lũ khẩn cấp", priority="emergency")
    give_clip(loa_home, urgent, 3, 880)
    listener = Listener(icecast, MOUNT)
    with vendor_server([]) as (url, vendor), webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)  # set: the vendor's system gets emergencies too
        monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", "wrong-token-123")
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        lines = run_pass(monkeypatch, WHEN)
        assert air.wait_for_pushes(timeout=60) == 0
    assert lines[0] == f"KHẨN CẤP 2026-03-05 10:00:00: article {urgent} sent at once to drop-folder, icecast"
    assert lines.failed == ["radio khan-cap 2026-03-05 10:00: upload failed: the radio system at "
                            f"{url.split('/')[2]} refused the upload: HTTP 401 {{\"error\": \"fault 401\"}} "
                            "(check LOA_RADIO_UPLOAD_TOKEN)"]
    heard = listener.heard()
    manifest = json.loads(next((loa_home / "programs" / "phu-khuong" / "khan-cap").glob("*/manifest.json")).read_text())
    assert abs(len(heard) / LISTEN_RATE - manifest["total_s"]) < 0.5
    assert abs(dominant_hz(heard[int(manifest["items"][0]["start_s"] * LISTEN_RATE):][:LISTEN_RATE]) - 880) < 20
    assert len(vendor.requests) == 1 and [a["kind"] for a in alerts] == ["radio.outlet-failed", "radio.emergency"]
    shown = json.loads(on_icecast("radio", "show", "--slot", "khan-cap", "--date", "2026-03-05", "--format",
                                  "json").out)
    outlets = {o["outlet"]: o for o in shown[0]["outlets"]}
    assert {n: (o["status"], o["at"]) for n, o in outlets.items()} == {
        "drop-folder": ("ok", "2026-03-05 10:00:00"), "icecast": ("ok", "2026-03-05 10:00:00"),
        "upload": ("failed", "2026-03-05 10:00:00")}
    assert abs(outlets["icecast"]["pushed_s"] - manifest["total_s"]) < 0.05
    assert "HTTP 401" in outlets["upload"]["reason"]
    assert shown[0]["status"] == "aired"  # on arrival, by the drop folder; the push did not air it twice
    table = on_icecast("radio", "show", "--slot", "khan-cap", "--date", "2026-03-05").out
    assert "outlet upload: FAILED at 2026-03-05 10:00:00: the radio system at" in table
    assert "outlet icecast: ok at 2026-03-05 10:00:00, attempts=1, pushed_s=" in table, table


def test_an_emergency_on_icecast_alone_is_aired_when_its_push_ends(
        on_icecast: Cli, icecast: Icecast, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.radio import air

    monkeypatch.setenv("LOA_RADIO_DROP_DIR", str(loa_home / "blocked" / "{commune}"))
    (loa_home / "blocked").write_text("a file where the station's folder should be")
    give_clip(loa_home, approved(on_icecast, "Khẩn cấp", priority="emergency"), 3, 880)
    listener = Listener(icecast, MOUNT)
    lines = run_pass(monkeypatch, WHEN)
    assert lines[0].endswith("sent at once to icecast") and len(lines.failed) == 1  # the drop folder
    assert air.wait_for_pushes(timeout=60) == 0 and len(listener.heard()) > 0
    [shown] = json.loads(on_icecast("radio", "show", "--slot", "khan-cap", "--date", "2026-03-05", "--format",
                                    "json").out)
    assert shown["status"] == "aired" and shown["as_run"]["aired"]["via"] == "icecast"
    rows = json.loads(on_icecast("quota", "status", "--month", "2026-03", "--format", "json").out)
    assert next(r["published"] for r in rows if r["channel"] == "radio") == 1


@pytest.fixture
def two(radio: Callable[..., Cli], tmp_path: Path) -> Callable[[str], Cli]:
    """Phú Khương and a twin commune (same slot, same people) in one installation, with `extra` slot settings."""
    def setup(extra: str = "") -> Cli:
        cli = radio(extra)
        twin = tmp_path / "twin.yaml"
        twin.write_text(plan_with(tmp_path, SLOT + extra + "}").read_text(encoding="utf-8")
                        .replace("code: phu-khuong", "code: ben-tre"), encoding="utf-8")
        assert cli("init", "--plan", str(twin)).code == 0
        return cli
    return setup


def _pass(monkeypatch: pytest.MonkeyPatch, code: str, when: str = "16:52"):  # type: ignore[no-untyped-def]
    from app.radio.passes import radio_pass
    from cli.common import runtime

    monkeypatch.setenv("LOA_NOW", f"{DAY}T{when}:00+07:00")
    return radio_pass(runtime(), code)


def _both_items(cli: Cli, home: Path) -> None:
    for code in ("phu-khuong", "ben-tre"):
        give_clip(home, approved(cli, f"Tin của {code}", commune=code), 5)


def test_two_communes_on_the_default_drop_folder_each_get_their_own(
        two: Callable[[str], Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = two("")
    _both_items(cli, loa_home)
    for code in ("phu-khuong", "ben-tre"):
        [line] = _pass(monkeypatch, code)
        assert line.endswith("; delivered to drop-folder"), line
        manifest = json.loads((loa_home / "radio" / code / "cchc" / DAY / "manifest.json").read_text())
        assert manifest["commune"] == code and manifest["items"][0]["title"] == f"Tin của {code}"
    assert not (loa_home / "radio" / "cchc").exists()


def test_an_installation_from_before_keeps_its_folder_and_a_new_commune_gets_its_own(
        two: Callable[[str], Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = loa_home / "radio" / "cchc" / "2026-02-26"  # what Phú Khương's station player has been reading
    before.mkdir(parents=True)
    (before / "manifest.json").write_text(json.dumps({"commune": "phu-khuong", "slot": "cchc"}), encoding="utf-8")
    cli = two("")
    _both_items(cli, loa_home)
    for code in ("phu-khuong", "ben-tre"):
        assert _pass(monkeypatch, code)[0].endswith("; delivered to drop-folder")
    assert json.loads((loa_home / "radio" / "cchc" / DAY / "manifest.json").read_text())["commune"] == "phu-khuong"
    assert json.loads((loa_home / "radio" / "ben-tre" / "cchc" / DAY / "manifest.json").read_text())["commune"] \
        == "ben-tre"
    assert not (loa_home / "radio" / "phu-khuong").exists()


def test_an_address_set_by_hand_without_commune_is_refused_once_two_communes_would_share_it(
        two: Callable[[str], Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = two(", outlets: [drop-folder, upload, icecast]")
    _both_items(cli, loa_home)
    monkeypatch.setenv("LOA_RADIO_DROP_DIR", str(loa_home / "station"))
    monkeypatch.setenv("LOA_ICECAST_URL", "http://127.0.0.1:9/loa.mp3")
    monkeypatch.setenv("LOA_ICECAST_PASSWORD", "hackme")
    monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", TOKEN)
    with vendor_server([]) as (url, vendor), webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url + "/{slot}/{starts}.mp3")
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        lines = _pass(monkeypatch, "ben-tre")
    assert lines[0].endswith("built but NOT delivered (every outlet failed; the next pass tries again)")
    assert vendor.requests == [] and not (loa_home / "station").exists()
    said = sorted(a["message"].split(" did not take the program: ")[1] for a in alerts)
    assert said == [f"{name} has no {{commune}} but this installation serves 2 communes: they would share one "
                    f"{what}; put {{commune}} in it" for name, what in (
                        ("LOA_ICECAST_URL", "mount"), ("LOA_RADIO_DROP_DIR", "folder"),
                        ("LOA_RADIO_UPLOAD_URL", "URL"))]
    assert len(lines.failed) == 3
    monkeypatch.setenv("LOA_RADIO_DROP_DIR", str(loa_home / "station" / "{commune}"))
    monkeypatch.setenv("LOA_ICECAST_URL", "http://127.0.0.1:9/{commune}.mp3")
    with vendor_server([]) as (url, vendor):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url + "/{commune}/{slot}/{starts}.mp3")
        line = _pass(monkeypatch, "ben-tre", "16:55")[0]
    assert line.endswith("delivered to drop-folder, upload, icecast") and list(vendor.stored) == [
        "/api/broadcasts/ben-tre/cchc/2026-03-12T1000Z.mp3"]
    assert (loa_home / "station" / "ben-tre" / "cchc" / DAY / "program.m3u").is_file()


def test_an_emergency_takes_the_mount_from_a_slot_on_air_which_then_goes_on_where_it_was(
        on_icecast: Cli, icecast: Icecast, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3
    import time

    monkeypatch.setenv("LOA_ICECAST_PACE", "1")
    monkeypatch.setenv("LOA_RADIO_RETRIES", "6")
    monkeypatch.setenv("LOA_RADIO_RETRY_DELAY_S", "1")
    give_clip(loa_home, approved(on_icecast, "Tin ba", unit="vp", author="mai"), 10, 550)

    def pushes() -> dict[str, tuple]:
        with sqlite3.connect(loa_home / "loa.db") as db:
            rows = db.execute("SELECT o.slot_slug, r.status, r.progress_s, r.detail FROM radio_outlet_result r "
                              "JOIN radio_occurrence o ON o.id = r.occurrence_id WHERE r.outlet = 'icecast'").fetchall()
        return {slot: (status, progress, json.loads(detail or "{}")) for slot, status, progress, detail in rows}

    def until(ready, what: str) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 120
        while not ready():
            assert time.monotonic() < deadline, f"never: {what}"
            time.sleep(0.05)

    run_pass(monkeypatch, f"{DAY}T16:59:59+07:00")
    until(lambda: (pushes()["cchc"][1] or 0) >= 4, "the slot is on air")
    give_clip(loa_home, approved(on_icecast, "Khẩn cấp: lũ", priority="emergency"), 3, 880)
    lines = run_pass(monkeypatch, f"{DAY}T17:00:05+07:00")
    assert "sent at once to drop-folder, icecast" in lines[0]
    until(lambda: [p[0] for p in pushes().values()] == ["ok", "ok"], "both pushes end")
    found = pushes()
    emergency = json.loads(next((loa_home / "programs" / "phu-khuong" / "khan-cap").glob("*/manifest.json"))
                           .read_text())
    slot = json.loads((loa_home / "programs" / "phu-khuong" / "cchc" / DAY / "manifest.json").read_text())
    assert abs(found["khan-cap"][2]["pushed_s"] - emergency["total_s"]) < 0.05
    assert found["cchc"][2]["resumed_at_s"] >= 4 and abs(found["cchc"][2]["pushed_s"] - slot["total_s"]) < 0.05
    assert "another streamer took the push over" in (loa_home / "logs" / "icecast-1.log").read_text()


def test_a_file_outlet_that_missed_an_emergency_gets_it_on_a_later_pass_within_half_an_hour(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio(", outlets: [drop-folder, upload]")
    monkeypatch.setenv("LOA_RADIO_RETRY_DELAY_S", "0.05")
    monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", TOKEN)
    give_clip(loa_home, approved(cli, "Khẩn cấp: bão", priority="emergency"), 3, 880)
    with vendor_server(["503"] * 3) as (url, vendor):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        first = run_pass(monkeypatch, WHEN)
        assert first[0].endswith("sent at once to drop-folder") and "upload failed" in first.failed[0]
        monkeypatch.setenv("LOA_NOW", "2026-03-05T10:05:00+07:00")
        assert cli("publish").code == 0  # the commune is due for it (app.pipeline.due), and the upload takes it now
        assert list(vendor.stored) == ["/api/broadcasts/phu-khuong/khan-cap/2026-03-05T0300Z.mp3"]
        assert run_pass(monkeypatch, "2026-03-05T10:10:00+07:00") == []  # once
    give_clip(loa_home, approved(cli, "Khẩn cấp: lũ", priority="emergency"), 3, 660)
    with vendor_server(["503"] * 3) as (url, vendor):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        assert "upload failed" in run_pass(monkeypatch, "2026-03-05T11:00:00+07:00").failed[0]
        assert run_pass(monkeypatch, "2026-03-05T11:30:00+07:00") == []  # half an hour on: too late to matter
        assert vendor.stored == {}
    shown = json.loads(cli("radio", "show", "--slot", "khan-cap", "--date", "2026-03-05", "--format", "json").out)
    assert [{o["outlet"]: o["status"] for o in s["outlets"]} for s in shown] == [
        {"drop-folder": "ok", "upload": "ok"}, {"drop-folder": "ok", "upload": "failed"}]
