"""A commune's own readings: taken beside the packaged lexicon inside `commune_readings`, never outside
it nor in another commune's block (nor in another thread); a bad entry is refused in one line."""

from __future__ import annotations

import threading

import pytest

from media.speech.normalize import annotate, commune_readings, to_spoken
from media.speech.normalize.own_readings import addable, refusal

TEXT = "Người dân nộp hồ sơ qua KQWZ của UBND xã."
PHU_KHUONG = {"KQWZ": "khu quy hoạch"}
NGHI_DUONG = {"XYZQ": "xác nhận"}


def test_the_commune_readings_apply_inside_the_block_only() -> None:
    assert [d.text for d in annotate(TEXT).doubts] == ["KQWZ"]
    with commune_readings(PHU_KHUONG):
        assert to_spoken(TEXT) == "Người dân nộp hồ sơ qua khu quy hoạch của Ủy ban nhân dân xã."
        assert annotate(TEXT).doubts == ()
        assert annotate(TEXT).spoken == to_spoken(TEXT)
    assert "KQWZ" in to_spoken(TEXT)  # gone again after the block


def test_they_do_not_leak_to_another_commune_or_thread() -> None:
    with commune_readings(PHU_KHUONG):
        with commune_readings(NGHI_DUONG):  # another commune's work inside: only its own readings
            assert "KQWZ" in to_spoken(TEXT) and to_spoken("XYZQ") == "Xác nhận"
        assert "khu quy hoạch" in to_spoken(TEXT)
        seen: list[str] = []
        other = threading.Thread(target=lambda: seen.append(to_spoken(TEXT)))
        other.start()
        other.join()
        assert "KQWZ" in seen[0]  # a thread that did not enter the block reads the packaged lexicon


def test_they_read_in_running_text_and_in_parentheses_like_packaged_entries() -> None:
    with commune_readings(PHU_KHUONG):
        assert to_spoken("Bản đồ khu quy hoạch (KQWZ) mới") == "Bản đồ khu quy hoạch mới"
        assert to_spoken("KQWZ-2026") != ""  # a compound is left to the code rules, never crashes
        assert to_spoken("AKQWZ") == "AKQWZ"  # not inside a longer word


@pytest.mark.parametrize(("abbreviation", "reading", "says"), [
    ("KQWZ", "", "is empty"),
    ("KQWZ", "khu 2", "has digits"),
    ("KQWZ", ("khu " * 60).strip(), "characters long"),
    ("KQWZ", "khu @ quy", "has signs"),
    ("KQWZ", "khu QH", "QH, which the voice would spell"),
    ("kqwz", "khu quy hoạch", "is not an abbreviation"),
    ("KQ WZ", "khu quy hoạch", "is not an abbreviation"),
    ("K", "ka", "is not an abbreviation"),
    ("12", "mười hai", "is not an abbreviation"),
    ("UBND", "ủy ban", "already in Loa's lexicon"),
    ("TT", "trung tâm", "already in Loa's lexicon"),  # context rows only: still the packaged lexicon's
])
def test_a_bad_entry_is_refused_in_one_line(abbreviation: str, reading: str, says: str) -> None:
    why = refusal(abbreviation, reading, {})
    assert why is not None and says in str(why) and "\n" not in str(why)


def test_a_duplicate_is_refused_and_a_good_entry_is_not() -> None:
    assert "already read 'khu quy hoạch'" in str(refusal("KQWZ", "khác", PHU_KHUONG) or "")
    assert refusal("KQWZ", "khu quy hoạch", {}) is None
    assert refusal("HTX2", "hợp tác xã hai", {}) is None  # digits may be in the abbreviation
    assert addable("KQWZ") and not addable("UBND") and not addable("15/9")
