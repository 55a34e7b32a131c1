"""`loa plan draft` on the five seed plans against the plan files people wrote, and on bad input."""

from __future__ import annotations

from pathlib import Path

import docx
import yaml

from benchmarks.plan_draft import evaluate
from schedules.plan import parse_plan
from schedules.plan_draft import draft_plan
from schedules.plan_draft_yaml import CHECK, render

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def _draft(name: str) -> str:
    return render(draft_plan((SEEDS / f"{name}.txt").read_text(encoding="utf-8").split("\n")), f"{name}.txt")


def test_precision_and_recall_on_the_seed_plans() -> None:
    scores, _, _ = evaluate()
    for field in ("units", "quotas", "topics"):
        assert scores[field].precision >= 0.9 and scores[field].recall >= 0.9, (field, scores[field])


def test_phu_khuong_quotas_quote_their_sentence() -> None:
    text = _draft("phu-khuong")
    plan = yaml.safe_load(text)
    assert {(q["channel"], q["per"], q["min"]) for q in plan["quotas"]} == {("radio", "month", 2), ("web", "year", 12)}
    lines = text.splitlines()
    radio = next(i for i, line in enumerate(lines) if '"channel": "radio"' in line or 'channel: "radio"' in line)
    assert "ít nhất 02 tin/bài" in lines[radio - 1] and lines[radio - 1].lstrip().startswith("# IV.2.c")
    assert plan["commune"] == {"code": "phu-khuong", "name": "Phường Phú Khương", "province": "Vĩnh Long",
                               "timezone": "Asia/Ho_Chi_Minh"}


def test_every_draft_loads_as_a_plan_and_every_entry_has_its_source() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        text = _draft(seed.stem)
        plan = parse_plan(text, source=seed.name)
        assert plan.units and plan.topics
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("  - {"):
                before = [x for x in lines[max(0, i - 2):i] if x.lstrip().startswith("#")]
                assert any('"' in x for x in before), line  # the quoted source sentence


def test_a_plan_without_quota_sentences_is_drafted_with_empty_quotas_saying_so() -> None:
    text = _draft("nghi-duong")
    assert yaml.safe_load(text)["quotas"] == []
    assert any(line.startswith("quotas: []") and CHECK in line for line in text.splitlines())


def test_a_document_that_is_no_plan_gives_an_honest_empty_draft() -> None:
    text = render(draft_plan(["Thông báo lịch tiếp công dân", "Sáng thứ Hai hằng tuần."]), "x.txt")
    plan = yaml.safe_load(text)
    assert plan["units"] == [] and plan["topics"] == [] and plan["quotas"] == []
    assert text.count(CHECK) >= 3


def test_the_verb_drafts_from_a_docx_and_the_draft_loads(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document()
    for line in (SEEDS / "phu-khuong.txt").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            document.add_paragraph(line)
    source = tmp_path / "ke-hoach.docx"
    document.save(str(source))
    out = tmp_path / "plan.yaml"
    result = cli("plan", "draft", str(source), "-o", str(out))
    assert result.code == 0, result.err
    assert "6 units, 2 quotas" in result.out and out.is_file()
    again = cli("plan", "draft", str(source), "-o", str(out))
    assert again.code != 0 and "--force" in again.err
    loaded = cli("init", "--plan", str(out))
    assert loaded.code == 0, loaded.err


def test_the_verb_refuses_an_image_only_pdf_in_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    result = cli("plan", "draft", str(scan), "-o", str(tmp_path / "p.yaml"))
    assert result.code != 0 and len(result.err.strip().splitlines()) == 1 and "no text layer" in result.err
    assert not (tmp_path / "p.yaml").exists()
