"""The number reader: Vietnamese rules for không trăm, linh, mốt, lăm, tư, mười/mươi and the scales."""

import pytest

from media.errors import SpeechError
from media.speech.normalize import read_number
from media.speech.normalize.numbers import read_decimal, read_digits, read_numeral


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (2026, "hai nghìn không trăm hai mươi sáu"),
        (50_000, "năm mươi nghìn"),
        (105_000, "một trăm linh năm nghìn"),
        (10**6, "một triệu"),
        (1_000_500, "một triệu năm trăm"),
        (1_000_050, "một triệu không trăm năm mươi"),
        (2_000_000_000, "hai tỷ"),
        (1_000_000_001, "một tỷ không trăm linh một"),
        (1_002_003_004, "một tỷ không trăm linh hai triệu không trăm linh ba nghìn không trăm linh bốn"),
        (10**12, "một nghìn tỷ"),
    ],
)
def test_read_number(value: int, words: str):
    assert read_number(value) == words


def test_le_is_the_southern_variant_of_linh():
    assert read_number(105, zero_tens="lẻ") == "một trăm lẻ năm"
    assert read_number(2026, zero_tens="lẻ") == "hai nghìn không trăm hai mươi sáu"


@pytest.mark.parametrize("value", [-1, 10**12 + 1])
def test_out_of_range_is_a_speech_error(value: int):
    with pytest.raises(SpeechError, match="outside"):
        read_number(value)


def test_digits_and_numerals():
    assert read_digits("1022") == "một không hai hai"
    assert read_numeral("02") == "hai"
    assert read_numeral("0210") == "không hai một không"
    assert read_numeral("1234567890123") == "một hai ba bốn năm sáu bảy tám chín không một hai ba"
    assert read_decimal("1", "5") == "một phẩy năm"
    assert read_decimal("0", "05") == "không phẩy không năm"
