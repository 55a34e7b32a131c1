"""How a web or e-mail address label is cut into the syllables it is read as: the fewest pieces, then
the administrative words a commune's address starts with, then initials kept whole."""

from __future__ import annotations

import pytest

from media.speech.normalize.contacts import syllables


@pytest.mark.parametrize(("label", "cut"), [
    ("xayenthanh", ("xa", "yen", "thanh")),  # not xay, en, thanh
    ("phuongphukhuong", ("phuong", "phu", "khuong")),
    ("thitranyenthanh", ("thitran", "yen", "thanh")),
    ("phutho", ("phu", "tho")),  # not phut, ho: "th" is one initial
    ("phunhuan", ("phu", "nhuan")),
    ("truyenhinhvinhlong", ("truyen", "hinh", "vinh", "long")),  # "truye" is no syllable
    ("congan", ("cong", "an")),
    ("longan", ("long", "an")),
    ("xaydung", ("xay", "dung")),
    ("tuyenquang", ("tuyen", "quang")),
    ("ubndphukhuong", ("ubnd", "phu", "khuong")),
])
def test_a_label_is_cut_as_it_is_read(label: str, cut: tuple[str, ...]) -> None:
    assert syllables(label) == cut


@pytest.mark.parametrize("label", ["abcdefghij", "xyz", "qwrt"])
def test_what_is_no_syllable_is_not_cut(label: str) -> None:
    assert syllables(label) is None


def test_a_long_label_is_cut_quickly() -> None:
    assert syllables("a" * 63) == ("a",) * 63  # memoised: linear in the cuts, not exponential
