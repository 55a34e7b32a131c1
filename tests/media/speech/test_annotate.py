"""annotate: the same spoken form as to_spoken, the spans it expanded and what it is not sure of."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from media.errors import SpeechError
from media.speech.normalize import annotate, to_spoken

TEXT = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ\nUBND xã thông báo: bão YAGI đổ bộ"


def test_expanded_spans_point_into_both_texts():
    annotated = annotate(TEXT)
    assert annotated.spoken == to_spoken(TEXT)
    found = {(span.written, span.spoken, span.kinds) for span in annotated.expanded}
    assert ("số 76/NQ-CP", "số bảy mươi sáu", ("document",)) in found
    assert ("ngày 15/7/2021", "ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi mốt", ("date",)) in found
    assert ("UBND", "Ủy ban nhân dân", ("abbreviation",)) in found
    for span in annotated.expanded:
        assert TEXT[span.start : span.end] == span.written
        assert annotated.spoken[span.spoken_start : span.spoken_end] == span.spoken
    unbroken = annotated.spoken.split("\n")[1]
    assert unbroken.startswith("Ủy ban nhân dân xã thông báo")  # offsets count the line break


def test_unknown_capitals_are_doubts_on_their_line_and_column():
    annotated = annotate(TEXT)
    [(line, column, doubt)] = annotated.doubts_by_line(TEXT)
    assert (line, column, doubt.text) == (2, 24, "YAGI") and "lexicon" in doubt.reason
    assert TEXT[doubt.start : doubt.end] == "YAGI"


@pytest.mark.parametrize(("written", "doubtful", "why"), [
    ("Nghị quyết số 76/NQ-XYZ", "số 76/NQ-XYZ", "XYZ: a code Loa does not know"),
    ("hộp thư vpdkqsdd@yenthanh.gov.vn", "vpdkqsdd@yenthanh.gov.vn", "vpdkqsdd: spelled letter by letter"),
    ("trực ban tại xã 15/9 và 16/9", "15/9", "if it is a date"),
    ("mã #tag và 12/ABC", "#", "symbol"),
    ("Bão số 3 (tên quốc tế KAJIKI)", "KAJIKI", "all-capital"),
    ("tiêm 01 mũi vắc xin phế cầu (QXZ)", "QXZ", "all-capital"),
    ("Đẩy mạnh ĐXQT trong toàn xã", "ĐXQT", "all-capital"),  # no syllable: never folded to "đxqt" unheard
    ("Phát triển KH,CN, ĐXQT và CĐS", "ĐXQT", "all-capital"),
    ("Gieo sạ giống KD18 đúng lịch", "KD18", "a code spelled letter by letter"),
])
def test_what_loa_cannot_read_is_reported(written: str, doubtful: str, why: str):
    doubts = annotate(written).doubts
    assert any(d.text == doubtful and why in d.reason for d in doubts), doubts


@pytest.mark.parametrize("written", [
    "Chủ tịch UBND xã tiếp công dân vào thứ 5 hằng tuần từ 7h30 - 11h00.",
    "Gió giật cấp 7-8, lượng mưa 50-100mm; liên hệ 0912 345 678.",
    "Kế hoạch số 88/KH-UBNDngày 15/4/2025 của UBND tỉnh; đạt 19/19 tiêu chí.",
    "KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026; giống ST25, hạng B2, kênh N2; đạt 1.245/1.300 hộ.",
    "Chào mừng Ngày Nhà giáo Việt Nam (20/11), 8/8 thôn và 12/12 khu dân cư ra quân; Vu Lan 15/7 âm lịch.",
])
def test_readable_text_has_no_doubts(written: str):
    assert annotate(written).doubts == ()


def test_nfd_text_is_annotated_as_nfc():
    decomposed = unicodedata.normalize("NFD", "Ủy ban ngày 2/9")
    annotated = annotate(decomposed)
    assert annotated.spoken == to_spoken(decomposed) == "Ủy ban ngày mồng hai tháng chín"
    [span] = annotated.expanded
    assert span.written == "ngày 2/9" and (span.start, span.end) == (7, 15)


def test_non_text_is_a_speech_error():
    with pytest.raises(SpeechError, match="decode"):
        annotate(b"UBND")  # type: ignore[arg-type]


ALPHABET = st.sampled_from(
    list("0123456789/-.,:;%()+@&–hđĐ \n\tCPNQUBNDHĐTWKLIamsxz²") +
    ["tháng ", "ngày ", "số ", "chiều ", "từ ", "CCHC", "HĐND&UBND", "km/h", "đồng/người", "😀", "\x00", "\u200b",
     ".gov.vn", "Km ", "QL", "Đ/c ", "V/v "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_annotate_agrees_with_to_spoken_on_any_text(text: str):
    annotated = annotate(text)
    normalized = unicodedata.normalize("NFC", text)
    assert annotated.spoken == to_spoken(text)
    for span in annotated.expanded:
        assert 0 <= span.start <= span.end <= len(normalized)
        assert normalized[span.start : span.end] == span.written
        assert annotated.spoken[span.spoken_start : span.spoken_end] == span.spoken
    for doubt in annotated.doubts:
        assert normalized[doubt.start : doubt.end] == doubt.text


def _segments_of(line: str):  # type: ignore[no-untyped-def]
    from media.speech.normalize import spans
    from media.speech.normalize.pipeline import spoken_line

    trace, token = spans.tracing(len(line))
    try:
        spoken = spoken_line(line)
    finally:
        spans.close(token)
    return spoken, trace.segments


def _check_tiling(line: str) -> None:
    """The segments cover the spoken line end to end, and text copied unchanged is the written text."""
    spoken, segments = _segments_of(line)
    if spoken == "":
        return
    position = 0
    for seg in segments:
        assert seg.start == position, (line, spoken, segments)
        position = seg.end
        if not seg.kinds:
            assert spoken[seg.start : seg.end] == line[seg.source_start : seg.source_end], (line, spoken, seg)
    assert position == len(spoken), (line, spoken, segments)


@pytest.mark.parametrize("line", [
    "trẻ từ 2-24 tháng tuổi (DPT-VGB)",  # two numbers inside one range: both readings kept in the record
    "Giá 6.800-7.000 đ/kg, lúa OM18 từ 7.500 đến 7.800 đ/kg.",
    "Từ sáng 31-12 đến 2-1 năm sau; Km 5 đến Km 7+300; 1.245/1.300 hộ.",
])
def test_the_record_tiles_the_spoken_line(line: str) -> None:
    _check_tiling(line)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_the_record_tiles_the_spoken_line_of_any_text(text: str) -> None:
    for line in unicodedata.normalize("NFC", text).split("\n"):
        from media.speech.normalize.cleanup import clean_line

        if clean_line(line) == line:  # lines the cleanup pass leaves alone map one to one
            _check_tiling(line)
