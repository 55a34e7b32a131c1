"""Strict inputs: usage errors, plan files, ids, dates and statuses give one line, and change nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PLAN, Result

Cli = Callable[..., Result]


def _state(cli: Cli) -> tuple[str, str]:
    return cli("article", "list", "--format", "json").out, cli("audit", "export", "--format", "jsonl").out


@pytest.mark.parametrize("args", [
    ["artcle", "list"], ["article", "add", "--unit"], ["article", "submit", "abc"], ["--bogus"],
    ["article", "submit", str(2**64)], ["article", "approve", "0", "--by", "ngan"],
    ["quota", "status", "--format"], ["article", "approve", "1"],
])
def test_usage_errors_are_a_short_message_not_a_traceback(planned: Cli, args: list[str]) -> None:
    before = _state(planned)
    result = planned(*args)
    assert result.code == 2, result
    assert "Traceback" not in result.err and "Error:" in result.err and len(result.err.splitlines()) <= 6
    assert _state(planned) == before


@pytest.mark.parametrize(("args", "fragment"), [
    (["article", "list", "--status", "bogus"], "unknown status 'bogus'"),
    (["article", "add", "--unit", "vhxh", "--title", "T", "--body", "B"], "Missing option '--author'"),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T", "--body", "B",
      "--publish-at", "9999-12-31T23:30-05:00"], "is not an ISO 8601 time"),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T", "--body", "B",
      "--publish-at", "2300-01-01T08:00+07:00"], "between the years 2000 and 2099"),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T", "--body-file", "/dev/zero"],
     "not a regular file"),
    (["article", "add", "--unit", "vhxh", "--author", "lan", "--title", "T", "--body-file", "/"], "is a folder"),
    (["publication", "record", "--article", "1", "--channel", "board", "--at", "10000-01-01", "--by", "lan"],
     "not an ISO 8601 time"),
])
def test_bad_values_are_one_line(planned: Cli, args: list[str], fragment: str) -> None:
    before = _state(planned)
    result = planned(*args)
    assert result.code != 0 and fragment in result.err and "Traceback" not in result.err, result
    assert _state(planned) == before


def test_plan_paths_that_are_not_plan_files(cli: Cli, tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: nothing is written, but it is too big to be a plan
    for path, fragment in [(tmp_path, "is a folder"), (Path("/dev/zero"), "not a regular file"),
                           (loop, "cannot be read"), (huge, "a plan file is at most"),
                           (tmp_path / "none.yaml", "no such plan file")]:
        result = cli("init", "--plan", str(path))
        assert result.code == 1 and fragment in result.err and len(result.err.splitlines()) == 1, (path, result)


def test_a_key_given_twice_in_a_plan_is_an_error_naming_it(cli: Cli, tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    twice = tmp_path / "twice.yaml"
    twice.write_text(text + "people:\n  - {name: lan, full_name: Lan, unit: vhxh, roles: [approver, admin]}\n",
                     encoding="utf-8")
    result = cli("init", "--plan", str(twice))
    first = 1 + text.splitlines().index("people:")
    assert result.code == 1 and f"key 'people' appears twice (first on line {first})" in result.err, result.err
    assert "Traceback" not in result.err
    nested = tmp_path / "nested.yaml"
    nested.write_text(text.replace("{code: vhxh, name: Phòng Văn hóa - Xã hội}",
                                   "{code: vhxh, name: Phòng Văn hóa - Xã hội, code: vp}"), encoding="utf-8")
    assert "key 'code' appears twice" in cli("init", "--plan", str(nested)).err


@pytest.mark.parametrize(("body", "fragment"), [
    ("🎉🎉🎉 !!! … ???", "nothing to speak"),
    ("Ủy ban nhân dân thông báo. " * 900, "one clip holds at most"),
    ("x" * 100_001, "an article holds at most"),
])
def test_articles_that_could_never_be_published_are_refused_at_add(planned: Cli, tmp_path: Path, body: str,
                                                                   fragment: str) -> None:
    before = _state(planned)
    file = tmp_path / "bai.txt"
    file.write_text(body, encoding="utf-8")
    result = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "🎉",
                     "--channels", "radio,web", "--body-file", str(file))
    assert result.code == 1 and fragment in result.err and len(result.err.splitlines()) == 1, result.err
    assert _state(planned) == before


def test_withdraw_and_edit(planned: Cli) -> None:
    add = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Một cửa",
                  "--body", "Nộp hồ sơ tại bộ phận một cửa.")
    article = add.out.strip()
    planned("article", "submit", article)
    assert planned("article", "approve", article, "--by", "ngan").code == 0
    edited = planned("article", "edit", article, "--by", "lan", "--body", "Nộp hồ sơ trực tuyến.")
    assert edited.code == 0 and "is draft, version 2" in edited.out
    assert planned("article", "edit", article, "--by", "hung", "--title", "X").code == 1  # another unit's editor
    refused = planned("article", "withdraw", article, "--by", "thanh", "--reason", "Sai")
    assert refused.code == 1 and "role" in refused.err  # an auditor changes nothing
    assert planned("article", "withdraw", article, "--by", "ngan", "--reason", " ").code == 1
    assert planned("article", "withdraw", article, "--by", "ngan", "--reason", "Trùng bài").code == 0
    assert planned("article", "withdraw", article, "--by", "ngan", "--reason", "again").code == 1
    log = planned("audit", "export", "--format", "jsonl").out
    assert '"article.withdrawn"' in log and "Trùng bài" in log and '"article.revised"' in log


def test_an_item_longer_than_every_radio_slot_is_flagged_at_approval(planned: Cli, tmp_path: Path) -> None:
    file = tmp_path / "dai.txt"
    file.write_text("Ủy ban nhân dân phường thông báo lịch tiếp công dân định kỳ. " * 260, encoding="utf-8")
    article = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Thông báo dài",
                      "--channels", "radio,web", "--body-file", str(file)).out.strip()
    planned("article", "submit", article)
    approved = planned("article", "approve", article, "--by", "ngan")
    assert approved.code == 0 and "approved by ngan" in approved.out
    assert "longer than any radio slot can hold" in approved.err and "split it" in approved.err
    short = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Ngắn", "--body", "Một cửa.")
    planned("article", "submit", short.out.strip())
    assert planned("article", "approve", short.out.strip(), "--by", "ngan").err == ""


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_text_typed_in_an_old_vietnamese_font_is_stored_as_unicode(planned: Cli, tmp_path: Path,
                                                                     encoding: str) -> None:
    from media.documents.legacy import encode

    body = "Người dân nộp hồ sơ trực tuyến tại Cổng dịch vụ công quốc gia, không phải đến trụ sở xã."
    saved = tmp_path / "bai.txt"  # as Notepad saved it from a .VnTime / VNI-Times document: 8-bit bytes
    saved.write_bytes(encode(body, encoding).encode("latin-1"))
    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title",
                    encode("chuyển đổi số", encoding), "--body-file", str(saved))
    assert added.code == 0, added.err
    article = added.out.strip()
    pasted = "Từ ngày 01/3, người dân tra cứu hồ sơ bằng mã QR trên giấy hẹn."
    assert planned("article", "edit", article, "--by", "lan", "--body", encode(pasted, encoding)).code == 0
    from cli.common import runtime
    from storage.models import Article

    with runtime().tx() as session:
        stored = session.get(Article, int(article))
        assert stored is not None and stored.current.title == "chuyển đổi số"  # TCVN3: no toned capitals
        assert stored.current.body == pasted and stored.versions[0].body == body
