"""The radio pass on a real SQLite home with real MP3 clips: lead time, rebuilds, lock, fill, alerts.
No Prefect: app.radio is plain functions."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from media.radio.mp3frames import scan
from tests.app.radio.helpers import (
    DAY,
    SLOT,
    Cli,
    approved,
    audit_details,
    give_clip,
    plan_with,
    run_pass,
    tone,
    webhook,
)


def _manifest(home: Path) -> dict:
    return json.loads((home / "radio" / "phu-khuong" / "cchc" / DAY / "manifest.json").read_text(encoding="utf-8"))


def test_built_at_lead_time_rebuilt_while_the_pool_changes_and_delivered_when_locked(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio()
    give_clip(loa_home, approved(cli, "Tin một"), 12)
    assert run_pass(monkeypatch, "15:30") == []  # before the lead time: nothing yet
    [line] = run_pass(monkeypatch, "16:05")
    assert "program built, 1 items" in line and not (loa_home / "radio" / "phu-khuong" / "cchc" / DAY).exists()
    assert "program up to date" in run_pass(monkeypatch, "16:10")[0]
    give_clip(loa_home, approved(cli, "Tin hai", unit="tt-hcc", author="hung"), 10, 660)
    assert "program built, 2 items" in run_pass(monkeypatch, "16:20")[0]
    assert [d["items"] for d in audit_details(loa_home, "radio.built")] == [1, 2]
    old_umask = os.umask(0o077)  # a private umask must not make the station's files private
    try:
        [line] = run_pass(monkeypatch, "16:51")  # locked ten minutes before air: delivered
    finally:
        os.umask(old_umask)
    assert line.endswith("delivered to drop-folder")
    drop = loa_home / "radio" / "phu-khuong" / "cchc" / DAY
    assert sorted(p.name for p in drop.iterdir()) == ["manifest.json", "program.m3u", "program.mp3"]
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in drop.iterdir())
    assert all(d.stat().st_mode & 0o777 == 0o755 for d in (loa_home / "radio", drop.parent, drop))
    assert (drop / "program.m3u").read_text(encoding="utf-8").splitlines()[2] == "program.mp3"
    assert abs(scan((drop / "program.mp3").read_bytes()).duration_s - _manifest(loa_home)["total_s"]) < 0.01
    give_clip(loa_home, approved(cli, "Tin muộn"), 5)  # after the lock: waits for the next occurrence
    assert run_pass(monkeypatch, "16:55") == [f"cchc {DAY} 17:00: delivered"]
    assert [i["title"] for i in _manifest(loa_home)["items"]] == ["Tin hai", "Tin một"]
    assert len(audit_details(loa_home, "radio.delivered")) == 1
    listing = json.loads(cli("radio", "list", "--format", "json").out)
    assert [(r["starts_at"], r["status"], r["items"]) for r in listing][:2] == [
        (f"{DAY} 17:00", "delivered", 2), ("2026-03-26 17:00", "not planned yet", 1)]


def test_under_its_minimum_a_slot_is_topped_up_with_evergreen_and_alerted_before_air(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio(", min_items: 3")
    standing = approved(cli, "Thông báo thường trực", unit="vp", author="mai")
    give_clip(loa_home, standing, 8, 330)
    run_pass(monkeypatch, "2026-03-10T08:00:00+07:00")
    refused = cli("article", "evergreen", str(standing), "--by", "hung")
    assert refused.code == 1 and "not of vp" in refused.err
    assert cli("article", "evergreen", str(standing), "--by", "mai").out.strip() == f"article {standing} is evergreen"
    # the standing notice aired once already (its own publication): now it is only filler
    with sqlite3.connect(loa_home / "loa.db") as db:
        db.execute("UPDATE publication SET status = 'published', published_at = '2026-02-26 10:00:00' "
                   "WHERE article_id = ?", (standing,))
    give_clip(loa_home, approved(cli, "Tin duy nhất"), 10)
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        assert "program built, 2 items" in run_pass(monkeypatch, "16:10")[0]
        run_pass(monkeypatch, "16:20")  # the same shortfall is not alerted twice
    [alert] = alerts
    assert alert["kind"] == "radio.under-fill" and alert["slot"] == "cchc" and alert["commune"] == "phu-khuong"
    assert "under its minimum of 3 item(s)" in alert["message"] and "short by 2 item(s)" in alert["message"]
    assert "topped up with 1 evergreen item(s)" in alert["message"] and "still short by 1 item(s)" in alert["message"]
    run_pass(monkeypatch, "16:55")
    shown = cli("radio", "show", "--slot", "cchc", "--date", DAY)
    assert "Thông báo thường trực (evergreen)" in shown.out and "Tin duy nhất" in shown.out
    monkeypatch.setenv("LOA_NOW", f"{DAY}T17:20:00+07:00")
    assert "1 item(s) counted" in cli("radio", "confirm", "--slot", "cchc", "--date", DAY, "--by", "lan").out
    [aired] = audit_details(loa_home, "radio.aired")
    assert (aired["items"], aired["evergreen"], aired["via"]) == (1, 1, "operator")


def test_an_empty_slot_never_goes_out_silently(radio: Callable[..., Cli], loa_home: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    radio()
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        assert run_pass(monkeypatch, "16:10") == [f"cchc {DAY} 17:00: nothing to air yet"]
        run_pass(monkeypatch, "16:52")
        run_pass(monkeypatch, "17:05")
    kinds = [a["kind"] for a in alerts]
    assert kinds == ["radio.under-fill", "radio.empty", "radio.missed"]
    assert "would go out EMPTY" in alerts[0]["message"] and "NOTHING to air" in alerts[1]["message"]
    assert "no program was built" in alerts[2]["message"] and not (loa_home / "radio").exists()


def test_units_behind_their_radio_quota_speak_first(cli: Cli, loa_home: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plan_with(tmp_path, SLOT + "}")
    text = plan.read_text(encoding="utf-8").replace(
        "quotas:\n", "quotas:\n  - {channel: radio, scope: each-unit, per: month, min: 1}\n", 1)
    plan.write_text(text, encoding="utf-8")
    assert cli("init", "--plan", str(plan)).code == 0
    older = approved(cli, "Tin cũ của VHXH")
    give_clip(loa_home, older, 30)
    newer = approved(cli, "Tin mới của Trung tâm", unit="tt-hcc", author="hung")
    give_clip(loa_home, newer, 30, 660)
    aired = approved(cli, "Tin đã đọc", channels="board")
    monkeypatch.setenv("LOA_NOW", "2026-03-04T08:00:00+07:00")
    recorded = cli("publication", "record", "--article", str(aired), "--channel", "radio", "--at",
                   "2026-03-03T07:00+07:00", "--by", "lan", "--note", "đọc trực tiếp")
    assert recorded.code == 0, recorded.err
    run_pass(monkeypatch, "16:10")
    show = json.loads(cli("radio", "show", "--slot", "cchc", "--date", DAY, "--format", "json").out)[0]
    # vhxh has met its quota with the live read; tt-hcc has not: its newer item goes, the older one waits
    assert [i["title"] for i in show["items_detail"]] == ["Tin mới của Trung tâm"]


def test_a_clip_missing_on_disk_is_skipped_and_alerted_and_the_program_still_built(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio()
    give_clip(loa_home, approved(cli, "Còn"), 10).exists()
    give_clip(loa_home, approved(cli, "Mất", unit="vp", author="mai"), 10, 550).unlink()
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        [line] = run_pass(monkeypatch, "16:52")
    assert "delivered to drop-folder" in line and [i["title"] for i in _manifest(loa_home)["items"]] == ["Còn"]
    [missing] = [a for a in alerts if a["kind"] == "radio.clip-missing"]
    assert "'Mất' is missing on disk" in missing["message"] and "stays in the pool" in missing["message"]
    with sqlite3.connect(loa_home / "loa.db") as db:
        state = db.execute("SELECT p.status, p.occurrence_id FROM publication p JOIN article_version v "
                           "ON v.id = p.article_version_id WHERE v.title = 'Mất'").fetchone()
    assert state == ("scheduled", None)  # nothing lost: it waits for its clip


def test_a_slot_shorter_than_its_jingles_alerts_and_keeps_the_pool(radio: Callable[..., Cli], loa_home: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tone(loa_home / "jingles" / "intro.mp3", 40, 523)
    tone(loa_home / "jingles" / "outro.mp3", 25, 392)
    cli = radio(", intro_jingle: jingles/intro.mp3, outro_jingle: jingles/outro.mp3")
    give_clip(loa_home, approved(cli, "Chờ"), 5)
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        assert run_pass(monkeypatch, "16:52") == [f"cchc {DAY} 17:00: not built (slot too short)"]
        run_pass(monkeypatch, "17:10")
    assert "shorter than its jingles" in alerts[0]["message"] and "items wait in the pool" in alerts[0]["message"]
    assert alerts[-1]["kind"] == "radio.missed"
    with sqlite3.connect(loa_home / "loa.db") as db:
        assert db.execute("SELECT status, occurrence_id FROM publication").fetchall() == [("scheduled", None)]


def test_an_item_longer_than_every_slot_is_flagged_and_taken_out(radio: Callable[..., Cli], loa_home: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio()
    long_one = approved(cli, "Quá dài")
    give_clip(loa_home, long_one, 75)
    give_clip(loa_home, approved(cli, "Vừa"), 10, 660)
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        assert "program built, 1 items" in run_pass(monkeypatch, "16:10")[0]
    [flag] = [a for a in alerts if a["kind"].startswith("radio.too-long")]
    assert f"article {long_one} 'Quá dài' cannot go on the radio" in flag["message"] and "split it" in flag["message"]
    with sqlite3.connect(loa_home / "loa.db") as db:
        status, error = db.execute("SELECT status, last_error FROM publication WHERE article_id = ?",
                                   (long_one,)).fetchone()
    assert status == "failed" and "longer than any radio slot" in error
