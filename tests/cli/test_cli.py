"""The `loa` verbs that only touch Loa's data, run in process on a real SQLite database."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import Result

Cli = Callable[..., Result]


def _add(cli: Cli, *extra: str) -> Result:
    return cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Dịch vụ công trực tuyến",
               "--body", "Người dân nộp hồ sơ qua Cổng Dịch vụ công quốc gia.", *extra)


def _state(cli: Cli) -> tuple[str, str]:
    """Everything a refused command must leave unchanged: the articles and the audit log."""
    articles = cli("article", "list", "--format", "json")
    log = cli("audit", "export", "--format", "jsonl")
    return articles.out, log.out


def _assert_refused(result: Result, *fragments: str) -> None:
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("loa: error: ") and "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0]


def test_add_prints_the_new_id_alone(planned: Cli) -> None:
    first, second = _add(planned), _add(planned, "--channels", "radio,web", "--topic", "mot-cua")
    assert (first.code, first.out, second.out) == (0, "1\n", "2\n")
    rows = json.loads(planned("article", "list", "--format", "json").out)
    assert [(r["id"], r["status"], r["channels"]) for r in rows] == [
        (1, "draft", "radio,web,facebook,zalo,board"), (2, "draft", "radio,web")]


def test_submit_approve_reject_and_list(planned: Cli) -> None:
    _add(planned), _add(planned)
    assert planned("article", "submit", "1").code == 0
    assert planned("article", "submit", "2").code == 0
    assert planned("article", "approve", "1", "--by", "ngan").code == 0
    assert planned("article", "reject", "2", "--by", "phuc", "--reason", "Thiếu nguồn").code == 0
    listed = list(csv.DictReader(io.StringIO(planned("article", "list", "--format", "csv").out)))
    assert [(r["id"], r["status"]) for r in listed] == [("1", "approved"), ("2", "rejected")]
    assert planned("article", "list", "--status", "approved", "--format", "json").out.count('"id"') == 1
    assert "audit chain intact" in planned("audit", "verify").out


@pytest.mark.parametrize(("args", "fragments"), [
    (["article", "add", "--unit", "khong-co", "--author", "lan", "--title", "T", "--body", "B"], ["unknown unit"]),
    (["article", "add", "--unit", "vhxh", "--author", "ai", "--title", "T", "--body", "B"], ["unknown person 'ai'"]),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", " ", "--body", "B"], ["title is empty"]),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T", "--body", ""], ["body is empty"]),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T", "--body-file", "/nope.txt"],
     ["no such file"]),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T", "--body", "B", "--publish-at", "mai"],
     ["ISO 8601"]),
    (["article", "approve", "1", "--by", "lan"], ["approver role"]),
    (["article", "approve", "1", "--by", "ngan"], ["submitted"]),
    (["article", "approve", "99", "--by", "ngan"], ["no article 99"]),
    (["article", "reject", "1", "--by", "ngan", "--reason", "  "], ["reason"]),
    (["quota", "status", "--month", "2026-13"], ["month 13"]),
    (["quota", "report", "--period", "last month"], ["not one of"]),
])
def test_bad_input_is_one_line_and_changes_nothing(planned: Cli, args: list[str], fragments: list[str]) -> None:
    _add(planned)
    before = _state(planned)
    _assert_refused(planned(*args), *fragments)
    assert _state(planned) == before


def test_four_eyes_and_approving_twice(planned: Cli) -> None:
    planned("article", "add", "--unit", "vhxh", "--author", "phuc", "--title", "T", "--body", "B")
    planned("article", "submit", "1")
    before = _state(planned)
    _assert_refused(planned("article", "approve", "1", "--by", "phuc"), "four eyes")
    assert _state(planned) == before
    assert planned("article", "approve", "1", "--by", "ngan").code == 0
    after = _state(planned)
    _assert_refused(planned("article", "approve", "1", "--by", "ngan"), "already approved")
    assert _state(planned) == after


def test_body_file_not_utf8(planned: Cli, tmp_path: Path) -> None:
    body = tmp_path / "bai.txt"
    body.write_bytes("Cải cách hành chính".encode("utf-16-le"))
    _assert_refused(planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T",
                            "--body-file", str(body)), "not UTF-8")


def test_import_txt_md_docx_once(planned: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "bai"
    folder.mkdir()
    (folder / "a.txt").write_text("Một cửa liên thông\n\nHồ sơ được giải quyết nhanh hơn.", encoding="utf-8")
    (folder / "b.md").write_text("# Chuyển đổi số\n\nNgười dân dùng **VNeID**.", encoding="utf-8")
    document = docx.Document()
    document.add_heading("Văn hóa công vụ", level=1)
    document.add_paragraph("Cán bộ tận tụy phục vụ Nhân dân.")
    document.save(str(folder / "c.docx"))
    first = planned("article", "import", str(folder), "--author", "hung")
    assert first.code == 0, first.err
    assert first.out.count(": article ") == 3
    again = planned("article", "import", str(folder), "--author", "hung")
    assert again.out.count("skipped") == 3
    rows = json.loads(planned("article", "list", "--format", "json").out)
    assert sorted(r["title"] for r in rows) == ["Chuyển đổi số", "Một cửa liên thông", "Văn hóa công vụ"]
    assert {r["unit"] for r in rows} == {"tt-hcc"}


def test_import_refuses_a_fake_docx_and_a_zip_bomb_and_imports_the_rest(planned: Cli, tmp_path: Path) -> None:
    import time

    from tests.media.documents.zipbomb import make_bomb

    (tmp_path / "good.txt").write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    (tmp_path / "fake.docx").write_text("not a word file", encoding="utf-8")
    make_bomb(tmp_path / "bomb.docx")
    (tmp_path / "long.txt").write_text("Bài dài\n\n" + "Cải cách hành chính. " * 6000, encoding="utf-8")
    started = time.perf_counter()
    result = planned("article", "import", str(tmp_path), "--author", "lan")
    assert time.perf_counter() - started < 5
    _assert_refused(result, "bomb.docx", "zip bomb", "3 of 4 files not imported")
    assert "fake.docx" in result.out and "long.txt: " in result.out and "good.txt: article " in result.out
    rows = json.loads(planned("article", "list", "--format", "json").out)
    assert [r["title"] for r in rows] == ["Tiêu đề"]
    again = planned("article", "import", str(tmp_path / "good.txt"), "--author", "lan")
    assert again.code == 0 and "skipped" in again.out
    assert planned("audit", "verify").code == 0


def test_import_never_follows_a_link_out_of_the_folder(planned: Cli, tmp_path: Path) -> None:
    drop = tmp_path / "bai-viet"
    drop.mkdir()
    (drop / "good.txt").write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    (drop / "passwd.txt").symlink_to("/etc/passwd")
    (drop / "he-thong").symlink_to("/etc")
    result = planned("article", "import", str(drop), "--author", "lan")
    _assert_refused(result, "he-thong: a symbolic link (to folder /etc)", "2 of 3 files not imported")
    assert f"not imported: {drop / 'passwd.txt'}: a symbolic link (to file /etc/passwd)" in result.out
    rows = json.loads(planned("article", "list", "--format", "json").out)
    assert [r["title"] for r in rows] == ["Tiêu đề"]
    alone = planned("article", "import", str(drop / "passwd.txt"), "--author", "lan")
    _assert_refused(alone, "passwd.txt: a symbolic link", "1 of 1 files not imported")
    assert len(json.loads(planned("article", "list", "--format", "json").out)) == 1


def test_body_file_may_be_a_link_the_user_named(planned: Cli, tmp_path: Path) -> None:
    """--body-file is one file the user chose by name: a link to it is read (documented in README)."""
    real = tmp_path / "that-muc" / "bai.txt"
    real.parent.mkdir()
    real.write_text("Người dân nộp hồ sơ trực tuyến.", encoding="utf-8")
    (tmp_path / "bai.txt").symlink_to(real)
    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T",
                    "--body-file", str(tmp_path / "bai.txt"))
    assert added.code == 0, added.err
    assert json.loads(planned("article", "list", "--format", "json").out)[0]["title"] == "T"


def test_init_with_a_typo_in_the_plan_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import PLAN

    bad = tmp_path / "plan.yaml"
    bad.write_text(PLAN.read_text(encoding="utf-8").replace("per: month", "per: mont", 1), encoding="utf-8")
    _assert_refused(cli("init", "--plan", str(bad)), str(bad), "quotas[0].per")
    assert not (Path(cli("article", "list").err) / "x").exists()
    _assert_refused(cli("article", "list"), "loa init")


def test_speech_text_one_line_out_per_line_in(cli: Cli) -> None:
    result = cli("speech-text", stdin="Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ\n\nUBND xã\n")
    lines = result.out.split("\n")[:-1]
    assert len(lines) == 3
    assert "bảy mươi sáu" in lines[0] and "hai nghìn không trăm hai mươi mốt" in lines[0]
    assert lines[1] == "" and lines[2] == "Ủy ban nhân dân xã"


def test_speech_text_check_lists_what_loa_cannot_read(cli: Cli) -> None:
    text = "UBND xã thông báo lịch cắt điện chiều 14/9\nBão YAGI, liên hệ vpdkqsdd@yenthanh.gov.vn\n"
    result = cli("speech-text", "--check", stdin=text)
    assert result.code == 1
    assert result.out.splitlines() == [
        "line 2, column 5: 'YAGI': an all-capital word Loa does not know: the voice may spell it or misread it; "
        "write it out or add it to the lexicon",
        "line 2, column 19: 'vpdkqsdd@yenthanh.gov.vn': vpdkqsdd: spelled letter by letter in an address",
    ]
    assert "2 thing(s)" in result.err and "1 line(s)" in result.err
    clean = cli("speech-text", "--check", stdin="UBND xã thông báo lịch cắt điện chiều 14/9\n")
    assert (clean.code, clean.out, clean.err) == (0, "", "")


def test_speech_text_check_lists_an_abbreviation_context_does_not_decide(cli: Cli) -> None:
    result = cli("speech-text", "--check", stdin="Bộ TT&TT và UBND TT Phong Điền\nGửi TT để biết\n")
    assert result.code == 1
    [line] = result.out.splitlines()
    assert line.startswith("line 2, column 5: 'TT': TT: context does not say which it is (")
    assert "Trung tâm" in line and "thị trấn" in line


def test_quota_status_csv_has_the_contract_columns(planned: Cli) -> None:
    out = planned("quota", "status", "--format", "csv").out
    header = next(csv.reader(io.StringIO(out)))
    assert header[:6] == ["unit", "channel", "period", "quota", "published", "met"]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["unit"], r["channel"], r["period"], r["met"]) for r in rows} == {
        ("*", "radio", "2026-03", "false"), ("*", "web", "2026", "false")}


def test_manual_publication_record_counts(planned: Cli) -> None:
    _add(planned)
    planned("article", "submit", "1")
    planned("article", "approve", "1", "--by", "ngan")
    _assert_refused(planned("publication", "record", "--article", "1", "--channel", "radio", "--at",
                            "2026-03-02T07:00+07:00", "--by", "lan"), "before article 1 was approved")
    _assert_refused(planned("publication", "record", "--article", "1", "--channel", "radio", "--at",
                            "2026-03-05T07:00+07:00", "--by", "lan"), "in the future")
    ok = planned("publication", "record", "--article", "1", "--channel", "radio", "--at", "2026-03-02T08:00+07:00",
                 "--by", "lan", "--note", "Đọc trực tiếp tại nhà văn hóa khu phố 3")
    assert ok.code == 0, ok.err
    rows = list(csv.DictReader(io.StringIO(planned("quota", "status", "--format", "csv").out)))
    radio = next(r for r in rows if r["channel"] == "radio")
    assert radio["published"] == "1"


def test_the_auditor_reads_and_exports_but_changes_nothing(planned: Cli) -> None:
    _add(planned)
    planned("article", "submit", "1")
    planned("article", "approve", "1", "--by", "ngan")
    before = _state(planned)
    _assert_refused(planned("article", "add", "--unit", "vhxh", "--author", "thanh", "--title", "T", "--body", "B"),
                    "thanh holds only the auditor role")
    _assert_refused(planned("article", "submit", "1", "--by", "thanh"), "cannot submit")
    _assert_refused(planned("article", "approve", "1", "--by", "thanh"), "approver role")
    _assert_refused(planned("publication", "record", "--article", "1", "--channel", "board", "--at",
                            "2026-03-02T08:00+07:00", "--by", "thanh"), "cannot record publications")
    assert _state(planned) == before
    assert planned("audit", "verify").code == 0
    assert planned("audit", "export", "--format", "csv").out.startswith("seq,at,actor")


def test_approval_stands_when_the_prefect_server_is_down(planned: Cli, monkeypatch: pytest.MonkeyPatch,
                                                         loa_home: Path) -> None:
    import socket
    import sqlite3

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{port}/api")
    _add(planned)
    planned("article", "submit", "1")
    result = planned("article", "approve", "1", "--by", "ngan")
    assert result.code == 0 and "approved by ngan" in result.out
    assert "next `loa publish` sends it" in result.err
    with sqlite3.connect(loa_home / "loa.db") as db:
        queued = db.execute("SELECT event FROM pending_event WHERE emitted_at IS NULL").fetchall()
    assert ("loa.article.approved",) in queued
