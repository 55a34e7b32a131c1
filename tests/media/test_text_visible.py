"""Invisible characters are removed from text, so what staff see is what a reader of the Page sees."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from media.text import clean_line, clean_text, visible
from storage.fields import clean_text as stored_text
from storage.fields import clean_title

SPOOFS = {
    "bidi override": "Thông báo \u202enừhc ốs\u202c số 12",
    "bidi isolates": "Quyết định \u2067số 215\u2069 \u2066ngày 1/3\u2069",
    "marks": "Nghị\u200e quyết\u200f 76\u061c/NQ-CP",
    "zero width": "Dịch\u200b vụ\u200c công\u200d trực\u2060 tuyến\ufeff",
    "soft hyphen and tags": "Cải cách\u00ad hành chính\U000e0001\U000e0069\U000e0067\U000e006e\U000e007f",
    "fillers": "Ủy ban\u3164 nhân\u115f dân\u180e",
}


def test_every_format_character_of_this_python_is_removed():
    every = [chr(i) for i in range(sys.maxunicode + 1) if unicodedata.category(chr(i)) == "Cf"]
    assert len(every) > 150
    assert [f"U+{ord(c):04X}" for c in every if visible(f"a{c}b") != "ab"] == []


@pytest.mark.parametrize("kind", sorted(SPOOFS))
def test_spoofing_text_keeps_only_what_is_seen(kind):
    text = SPOOFS[kind]
    for cleaned in (visible(text), clean_text(text), clean_line(text), stored_text(text), clean_title(text)):
        assert not [c for c in cleaned if unicodedata.category(c) in ("Cf", "Cc") or c in "\u3164\u115f"]
    assert clean_title(SPOOFS["zero width"]) == "Dịch vụ công trực tuyến"
    assert clean_title(SPOOFS["bidi override"]) == "Thông báo nừhc ốs số 12"  # shown as stored, not reversed


def test_a_variation_selector_stays_on_an_emoji_and_goes_elsewhere():
    assert visible("Hãy ❤\ufe0f quê hương") == "Hãy ❤\ufe0f quê hương"
    assert visible("Thông\ufe0f báo\ufe00\ufe0f") == "Thông báo"
    assert visible("❤\ufe0f\ufe0f\ufe0e") == "❤\ufe0f"
    assert visible("chữ 字\U000e0100") == "chữ 字"


def test_line_separators_become_line_ends_and_vietnamese_is_untouched():
    assert clean_text("Dòng một\u2028dòng hai\u2029Đoạn hai") == "Dòng một\ndòng hai\n\nĐoạn hai"
    plain = "Ủy ban nhân dân phường Phú Khương thông báo: người dân nộp hồ sơ trực tuyến. 👨‍💻 ❤️"
    assert clean_text(plain.replace("\u200d", "")) == plain.replace("\u200d", "")
    assert clean_text("a\u200b\u0301") == "á"  # a mark that now follows its letter is composed (NFC)


def test_a_title_of_invisible_characters_only_is_empty():
    from storage.errors import InvalidInput

    with pytest.raises(InvalidInput, match="the title is empty"):
        clean_title("\u202e\u200b\u2066\u2069\ufeff")
