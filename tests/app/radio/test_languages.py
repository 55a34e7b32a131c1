"""A slot with a language sequence (`languages: [vi, hmn]`): each item in Vietnamese, then its approved H'Mông
recording; an item without one is played in Vietnamese and listed as missing; manifest and as-run name the
language of every item."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.app.radio.helpers import DAY, SLOT, Cli, approved, give_clip, plan_with, run_pass
from tests.recordings import make_recording


def _plan(cli: Cli, tmp_path: Path) -> None:
    path = plan_with(tmp_path, SLOT.replace("minutes: 1", "minutes: 3") + ", languages: [vi, hmn]}")
    path.write_text(path.read_text(encoding="utf-8") + "languages: [vi, hmn]\n", encoding="utf-8")
    result = cli("init", "--plan", str(path))
    assert result.code == 0, result.err


def test_each_item_then_its_hmong_reading_and_what_is_missing(cli: Cli, loa_home: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _plan(cli, tmp_path)
    first, second = approved(cli, "Tin một"), approved(cli, "Tin hai")
    give_clip(loa_home, first, 8)
    give_clip(loa_home, second, 8, 660)
    assert cli("article", "translate", str(first), "--language", "hmn", "--title", "Xov xwm ib", "--body",
               "Pawg thawj coj tshaj tawm.", "--by", "lan").code == 0
    assert cli("article", "recording", str(first), str(make_recording(tmp_path, "m4a")), "--language", "hmn",
               "--by", "lan").code == 0
    assert cli("article", "submit", str(first), "--language", "hmn").code == 0
    run_pass(monkeypatch, "16:40")  # built before the translation is approved: Vietnamese only, hmn missing
    shown = json.loads(cli("radio", "show", "--slot", "cchc", "--date", DAY, "--format", "json").out)[0]
    assert [i["language"] for i in shown["items_detail"]] == ["vi", "vi"]
    assert [(m["title"], m["language"]) for m in shown["missing_languages"]] == [("Tin một", "hmn"), ("Tin hai", "hmn")]
    assert cli("article", "approve", str(first), "--language", "hmn", "--by", "ngan").code == 0
    run_pass(monkeypatch, "16:52")  # rebuilt with the approved reading, then locked and delivered
    shown = json.loads(cli("radio", "show", "--slot", "cchc", "--date", DAY, "--format", "json").out)[0]
    items = shown["items_detail"]
    assert [(i["title"], i["language"]) for i in items] == [("Tin một", "vi"), ("Xov xwm ib (H'Mông)", "hmn"),
                                                           ("Tin hai", "vi")]
    assert items[1]["key"] == f"lang:hmn:{items[0]['key']}" and items[1]["start_s"] > items[0]["start_s"]
    assert [(m["title"], m["language"]) for m in shown["missing_languages"]] == [("Tin hai", "hmn")]
    manifest = json.loads((loa_home / Path(shown["program"]).parent / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["languages"] == ["vi", "hmn"] and [i["language"] for i in manifest["items"]] == ["vi", "hmn", "vi"]
    assert _calendar_missing() == ["Tin hai (tiếng H'Mông)"]  # what the desk's Lịch shows under the program
    table = cli("radio", "show", "--slot", "cchc", "--date", DAY).out
    assert "[hmn] Xov xwm ib (H'Mông)" in table and "missing hmn (H'Mông): Tin hai (played in Vietnamese only)" in table
    monkeypatch.setenv("LOA_NOW", f"{DAY}T17:40:00+07:00")
    done = cli("radio", "confirm", "--slot", "cchc", "--date", DAY, "--by", "lan")
    assert done.code == 0 and "2 item(s) counted" in done.out, done  # a language version is not a second article
    shown = json.loads(cli("radio", "show", "--slot", "cchc", "--date", DAY, "--format", "json").out)[0]
    assert [i["language"] for i in shown["as_run"]["items"]] == ["vi", "hmn", "vi"]
    _reports_count_the_hmong_bulletin(cli, tmp_path)


def _reports_count_the_hmong_bulletin(cli: Cli, tmp_path: Path) -> None:
    """The language column in CSV, XLSX and HTML: one H'Mông bulletin of vhxh; the radio quota counts articles."""
    import csv

    from openpyxl import load_workbook

    for fmt in ("csv", "xlsx", "html"):
        made = cli("quota", "report", "--period", "2026-03", "--format", fmt, "-o", str(tmp_path / f"bc.{fmt}"))
        assert made.code == 0, made.err
    rows = list(csv.DictReader((tmp_path / "bc.csv").open(encoding="utf-8")))
    radio = next(r for r in rows if r["channel"] == "radio" and r["unit"] == "*")
    assert radio["published"] == "2" and radio["lang_hmn"] == "1"
    assert {r["lang_hmn"] for r in rows if r["unit"] not in ("*", "vhxh")} <= {"0"}
    sheet = load_workbook(tmp_path / "bc.xlsx").worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in cells if "Bản tin tiếng H'Mông" in r)
    column = header.index("Bản tin tiếng H'Mông")
    unit_rows = cells[cells.index(header) + 1:]
    vhxh = next(r for r in unit_rows if r[0] == "Phòng Văn hóa - Xã hội")
    assert vhxh[column] == 1
    page = (tmp_path / "bc.html").read_text(encoding="utf-8")
    assert "<th>Bản tin tiếng H&#x27;Mông</th>" in page or "<th>Bản tin tiếng H'Mông</th>" in page


def test_a_slot_language_the_plan_does_not_use_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = plan_with(tmp_path, SLOT + ", languages: [vi, hmn]}")
    result = cli("init", "--plan", str(path))
    assert result.code == 1 and "radio_slots[0].languages: 'hmn' is not in the plan's languages" in result.err


def _calendar_missing() -> list[str]:
    from app.calendar import month_calendar
    from cli.common import runtime
    from schedules.periods import parse_period

    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        slots = month_calendar(session, commune, plan, parse_period("2026-03")).slots
    return [name for occ in slots if occ.starts_at.date().isoformat() == DAY for name in occ.missing_languages]


def test_a_reading_the_slot_cannot_hold_never_keeps_the_item_off_the_air(cli: Cli, loa_home: Path,
                                                                          tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan_with(tmp_path, SLOT + ", languages: [vi, hmn]}")  # a 1-minute slot
    path.write_text(path.read_text(encoding="utf-8") + "languages: [vi, hmn]\n", encoding="utf-8")
    assert cli("init", "--plan", str(path)).code == 0
    article = approved(cli, "Tin dài")
    give_clip(loa_home, article, 40)
    assert cli("article", "translate", str(article), "--language", "hmn", "--body", "Xov xwm ntev.", "--by",
               "lan").code == 0
    long_reading = make_recording(tmp_path, "mp3", expr="0.3*sin(2*PI*220*t)*between(t,1,31)", seconds=32)
    assert cli("article", "recording", str(article), str(long_reading), "--language", "hmn", "--by", "lan").code == 0
    assert cli("article", "submit", str(article), "--language", "hmn").code == 0
    assert cli("article", "approve", str(article), "--language", "hmn", "--by", "ngan").code == 0
    [line] = run_pass(monkeypatch, "16:52")
    assert "1 items" in line, line
    shown = json.loads(cli("radio", "show", "--slot", "cchc", "--date", DAY, "--format", "json").out)[0]
    assert [i["language"] for i in shown["items_detail"]] == ["vi"]
    assert [m["language"] for m in shown["missing_languages"]] == ["hmn"]
    with sqlite3.connect(loa_home / "loa.db") as db:
        assert db.execute("SELECT status FROM publication").fetchall() == [("scheduled",)]  # not failed: on air
