"""`loa lexicon add | list | remove`: the commune's own readings, in the audit log, read by `loa
speech-text` (and --check) of that commune only; a bad entry is one line on stderr and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.cli.test_voice_cli import zalo  # noqa: F401 - the loopback Zalo voice fixture
from tests.conftest import Result

Cli = Callable[..., Result]
LINE = "Nộp hồ sơ qua KQWZ\n"


def test_add_list_remove_with_the_audit_log(planned: Cli) -> None:
    assert planned("speech-text", stdin=LINE).out == LINE  # unknown: left as written
    added = planned("lexicon", "add", "KQWZ", "  khu   quy hoạch ", "--by", "admin")
    assert added.code == 0 and "KQWZ is read 'khu quy hoạch'" in added.out
    assert planned("speech-text", stdin=LINE).out == "Nộp hồ sơ qua khu quy hoạch\n"
    assert planned("speech-text", "--check", stdin=LINE).code == 0
    [row] = json.loads(planned("lexicon", "list", "--format", "json").out)
    assert (row["abbreviation"], row["reading"], row["added_by"]) == ("KQWZ", "khu quy hoạch", "admin")
    removed = planned("lexicon", "remove", "KQWZ", "--by", "admin")
    assert removed.code == 0 and "was read 'khu quy hoạch'" in removed.out
    assert planned("speech-text", "--check", stdin=LINE).code == 1
    assert json.loads(planned("lexicon", "list", "--format", "json").out) == []
    log = [json.loads(line) for line in planned("audit", "export", "--format", "jsonl").out.splitlines()]
    actions = [(e["action"], e["actor"], json.loads(e["details"]) if isinstance(e["details"], str) else e["details"])
               for e in log if e["action"].startswith("lexicon.")]
    assert [(a, by) for a, by, _ in actions] == [("lexicon.added", "admin"), ("lexicon.removed", "admin")]
    assert actions[0][2] == {"abbreviation": "KQWZ", "reading": "khu quy hoạch"}


def test_bad_entries_are_refused_in_one_line_and_nothing_is_written(planned: Cli) -> None:
    assert planned("lexicon", "add", "KQWZ", "khu quy hoạch").code == 0
    for args, says in ((("KQWZ", "khu khác"), "already read 'khu quy hoạch' in this commune"),
                       (("KQXY", ""), "is empty"), (("KQXY", "khu 3"), "has digits"),
                       (("KQXY", "khu QH"), "which the voice would spell"),
                       (("kq xy", "khu"), "is not an abbreviation"), (("UBND", "ủy ban"), "already in Loa's lexicon")):
        result = planned("lexicon", "add", *args)
        assert result.code == 1 and says in result.err and len(result.err.strip().splitlines()) == 1, result.err
        assert "Traceback" not in result.err
    assert len(json.loads(planned("lexicon", "list", "--format", "json").out)) == 1
    missing = planned("lexicon", "remove", "KQXY")
    assert missing.code == 1 and "no reading of its own for 'KQXY'" in missing.err


def test_speech_text_without_a_database_reads_the_packaged_lexicon(cli: Cli) -> None:
    assert cli("speech-text", stdin=LINE).out == LINE


def test_the_clip_of_an_approved_article_says_the_communes_reading(planned: Cli, zalo, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """produce_audio sends the voice the commune's reading; a new reading sends only the paragraph it changes."""
    from app.production import produce
    from cli.common import runtime

    monkeypatch.setenv("LOA_TTS_ENGINE", "zalo")
    monkeypatch.setenv("LOA_TTS_VOICE", "1")
    assert planned("lexicon", "add", "KQWZ", "khu quy hoạch", "--by", "admin").code == 0
    article = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Bản đồ KQWZ mới",
                      "--body", "Bà con xem bản đồ tại nhà văn hóa.", "--channels", "radio").out.strip()
    assert planned("article", "submit", article).code == 0
    assert planned("article", "approve", article, "--by", "ngan").code == 0
    rt = runtime()
    [version] = produce.versions_needing_audio(rt)
    assert produce.produce_audio(rt, version).outcome == "rendered"
    said = [s.form()["input"] for s in zalo.syntheses()]
    assert any("Bản đồ khu quy hoạch mới" in text for text in said) and not any("KQWZ" in t for t in said), said
    assert planned("lexicon", "remove", "KQWZ").code == 0
    assert planned("lexicon", "add", "KQWZ", "khu quy hoạch đô thị").code == 0
    from app.production.audio import render
    from media.speech.normalize import commune_readings
    from media.speech.speakable import spoken_paragraphs

    before = len(zalo.syntheses())
    with commune_readings({"KQWZ": "khu quy hoạch đô thị"}):
        render(rt, spoken_paragraphs("Bản đồ KQWZ mới", "Bà con xem bản đồ tại nhà văn hóa."), plan=None,
               tags={"title": "x"})
    again = [s.form()["input"] for s in zalo.syntheses()[before:]]
    assert again == ["Bản đồ khu quy hoạch đô thị mới"]  # the body's clip came from the cache


def test_another_commune_never_reads_them(planned: Cli) -> None:
    from tests.conftest import ROOT

    assert planned("init", "--plan", str(ROOT / "schedules" / "plans" / "nghi-duong.yaml")).code == 0
    assert planned("--commune", "phu-khuong", "lexicon", "add", "KQWZ", "khu quy hoạch").code == 0
    assert planned("--commune", "phu-khuong", "speech-text", stdin=LINE).out == "Nộp hồ sơ qua khu quy hoạch\n"
    assert planned("--commune", "nghi-duong", "speech-text", stdin=LINE).out == LINE
    assert planned("--commune", "nghi-duong", "speech-text", "--check", stdin=LINE).code == 1
    assert json.loads(planned("--commune", "nghi-duong", "lexicon", "list", "--format", "json").out) == []
    both = planned("speech-text", stdin=LINE)  # which commune's readings? it says so rather than guess
    assert both.code == 1 and "--commune" in both.err and len(both.err.strip().splitlines()) == 1
