"""Document numbers and dates, read the official way and never with "số số" or "ngày ngày"."""

import re

import pytest

from media.speech.normalize import to_spoken


def test_the_resolution_sentence_of_the_brief():
    spoken = to_spoken("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ")
    assert not re.search(r"\d", spoken)
    assert "NQ" not in spoken and "CP" not in spoken
    for words in ("bảy mươi sáu", "mười lăm", "tháng bảy", "hai nghìn không trăm hai mươi mốt"):
        assert words in spoken
    assert spoken == (
        "Căn cứ Nghị quyết số bảy mươi sáu ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi mốt"
        " của Chính phủ"
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("76/NQ-CP", "Nghị quyết số bảy mươi sáu của Chính phủ"),
        ("theo Nghị quyết 76/NQ-CP.", "theo Nghị quyết số bảy mươi sáu của Chính phủ."),
        ("Nghị định số 118/2025/NĐ-CP của Chính phủ",
         "Nghị định số một trăm mười tám năm hai nghìn không trăm hai mươi lăm của Chính phủ"),
        ("Nghị quyết số 57-NQ/TW về khoa học", "Nghị quyết số năm mươi bảy của Trung ương về khoa học"),
        ("Nghị quyết số 57- NQ/TW và", "Nghị quyết số năm mươi bảy của Trung ương và"),
        ("Nghị quyết số 1669/NQ-UBTVQH15 về việc sắp xếp",
         "Nghị quyết số một nghìn sáu trăm sáu mươi chín của Ủy ban Thường vụ Quốc hội khóa mười lăm về việc sắp xếp"),
        ("Công văn số 4625/BNV-CCHC về việc", "Công văn số bốn nghìn sáu trăm hai mươi lăm của Bộ Nội vụ về việc"),
        ("Chương trình hành động số 89-CTr/TU về", "Chương trình hành động số tám mươi chín của Tỉnh ủy về"),
        ("Kế hoạch số 125/KH-UBND", "Kế hoạch số một trăm hai mươi lăm của Ủy ban nhân dân"),
        ("Chỉ thị số 23/CT-TTg", "Chỉ thị số hai mươi ba của Thủ tướng Chính phủ"),
        ("xem 23/CT-TTg", "xem Chỉ thị số hai mươi ba của Thủ tướng Chính phủ"),
        ("Số: /KH-UBND", "Kế hoạch của Ủy ban nhân dân"),
        ("Số: 125/KH-UBND", "Kế hoạch số một trăm hai mươi lăm của Ủy ban nhân dân"),
        ("Kèm theo Quyết định số /QĐ-UBND ngày tháng 01 năm 2026 của Ủy ban nhân dân xã",
         "Kèm theo Quyết định ngày tháng một năm hai nghìn không trăm hai mươi sáu của Ủy ban nhân dân xã"),
        ("Kế hoạch số 04/KH-UBND", "Kế hoạch số bốn của Ủy ban nhân dân"),
        ("Luật số 80/2015/QH13 về",
         "Luật số tám mươi năm hai nghìn không trăm mười lăm của Quốc hội khóa mười ba về"),
        ("Nghị quyết số 76/NQ-XYZ", "Nghị quyết số bảy mươi sáu của ích-xì i dài dét"),
        ("nhà số 12/ABC", "nhà số mười hai, ABC"),
    ],
)
def test_document_numbers(written: str, spoken: str):
    assert to_spoken(written) == spoken


def test_issuer_named_by_the_sentence_is_not_read_twice():
    after = to_spoken("Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ.")
    before = to_spoken("được Thủ tướng Chính phủ phê duyệt tại Quyết định số 1588/QĐ-TTg ngày 17/12/2024.")
    assert after.count("Thủ tướng Chính phủ") == 1
    assert before.count("Thủ tướng Chính phủ") == 1
    assert "số số" not in to_spoken("Nghị quyết số 76/NQ-CP")
    other_issuer = to_spoken("Chỉ thị số 23/CT-TTg của Thủ tướng Chính phủ và Nghị quyết 76/NQ-CP.")
    assert other_issuer.endswith("Nghị quyết số bảy mươi sáu của Chính phủ.")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ngày 15/7/2021", "ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi mốt"),
        ("hạn 15/7/2021", "hạn ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi mốt"),
        ("ngày 09/01/2026", "ngày mồng chín tháng một năm hai nghìn không trăm hai mươi sáu"),
        ("ngày 15 tháng 01 năm 2026", "ngày mười lăm tháng một năm hai nghìn không trăm hai mươi sáu"),
        ("ngày 07/04/2025", "ngày mồng bảy tháng tư năm hai nghìn không trăm hai mươi lăm"),
        ("tháng 4", "tháng tư"),
        ("tháng 7/2025", "tháng bảy năm hai nghìn không trăm hai mươi lăm"),
        ("ngày 02/9", "ngày mồng hai tháng chín"),
        ("giai đoạn 2021 - 2030", "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi"),
        ("giai đoạn 2026-2030", "giai đoạn hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi"),
        ("quý I/2026", "quý một năm hai nghìn không trăm hai mươi sáu"),
        ("lúc 17h30", "lúc mười bảy giờ ba mươi phút"),
        ("lúc 7h", "lúc bảy giờ"),
        ("từ 7:05 đến 17h00", "từ bảy giờ năm phút đến mười bảy giờ"),
        ("6 tháng cuối năm", "sáu tháng cuối năm"),
        ("ngày 31/12/2025", "ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm"),
    ],
)
def test_dates_and_times(written: str, spoken: str):
    assert to_spoken(written) == spoken


def test_impossible_date_is_not_read_as_a_date():
    assert "tháng" not in to_spoken("tỷ lệ 45/13/2026")
    assert "ngày ngày" not in to_spoken("trước ngày 20/01/2026")
