"""As-run: confirmed by the operator, aired by itself when the plan says so, missed and rolled over; two
passes at once give one program and one delivery entry; the radio verbs stay light."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.radio.helpers import DAY, Cli, approved, audit_details, give_clip, run_pass, webhook
from tests.conftest import ROOT


def _quota_radio(cli: Cli) -> str:
    rows = json.loads(cli("quota", "status", "--month", "2026-03", "--format", "json").out)
    return next(str(r["published"]) for r in rows if r["channel"] == "radio")


def test_the_operator_confirms_what_aired_and_bad_confirmations_change_nothing(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio()
    give_clip(loa_home, approved(cli, "Tin một"), 8)
    give_clip(loa_home, approved(cli, "Tin hai", unit="vp", author="mai"), 8, 660)
    live = approved(cli, "Đọc trực tiếp", channels="board")  # read on air by the presenter, entered by hand
    run_pass(monkeypatch, "16:52")
    confirm = ("radio", "confirm", "--slot", "cchc", "--date", DAY, "--by")
    monkeypatch.setenv("LOA_NOW", f"{DAY}T16:58:00+07:00")
    for args, fragment in [((*confirm, "lan"), "has not aired yet; confirm it after air time"),
                           (("radio", "confirm", "--slot", "cchc", "--date", "2026-03-13", "--by", "lan"),
                            "no cchc program on 2026-03-13"),
                           (("radio", "confirm", "--slot", "cchc", "--date", "12/03/2026", "--by", "lan"),
                            "is not a date; use YYYY-MM-DD"),
                           ((*confirm, "thanh"), "thanh holds only the auditor role"),
                           ((*confirm, "nobody"), "unknown person 'nobody'")]:
        result = cli(*args)
        assert result.code == 1 and fragment in result.err and len(result.err.splitlines()) == 1, result
    assert _quota_radio(cli) == "0"
    monkeypatch.setenv("LOA_NOW", f"{DAY}T17:40:00+07:00")
    assert "awaiting confirmation" in run_pass(monkeypatch, "17:40")[0]
    listing = json.loads(cli("radio", "list", "--format", "json").out)
    assert listing[0]["status"] == "delivered (awaiting confirmation)"
    done = cli(*confirm, "lan", "--note", "máy phát tự động")
    assert done.code == 0 and "aired, confirmed by lan; 2 item(s) counted" in done.out
    assert _quota_radio(cli) == "2"
    again = cli(*confirm, "phuc")
    assert again.code == 1 and "already aired (recorded by lan)" in again.err
    assert cli("publication", "record", "--article", str(live), "--channel", "radio", "--at",
               f"{DAY}T17:00:30+07:00", "--by", "phuc", "--note", "đọc trực tiếp").code == 0
    assert _quota_radio(cli) == "3"
    shown = json.loads(cli("radio", "show", "--slot", "cchc", "--date", DAY, "--format", "json").out)[0]
    assert shown["confirmed_by"] == "lan" and shown["as_run"]["aired"]["note"] == "máy phát tự động"
    assert shown["live_reads"] == [{"article": live, "title": "Đọc trực tiếp", "by": "phuc", "note": "đọc trực tiếp"}]
    assert cli("audit", "verify").code == 0


def test_a_slot_the_plan_marks_auto_aired_needs_no_confirmation(radio: Callable[..., Cli], loa_home: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio(", auto_aired: true")
    give_clip(loa_home, approved(cli, "Tin một"), 8)
    run_pass(monkeypatch, "16:52")
    assert run_pass(monkeypatch, "17:01") == [f"cchc {DAY} 17:00: aired (after air time, as the plan says), 1 items"]
    assert _quota_radio(cli) == "1" and audit_details(loa_home, "radio.aired")[0]["via"] == "auto"


def test_unconfirmed_is_missed_alerted_and_its_items_go_to_the_next_occurrence(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio(", confirm_hours: 2")
    give_clip(loa_home, approved(cli, "Tin một"), 8)
    run_pass(monkeypatch, "16:52")
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        assert "awaiting confirmation" in run_pass(monkeypatch, "18:30")[0]
        [line] = run_pass(monkeypatch, "19:05")
    assert line == f"cchc {DAY} 17:00: missed (nobody confirmed it aired within 2 h), 1 items rolled over"
    [alert] = alerts
    assert alert["kind"] == "radio.missed" and "1 item(s) back in the pool" in alert["message"]
    late = cli("radio", "confirm", "--slot", "cchc", "--date", DAY, "--by", "lan")
    assert late.code == 1 and "was recorded missed" in late.err and "loa publication record" in late.err
    assert "program built, 1 items" in run_pass(monkeypatch, "2026-03-26T16:30:00+07:00")[0]
    assert _quota_radio(cli) == "0"


def test_two_passes_at_once_build_one_program_and_write_one_delivery(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio()
    for i in range(3):
        give_clip(loa_home, approved(cli, f"Tin {i}"), 12, 400 + 100 * i)
    go = loa_home / "go"
    code = ("import sys, time, pathlib; from cli.common import runtime; from app.radio.passes import radio_pass\n"
            "print('ready', flush=True)\n"
            f"while not pathlib.Path({str(go)!r}).exists(): time.sleep(0.005)\n"
            "print(radio_pass(runtime()))")
    env = {**os.environ, "LOA_NOW": f"{DAY}T16:52:00+07:00", "PYTHONPATH": str(ROOT)}
    jobs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    assert [job.stdout.readline().strip() for job in jobs] == ["ready", "ready"]  # type: ignore[union-attr]
    go.touch()  # both start their pass at the same moment
    outs = [job.communicate(timeout=120) for job in jobs]
    assert all(job.returncode == 0 for job in jobs), outs
    assert len(audit_details(loa_home, "radio.delivered")) == 1 and len(audit_details(loa_home, "radio.built")) == 1
    said = " ".join(out for out, _ in outs)
    assert "delivered to drop-folder" in said and "being built by another pass" in said
    assert len(list((loa_home / "programs").rglob("program.mp3"))) == 1
    assert not list(loa_home.rglob(".tmp-*"))


def test_the_drop_folder_sweeps_a_crash_leftover_and_keeps_other_communes_out(
        radio: Callable[..., Cli], loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = radio()
    give_clip(loa_home, approved(cli, "Tin một"), 8)
    monkeypatch.setenv("LOA_RADIO_DROP_DIR", str(loa_home / "stations"))  # set by hand, shared by two communes
    drop = loa_home / "stations" / "cchc" / DAY
    drop.mkdir(parents=True)
    stale = drop / ".tmp-crashed.mp3"
    stale.write_bytes(b"half a program")
    os.utime(stale, (0, 0))
    (drop / "manifest.json").write_text(json.dumps({"commune": "another"}), encoding="utf-8")
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        [line] = run_pass(monkeypatch, "16:52")
    assert not stale.exists()
    assert "NOT delivered" in line and "holds a program of another" in alerts[-1]["message"]
    monkeypatch.setenv("LOA_RADIO_DROP_DIR", str(loa_home / "stations" / "{commune}"))
    assert "delivered to drop-folder" in run_pass(monkeypatch, "16:55")[0]
    assert (loa_home / "stations" / "phu-khuong" / "cchc" / DAY / "program.m3u").is_file()


def test_radio_verbs_do_not_import_prefect(radio: Callable[..., Cli], loa_home: Path) -> None:
    radio()
    probe = ("import sys; from cli import main; sys.argv = ['loa', 'radio', 'list']; main(); "
             "sys.argv = ['loa', 'radio', 'show', '--slot', 'cchc', '--date', '2026-03-12']; main(); "
             "print('prefect' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "PYTHONPATH": str(ROOT)},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith("False") and "cchc  2026-03-12 17:00  not planned yet" in run.stdout


def test_list_shows_fill_for_the_coming_occurrences(radio: Callable[..., Cli], loa_home: Path) -> None:
    cli = radio(", min_items: 2")
    for i in range(3):
        give_clip(loa_home, approved(cli, f"Tin {i}"), 25, 400 + 100 * i)
    rows = json.loads(cli("radio", "list", "--days", "40", "--format", "json").out)
    assert [(r["starts_at"], r["items"], r["fill"]) for r in rows] == [
        ("2026-03-12 17:00", 2, "ok"), ("2026-03-26 17:00", 1, "short 1 item(s)"), ("2026-04-09 17:00", 0, "EMPTY")]
    assert rows[0]["minutes_used"] == pytest.approx((50 + 1.2 + 3.7) / 60, abs=0.05)
    with sqlite3.connect(loa_home / "loa.db") as db:
        assert db.execute("SELECT count(*) FROM radio_occurrence").fetchone() == (0,)  # listing changes nothing
    csv_out = cli("radio", "list", "--format", "csv").out.splitlines()
    assert csv_out[0] == "slot,starts_at,status,items,evergreen,minutes_used,minutes,fill,locks_at"


@pytest.mark.parametrize(("args", "fragment"), [
    (["radio", "build", "--slot", "sang", "--date", DAY], "unknown radio slot 'sang'; the plan's slots are: cchc"),
    (["radio", "build", "--slot", "cchc", "--date", "2026-03-13"], "slot cchc does not air on 2026-03-13"),
    (["radio", "show", "--slot", "cchc", "--date", "2026-02-30"], "is not a date"),
    (["radio", "show", "--slot", "cchc", "--date", "9999-01-01"], "between the years 2000 and 2099"),
    (["radio", "show", "--slot", "cchc", "--date", DAY, "--format", "xml"], "unknown format 'xml'"),
    (["radio", "confirm", "--slot", "cchc", "--date", DAY, "--by", "lan", "--at", "5pm"], "not a time of day"),
    (["article", "evergreen", "99", "--by", "lan"], "no article 99"),
])
def test_bad_radio_input_is_one_line_and_changes_nothing(radio: Callable[..., Cli], args: list[str],
                                                         fragment: str) -> None:
    cli = radio()
    before = cli("audit", "export", "--format", "jsonl").out
    result = cli(*args)
    assert result.code == 1 and fragment in result.err and len(result.err.strip().splitlines()) == 1, result
    assert cli("audit", "export", "--format", "jsonl").out == before


def test_each_commune_fills_and_delivers_its_own_slot(cli: Cli, loa_home: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.radio.passes import radio_pass
    from cli.common import runtime
    from tests.conftest import PLAN

    twin = tmp_path / "twin.yaml"
    twin.write_text(PLAN.read_text(encoding="utf-8").replace("code: phu-khuong", "code: sinh-doi"), encoding="utf-8")
    for plan in (PLAN, twin):
        assert cli("init", "--plan", str(plan)).code == 0
    give_clip(loa_home, approved(cli, "Tin Phú Khương", commune="phu-khuong"), 6)
    give_clip(loa_home, approved(cli, "Tin Sinh Đôi", commune="sinh-doi"), 7, 660)
    monkeypatch.setenv("LOA_RADIO_DROP_DIR", str(loa_home / "stations" / "{commune}"))
    monkeypatch.setenv("LOA_NOW", f"{DAY}T16:52:00+07:00")
    for code in ("phu-khuong", "sinh-doi"):
        [line] = radio_pass(runtime(), code)
        assert line.endswith("delivered to drop-folder"), line
    for code, title in (("phu-khuong", "Tin Phú Khương"), ("sinh-doi", "Tin Sinh Đôi")):
        manifest = json.loads((loa_home / "stations" / code / "cchc" / DAY / "manifest.json").read_text())
        assert manifest["commune"] == code and [i["title"] for i in manifest["items"]] == [title]
        shown = json.loads(cli("--commune", code, "radio", "show", "--slot", "cchc", "--date", DAY, "--format",
                               "json").out)[0]
        assert [i["title"] for i in shown["items_detail"]] == [title]
    ambiguous = cli("radio", "list")
    assert ambiguous.code == 1 and "--commune" in ambiguous.err
