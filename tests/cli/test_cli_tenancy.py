"""Two communes in one database: every verb stays inside the commune it acts on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PLAN, Result

Cli = Callable[..., Result]


@pytest.fixture
def two(cli: Cli, tmp_path: Path) -> Cli:
    """Phú Khương and a twin commune whose people carry the same names (ngan, lan, …)."""
    twin = tmp_path / "twin.yaml"
    twin.write_text(PLAN.read_text(encoding="utf-8").replace("code: phu-khuong", "code: phu-khuong-2")
                    .replace("name: Phường Phú Khương", "name: Phường Sinh Đôi"), encoding="utf-8")
    for plan in (PLAN, twin):
        assert cli("init", "--plan", str(plan)).code == 0
    return cli


def _add(cli: Cli, commune: str) -> str:
    result = cli("article", "add", "--commune", commune, "--unit", "vhxh", "--author", "lan", "--title", "Một cửa",
                 "--body", "Người dân nộp hồ sơ tại bộ phận một cửa.")
    assert result.code == 0, result.err
    return result.out.strip()


def test_an_ambiguous_verb_asks_for_the_commune(two: Cli) -> None:
    result = two("article", "list")
    assert result.code == 1 and "--commune" in result.err and "phu-khuong-2" in result.err
    assert two("--commune", "phu-khuong", "article", "list").code == 0
    assert two("article", "list", "--commune=phu-khuong-2").code == 0


def test_an_approver_cannot_touch_another_communes_article(two: Cli) -> None:
    theirs = _add(two, "phu-khuong-2")
    assert two("article", "submit", theirs, "--commune", "phu-khuong-2").code == 0
    for verb in (["approve", theirs, "--by", "ngan"], ["reject", theirs, "--by", "ngan", "--reason", "x"],
                 ["withdraw", theirs, "--by", "ngan", "--reason", "x"], ["submit", theirs],
                 ["edit", theirs, "--by", "lan", "--title", "Đổi"]):
        result = two("article", *verb, "--commune", "phu-khuong")
        assert result.code == 1 and f"no article {theirs} in phu-khuong" in result.err, (verb, result.err)
    listed = json.loads(two("article", "list", "--commune", "phu-khuong-2", "--format", "json").out)
    assert [(r["id"], r["status"], r["version"]) for r in listed] == [(int(theirs), "submitted", 1)]
    assert json.loads(two("article", "list", "--commune", "phu-khuong", "--format", "json").out) == []


def test_a_publication_recorded_across_communes_is_refused_and_quotas_still_work(two: Cli) -> None:
    theirs = _add(two, "phu-khuong-2")
    two("article", "submit", theirs, "--commune", "phu-khuong-2")
    assert two("article", "approve", theirs, "--by", "ngan", "--commune", "phu-khuong-2").code == 0
    crossed = two("publication", "record", "--commune", "phu-khuong", "--article", theirs, "--channel", "board",
                  "--at", "2026-03-02T08:00+07:00", "--by", "lan")
    assert crossed.code == 1 and "no article" in crossed.err
    for commune in ("phu-khuong", "phu-khuong-2"):
        status = two("quota", "status", "--commune", commune, "--format", "json")
        assert status.code == 0, status.err
        report = two("quota", "report", "--commune", commune, "--period", "2026-Q1", "--format", "csv")
        assert report.code == 0 and report.out.startswith("unit,channel,period,quota,published,met")
    own = two("publication", "record", "--commune", "phu-khuong-2", "--article", theirs, "--channel", "board",
              "--at", "2026-03-02T08:00+07:00", "--by", "lan")
    assert own.code == 0, own.err
