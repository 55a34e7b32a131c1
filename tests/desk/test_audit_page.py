"""The desk's log page shows the chain's state: verified or broken (the rollup recomputed from the log,
the stored signed checkpoints proven), the last signed checkpoint for the auditor to keep, and when
`loa audit verify` last ran. A real desk on a throwaway SQLite home."""

from __future__ import annotations

import html
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PLAN
from tests.desk.server import PASSWORDS, Desk, env_for, login, start, token

LOA = str(Path(sys.executable).parent / "loa")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("desk-audit") / "var"
    home.mkdir()
    env = env_for(home)
    subprocess.run([LOA, "init", "--plan", str(PLAN)], env=env, check=True, capture_output=True, timeout=60)
    subprocess.run([LOA, "person", "password", "thanh"], input=PASSWORDS["thanh"] + "\n", text=True, env=env,
                   check=True, capture_output=True, timeout=60)
    server = start(home, env)
    yield server
    server.stop()


def _loa(desk: Desk, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([LOA, *args], env=desk.env, capture_output=True, text=True, timeout=60)


def test_the_page_shows_the_last_checkpoint_and_verification_then_a_forged_rollup(desk: Desk) -> None:
    thanh = login(desk, "thanh")
    page = thanh.get(desk.url + "/nhat-ky", timeout=10).text
    assert "Chuỗi nhật ký toàn vẹn" in page and "Chưa có điểm kiểm tra có chữ ký" in page

    signed = _loa(desk, "audit", "checkpoint")
    assert signed.returncode == 0, signed.stderr
    assert _loa(desk, "audit", "verify").returncode == 0
    page = html.unescape(thanh.get(desk.url + "/nhat-ky", timeout=10).text)
    assert "Điểm kiểm tra có chữ ký gần nhất" in page and signed.stdout.strip() in page
    assert "Lần kiểm tra đầy đủ gần nhất" in page and "không có sai lệch" in page
    export = thanh.get(desk.url + "/nhat-ky/xuat", params={"dinh_dang": "jsonl"}, timeout=10).text
    assert signed.stdout.strip() in export  # the auditor's download keeps the signed line with the entries
    kept = desk.home.parent / "nhat-ky.jsonl"
    kept.write_text(export, encoding="utf-8")
    assert _loa(desk, "audit", "verify", "--checkpoint", str(kept)).returncode == 0

    with sqlite3.connect(desk.home / "loa.db") as db:  # one row makes a quota read "met"
        db.execute("INSERT INTO published_mask (commune_id, year, unit_id, channel, article_id, mask) "
                   "SELECT commune_id, 2026, id, 'radio', 1, 4 FROM unit LIMIT 1")
    recheck = thanh.post(desk.url + "/nhat-ky/kiem-tra", data={"csrf": token(page)}, timeout=30)
    text = html.unescape(recheck.text)
    assert recheck.status_code == 200 and "Chuỗi nhật ký BỊ PHÁ VỠ" in text
    assert "published_mask was changed outside Loa" in text


def test_the_log_speaks_vietnamese_to_people_and_english_keys_to_machines(desk: Desk) -> None:
    import csv
    import io
    import json

    thanh = login(desk, "thanh")
    page = html.unescape(thanh.get(desk.url + "/nhat-ky", timeout=10).text)
    main = re.sub(r"<[^>]+>", " ", page[page.index("<main>"):])  # what people read
    assert "Nạp kế hoạch" in main and "Đặt mật khẩu" in main
    for raw in ("plan.loaded", "account.password_set", "None", "True", "False", "loa audit"):
        assert raw not in main, raw
    export = thanh.get(desk.url + "/nhat-ky/xuat", params={"dinh_dang": "csv"}, timeout=10)
    assert export.content.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Số thứ tự", "Thời điểm", "Người thực hiện", "Hành động"]
    actions = {r[3] for r in rows[1:]}
    assert "Đặt mật khẩu" in actions and not any("." in a for a in actions), actions
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", r[1]) for r in rows[1:]), rows[1][1]
    lines = thanh.get(desk.url + "/nhat-ky/xuat", params={"dinh_dang": "jsonl"}, timeout=10).text.splitlines()
    first = json.loads(lines[0])
    assert {"seq", "at", "actor", "action", "hash"} <= set(first) and "." in first["action"]


def test_the_desk_report_csv_is_vietnamese_and_the_command_line_csv_keeps_its_columns(desk: Desk) -> None:
    import csv
    import io

    thanh = login(desk, "thanh")
    got = thanh.get(desk.url + "/chi-tieu/bao-cao", params={"ky": "2026-Q1", "dinh_dang": "csv"}, timeout=60)
    assert got.status_code == 200 and got.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Đơn vị", "Kênh", "Kỳ đánh giá", "Chỉ tiêu", "Đã đăng", "Đạt"]
    assert {r[5] for r in rows[1:]} <= {"Đạt", "Chưa đạt"} and len(rows) > 1
    assert "Đài truyền thanh (loa)" in {r[1] for r in rows[1:]}
    assert not {"vhxh", "radio", "true", "false"} & {cell for r in rows[1:] for cell in r}
    cli = _loa(desk, "quota", "report", "--period", "2026-Q1", "--format", "csv")
    assert cli.returncode == 0 and cli.stdout.splitlines()[0].startswith("unit,channel,period,quota,published,met")
