"""`loa lexicon add | list | remove`: the commune's own readings, in the audit log, read by `loa
speech-text` (and --check) of that commune only; a bad entry is one line on stderr and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable

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
