"""The abbreviation lexicon: every entry read aloud in a sentence, context deciding, ambiguity reported."""

import re

import pytest

from media.speech.normalize import annotate, to_spoken
from media.speech.normalize.lexicon import default_lexicon, parse_lexicon

LEXICON = default_lexicon()


def _sentence(entry) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A sentence that uses `entry` where its row says it applies, and the words it must read."""
    text, context = entry.text, entry.context
    if context == "type":
        return f"Căn cứ 12/{text}-UBND ngày 5/5/2025 của tỉnh.", entry.reading
    if context == "party":
        return f"Căn cứ 12-{text}/TU ngày 5/5/2025 của tỉnh.", entry.reading
    if context == "issuer":
        return f"Căn cứ Quyết định số 12/QĐ-{text} về việc này.", f"của {entry.reading}"
    if context == "code":
        return f"Gieo giống {text}25 trong vụ này.", f"{entry.reading} hai mươi lăm"
    if context == "unit":
        return f"Dùng loại 25{text} như đã hướng dẫn.", f"hai mươi lăm {entry.reading}"
    if context.startswith("after:"):
        word = "12" if entry.words[0] == "#" else entry.words[0]  # "#": right after a number
        return f"Ý kiến về {word} {text} như sau.", entry.reading
    if context.startswith("in:"):
        return f"Ý kiến về {text} của {entry.words[0]} như sau.", entry.reading
    if context.startswith("before:"):
        word = "Hà Mạnh Cường" if entry.words[0] == "@" else entry.words[0]  # "@": a name
        return f"Ý kiến về {text} {word} như sau.", entry.reading
    return f"Ý kiến về {text} như sau.", entry.reading


def test_the_lexicon_is_large_and_every_entry_names_its_source():
    assert len(LEXICON.entries) >= 2000
    assert all(entry.source for entry in LEXICON.entries)
    assert len({entry.source for entry in LEXICON.entries}) >= 20


@pytest.mark.parametrize("entry", LEXICON.entries, ids=[f"{e.text}|{e.context}" for e in LEXICON.entries])
def test_every_entry_reads_aloud_in_a_sentence(entry):  # type: ignore[no-untyped-def]
    written, expected = _sentence(entry)
    annotated = annotate(written)
    assert expected.lower() in annotated.spoken.lower(), annotated.spoken
    assert annotated.doubts == (), annotated.doubts


@pytest.mark.parametrize(("written", "spoken"), [
    ("Bộ TT&TT ban hành hướng dẫn.", "Bộ Thông tin và Truyền thông ban hành hướng dẫn."),
    ("Sở TT&TT tỉnh tập huấn.", "Sở Thông tin và Truyền thông tỉnh tập huấn."),
    ("UBND TT Phong Điền thông báo.", "Ủy ban nhân dân thị trấn Phong Điền thông báo."),
    ("Các xã, TT trên địa bàn huyện.", "Các xã, thị trấn trên địa bàn huyện."),
    ("TT Y tế huyện khám miễn phí.", "Trung tâm Y tế huyện khám miễn phí."),
    ("TT HĐND xã họp.", "Thường trực Hội đồng nhân dân xã họp."),
    ("Chi cục TT&BVTV khuyến cáo.", "Chi cục Trồng trọt và Bảo vệ thực vật khuyến cáo."),
    ("Căn cứ Thông tư số 01/2025/TT-BTTTT.",
     "Căn cứ Thông tư số một năm hai nghìn không trăm hai mươi lăm của Bộ Thông tin và Truyền thông."),
    ("Thực hiện Thông tri số 15-TT/TU của Tỉnh ủy.", "Thực hiện Thông tri số mười lăm của Tỉnh ủy."),
    ("Căn cứ 15-TT/HU ngày 2/3/2025.",
     "Căn cứ Thông tri số mười lăm của Huyện ủy ngày mồng hai tháng ba năm hai nghìn không trăm hai mươi lăm."),
    ("Phòng KT huyện và Công ty CP Sông Đà.", "Phòng Kinh tế huyện và Công ty cổ phần Sông Đà."),
    ("Văn phòng CP gửi Thủ tướng CP.", "Văn phòng Chính phủ gửi Thủ tướng Chính phủ."),
    ("Gieo sạ vụ ĐX và vụ HT.", "Gieo sạ vụ Đông Xuân và vụ Hè Thu."),
    ("Toàn tỉnh có 412 HTX, 35 THT.", "Toàn tỉnh có bốn trăm mười hai hợp tác xã, ba mươi lăm tổ hợp tác."),
    ("Tiêm phòng LMLM, THT cho trâu bò.", "Tiêm phòng lở mồm long móng, tụ huyết trùng cho trâu bò."),
    ("Hội nghị với 34 tỉnh, TP.", "Hội nghị với ba mươi tư tỉnh, thành phố."),
    ("Sáp nhập TT Hưng Nguyên vào xã.", "Sáp nhập thị trấn Hưng Nguyên vào xã."),
    ("Tiêm theo chỉ định của BS.", "Tiêm theo chỉ định của Bác sĩ."),
    ("Tại Tờ trình số 45/TTr-KTHT.", "Tại Tờ trình số bốn mươi lăm của Phòng Kinh tế - Hạ tầng."),
    ("Chi bộ thôn có 25 ĐV.", "Chi bộ thôn có hai mươi lăm đảng viên."),
    ("Hoàn thành trước ngày BC theo Luật Bầu cử.", "Hoàn thành trước ngày bầu cử theo Luật Bầu cử."),
    ("Gửi BC về UBND xã.", "Gửi Báo cáo về Ủy ban nhân dân xã."),
    ("Chi đoàn thôn có 25 ĐV.", "Chi đoàn thôn có hai mươi lăm đoàn viên."),
    ("Đàn lợn 1.500 con; GC 12.000 con.", "Đàn lợn một nghìn năm trăm con; gia cầm mười hai nghìn con."),
])
def test_context_decides_the_reading(written: str, spoken: str):
    assert to_spoken(written) == spoken
    assert annotate(written).doubts == ()


@pytest.mark.parametrize(("written", "left"), [
    ("Công văn gửi TT để biết.", "TT"),      # trung tâm, thị trấn, thông tin … : nothing beside it says which
    ("Đề nghị KT xem xét.", "KT"),           # kinh tế, kiểm tra, kỹ thuật, kế toán
    ("Phối hợp với TT&VH tổ chức.", "TT&VH"),  # a compound whose part context cannot decide
    ("Có 12 ĐV tham gia.", "ĐV"),            # đảng viên, đoàn viên, đơn vị
])
def test_where_context_does_not_decide_it_is_a_doubt_not_a_guess(written: str, left: str):
    annotated = annotate(written)
    assert left in annotated.spoken  # left as written: no confident expansion
    [doubt] = [d for d in annotated.doubts if d.text == left]
    assert "context does not say" in doubt.reason and " / " in doubt.reason


@pytest.mark.parametrize(("written", "spoken"), [
    ("Giá đất ONT tăng.", "Giá đất ở tại nông thôn tăng."),                    # "đất" is not said twice
    ("Trung tâm TTYT huyện.", "Trung tâm Y tế huyện."),
    ("Đăng ký hộ HKD mới.", "Đăng ký hộ kinh doanh mới."),
    ("Tuyển 500 LĐ phổ thông và 20 LĐ nữ.", "Tuyển năm trăm lao động phổ thông và hai mươi lao động nữ."),
    ("LĐ UBND xã tiếp dân.", "Lãnh đạo Ủy ban nhân dân xã tiếp dân."),
    ("Theo Kết luận số 126-KL/TW và Nghị quyết số 60-NQ/TW của BCH TW Đảng.",
     "Theo Kết luận số một trăm hai mươi sáu và Nghị quyết số sáu mươi của Ban Chấp hành Trung ương Đảng."),
    ("Theo Kế hoạch số 5/KH-UBND và Quyết định số 9/QĐ-BYT của Bộ Y tế.",
     "Theo Kế hoạch số năm của Ủy ban nhân dân và Quyết định số chín của Bộ Y tế."),
])
def test_what_the_sentence_already_says_is_not_said_again(written: str, spoken: str):
    assert to_spoken(written) == spoken


def test_an_issuer_read_by_its_everyday_meaning_is_a_doubt():
    [doubt] = annotate("Căn cứ Quyết định số 12/QĐ-CNTT của tỉnh.").doubts
    assert doubt.text == "số 12/QĐ-CNTT" and "everyday meaning" in doubt.reason


def test_a_heading_in_capitals_is_not_read_as_a_land_code():
    assert to_spoken("NỘI DUNG THÔNG TIN, TUYÊN TRUYỀN") == "Nội dung thông tin, tuyên truyền"
    assert to_spoken("Mục đích sử dụng: ONT, CLN.") == "Mục đích sử dụng: đất ở tại nông thôn, đất trồng cây lâu năm."


def test_source_sections_and_context_rows_parse():
    lexicon = parse_lexicon("#@ source: Nghị định 30/2020\nNQ\tNghị quyết\ttype\n"
                            "TT\tthị trấn\tafter:UBND|xã,\tthị trấn\tLuật X\n")
    assert lexicon.find("NQ", "type").source == "Nghị định 30/2020"
    [tt] = [e for e in lexicon.entries if e.text == "TT"]
    assert tt.source == "Luật X" and tt.words == ("ubnd", "xã,")
    assert lexicon.choose("TT", "UBND ", " Phong Điền").reading == "thị trấn"
    assert lexicon.choose("TT", "Gửi ", " để biết") is None and lexicon.candidates("TT") == ["thị trấn"]


def test_a_longer_entry_wins_and_matches_are_real_matches():
    found = list(LEXICON.pattern.finditer("Sở TT&TT, TT ĐU, tỉnh/TP, 12/TP và TTĐUx"))
    assert [m.group(0) for m in found] == ["Sở TT&TT", "TT ĐU", "TP"]
    assert all(isinstance(m, re.Match) for m in found)
