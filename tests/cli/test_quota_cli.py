"""`loa quota status | report` and `loa audit verify | export`, in process, on the Phú Khương plan."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Result

Cli = Callable[..., Result]


def _approved(cli: Cli, title: str, channels: str = "radio,web,board", topic: str = "mot-cua") -> str:
    added = cli("article", "add", "--unit", "vhxh", "--title", title, "--body", "Người dân nộp hồ sơ trực tuyến.",
                "--channels", channels, "--topic", topic, "--author", "lan")
    assert added.code == 0, added.err
    article = added.out.strip()
    assert cli("article", "submit", article).code == 0
    approved = cli("article", "approve", article, "--by", "ngan")
    assert approved.code == 0, approved.err
    return article


@pytest.fixture
def recorded(planned: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Two articles approved on 2 March; manual entries on both sides of the March/April boundary."""
    a1 = _approved(planned, "Một cửa liên thông")
    a2 = _approved(planned, "Chỉ số PAR INDEX", topic="chi-so")
    monkeypatch.setenv("LOA_NOW", "2026-04-05T10:00:00+07:00")
    for article, channel, at in [(a1, "radio", "2026-03-31T23:59+07:00"), (a1, "radio", "2026-04-01T00:30+07:00"),
                                 (a1, "radio", "2026-04-02T17:00+07:00"), (a2, "radio", "2026-04-01T00:30+07:00"),
                                 (a1, "web", "2026-03-15T09:00+07:00")]:
        result = planned("publication", "record", "--article", article, "--channel", channel, "--at", at,
                         "--by", "hung", "--note", "đọc trực tiếp")
        assert result.code == 0, result.err
    return planned


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def test_report_csv_counts_local_months(recorded: Cli) -> None:
    march = recorded("quota", "report", "--period", "2026-03", "--format", "csv")
    assert march.code == 0, march.err
    rows = _csv(march.out)
    assert [(r["unit"], r["channel"], r["period"], r["quota"], r["published"], r["met"]) for r in rows] == [
        ("*", "radio", "2026-03", "2", "1", "false"), ("*", "web", "2026", "12", "1", "false")]
    q2 = _csv(recorded("quota", "report", "--period", "2026-Q2", "--format", "csv").out)
    assert [(r["period"], r["published"], r["met"]) for r in q2 if r["channel"] == "radio"] == [
        ("2026-04", "2", "true"), ("2026-05", "0", "false"), ("2026-06", "0", "false")]
    year = _csv(recorded("quota", "report", "--period", "2026", "--format", "csv").out)
    assert len(year) == 13 and sum(int(r["published"]) for r in year if r["channel"] == "radio") == 3


def test_status_shows_pace_and_risk(recorded: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_NOW", "2026-04-25T10:00:00+07:00")
    result = recorded("quota", "status", "--format", "json")
    assert result.code == 0, result.err
    radio = next(r for r in json.loads(result.out) if r["channel"] == "radio")
    assert (radio["period"], radio["published"], radio["met"], radio["at_risk"]) == ("2026-04", 2, "true", "false")
    monkeypatch.setenv("LOA_NOW", "2026-05-25T10:00:00+07:00")
    may = _csv(recorded("quota", "status", "--format", "csv").out)
    radio = next(r for r in may if r["channel"] == "radio")
    assert (radio["published"], radio["expected_by_now"], radio["at_risk"], radio["days_left"]) == (
        "0", "1", "true", "7")
    table = recorded("quota", "status", "--month", "2026-05")
    assert table.code == 0 and "radio    2026-05" in table.out and "at_risk" in table.out


@pytest.mark.parametrize(("args", "message"), [
    (("--period", "2026-13"), "month 13 does not exist"),
    (("--period", "2026-Q5"), "quarter 5 does not exist"),
    (("--period", "last month"), "is not one of"),
    (("--period", "2026-03", "--format", "xlsx"), "give a file with -o"),
    (("--period", "2026-03", "--format", "pdf"), "unknown format 'pdf'"),
])
def test_report_bad_input_is_one_line(planned: Cli, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = planned("quota", "report", *args)
    assert result.code == 1
    assert result.err.startswith("loa: error: ") and message in result.err and result.err.count("\n") == 1


def test_manual_entry_in_the_future_or_before_approval_writes_nothing(planned: Cli,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    article = _approved(planned, "Một cửa")
    before = planned("audit", "export", "--format", "jsonl").out
    future = planned("publication", "record", "--article", article, "--channel", "radio",
                     "--at", "2026-03-03T08:00+07:00", "--by", "hung")
    assert future.code == 1 and "in the future" in future.err
    early = planned("publication", "record", "--article", article, "--channel", "radio",
                    "--at", "2026-03-01T08:00+07:00", "--by", "hung")
    assert early.code == 1 and "before article" in early.err
    assert planned("audit", "export", "--format", "jsonl").out == before
    rows = _csv(planned("quota", "report", "--period", "2026-03", "--format", "csv").out)
    assert rows[0]["published"] == "0"


def test_xlsx_report_sheets_and_contents(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao" / "2026-Q2.xlsx"
    result = recorded("quota", "report", "--period", "2026-Q2", "--format", "xlsx", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out.strip() == str(out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Tổng hợp", "vhxh", "tt-hcc", "vp", "kt-hd", "mttq", "doan-tn", "Danh sách tin bài",
                             "Chủ đề"]
    summary = [tuple(r) for r in wb["Tổng hợp"].iter_rows(values_only=True)]
    assert ("Toàn xã/phường", "Đài truyền thanh (loa)", "2026-04", 2, 2, "Đạt", "tháng", "IV.2.c") in summary
    assert ("Toàn xã/phường", "Đài truyền thanh (loa)", "2026-05", 2, 0, "Chưa đạt", "tháng", "IV.2.c") in summary
    items = [r for r in wb["Danh sách tin bài"].iter_rows(values_only=True) if r[0] and str(r[0]).startswith("2026")]
    assert [(r[0], r[1], r[2], r[3], r[5], r[6]) for r in items] == [
        ("2026-04-01 00:30", "vhxh", "Đài truyền thanh (loa)", "Một cửa liên thông", "Có", "hung"),
        ("2026-04-01 00:30", "vhxh", "Đài truyền thanh (loa)", "Chỉ số PAR INDEX", "Có", "hung"),
        ("2026-04-02 17:00", "vhxh", "Đài truyền thanh (loa)", "Một cửa liên thông", "Có", "hung")]
    topics = {r[0]: (r[2], r[3]) for r in wb["Chủ đề"].iter_rows(values_only=True) if r[1]}
    assert topics["Cơ chế một cửa, một cửa liên thông; TTHC trên môi trường điện tử"] == (1, "Đã có")
    assert topics["Vai trò giám sát của người dân"] == (0, "Chưa có tin, bài")
    vhxh = [r[:7] for r in wb["vhxh"].iter_rows(values_only=True) if r[0] == "Phòng Văn hóa - Xã hội"]
    assert vhxh == [("Phòng Văn hóa - Xã hội", 2, 0, 0, 0, 0, 2)]  # radio 2 articles in Q2, nothing else
    assert _soffice_pdf(out, tmp_path) > 1000


def test_html_report_has_a_chart_per_channel(recorded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "2026-04.html"
    result = recorded("quota", "report", "--period", "2026-04", "--format", "html", "-o", str(out))
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 5  # radio, web, facebook, zalo, board
    assert "Đài truyền thanh (loa): 2 tin, bài" in page and "Chưa có tin, bài" in page
    assert "<script" not in page
    stdout = recorded("quota", "report", "--period", "2026-04", "--format", "html")
    assert stdout.code == 0 and stdout.out.strip() == page.strip()
    shot = tmp_path / "shot.png"
    _chromium_screenshot(out, shot, tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000


def _need(binary: str) -> str:
    found = shutil.which(binary)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{binary} is required in CI")
        pytest.skip(f"{binary} is not installed")
    return found


def _soffice_pdf(xlsx: Path, tmp: Path) -> int:
    soffice = _need("soffice")
    outdir = tmp / "pdf"
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp / 'lo-profile'}",
                           "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx)],
                          capture_output=True, text=True, timeout=120)
    pdf = outdir / (xlsx.stem + ".pdf")
    assert pdf.exists(), proc.stdout + proc.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return pdf.stat().st_size


def _chromium_screenshot(html: Path, png: Path, tmp: Path) -> None:
    chromium = _need("chromium")
    proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={tmp / 'chromium'}", "--window-size=1200,900",
                           f"--screenshot={png}", html.as_uri()], capture_output=True, text=True, timeout=120)
    assert png.exists(), proc.stderr[-2000:]


def test_audit_verify_and_export(recorded: Cli, loa_home: Path) -> None:
    ok = recorded("audit", "verify")
    assert ok.code == 0 and "audit chain intact" in ok.out
    lines = [json.loads(line) for line in recorded("audit", "export", "--format", "jsonl").out.splitlines()]
    radio = recorded("audit", "export", "--channel", "radio", "--unit", "vhxh", "--format", "csv")
    rows = _csv(radio.out)
    assert len(rows) == 4 and {r["action"] for r in rows} == {"publication.published"}
    assert all(json.loads(r["details"])["manual"] for r in rows)
    april = _csv(recorded("audit", "export", "--from", "2026-04-05", "--to", "2026-04-05", "--format", "csv").out)
    assert len(april) == 5  # the five entries recorded on 5 April (local)
    march = _csv(recorded("audit", "export", "--to", "2026-03-31", "--format", "csv").out)
    assert len(march) + len(april) == len(lines)
    bad = recorded("audit", "export", "--from", "yesterday")
    assert bad.code == 1 and "is not a date" in bad.err
    with sqlite3.connect(loa_home / "loa.db") as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 4")
        conn.execute("DROP TRIGGER audit_entry_no_update")  # whoever holds the file can do this
        conn.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 4")
    broken = recorded("audit", "verify")
    assert broken.code == 1 and "entry 4" in broken.err and "mallory" in broken.err
