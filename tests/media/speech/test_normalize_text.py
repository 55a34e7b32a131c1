"""Abbreviations, quantities, structure and character cleanup of the spoken form."""

import unicodedata

import pytest

from media.errors import SpeechError
from media.speech.normalize import to_spoken
from media.speech.normalize.lexicon import default_lexicon, parse_lexicon


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("ứng dụng công nghệ thông tin (CNTT) trong", "ứng dụng công nghệ thông tin trong"),
        ("về cải cách hành chính (CCHC) năm", "về cải cách hành chính năm"),
        ("Chỉ số CCHC (PAR INDEX), Chỉ số", "Chỉ số cải cách hành chính, Chỉ số"),
        ("Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "Chỉ số năng lực cạnh tranh cấp tỉnh"),
        ("trí tuệ nhân tạo (AI), trợ lý ảo", "trí tuệ nhân tạo, trợ lý ảo"),
        ("Hợp tác xã An Bình (ABC)", "Hợp tác xã An Bình (ABC)"),
        ("Ban Quản lý Dự án (BQLDA) xã", "Ban Quản lý Dự án xã"),
        ("Chỉ số năng lực cạnh tranh (DDCI)", "Chỉ số năng lực cạnh tranh (đê đê xê i)"),
    ],
)
def test_abbreviation_after_its_own_name_is_not_read_twice(written: str, spoken: str):
    assert to_spoken(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("UBND xã và HĐND xã", "Ủy ban nhân dân xã và Hội đồng nhân dân xã"),
        ("Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ("các chỉ số PAPI, PCI, DTI, SIPAS", "các chỉ số pa-pi, pê xê i, đê tê i, xi-pát"),
        ("Chỉ số PAR INDEX", "Chỉ số pa in-đếch"),
        ("Phòng VH-XH phường", "Phòng Văn hóa - Xã hội phường"),
        ("các tổ chức CT - XH xã", "các tổ chức chính trị - xã hội xã"),
        ("CT, các PCT UBND xã", "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân xã"),
        ("Sở Nội vụ; (b/c)", "Sở Nội vụ; (báo cáo)"),
        ("Lưu: VT, VHTT.", "Lưu: Văn thư, Văn hóa Thông tin."),
        ("TM. UỶ BAN NHÂN DÂN", "Thay mặt uỷ ban nhân dân"),
        ("KT. CHỦ TỊCH", "Ký thay chủ tịch"),
        ("CCHCX và XCCHC", "CCHCX và XCCHC"),
    ],
)
def test_lexicon_readings(written: str, spoken: str):
    assert to_spoken(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("có ít nhất 02 tin/bài về CCHC", "có ít nhất hai tin, bài về cải cách hành chính"),
        ("tại 100% các cơ quan", "tại một trăm phần trăm các cơ quan"),
        ("tăng 1,5 lần", "tăng một phẩy năm lần"),
        ("hỗ trợ 50.000 đồng", "hỗ trợ năm mươi nghìn đồng"),
        ("mức 500.000đ một tháng", "mức năm trăm nghìn đồng một tháng"),
        ("kinh phí 2 tỷ đồng", "kinh phí hai tỷ đồng"),
        ("thu 1.200.000 VNĐ", "thu một triệu hai trăm nghìn đồng"),
        ("Tổng đài 1022 hỗ trợ", "Tổng đài một không hai hai hỗ trợ"),
        ("đường dây nóng 0210 3xxx", "đường dây nóng không hai một không, ba xxx"),
        ("gọi 0912 345 678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"),
        ("đường dài 12 km, rộng 3,5 m", "đường dài mười hai ki-lô-mét, rộng ba phẩy năm mét"),
        ("diện tích 250 m2 trên 1,2 ha", "diện tích hai trăm năm mươi mét vuông trên một phẩy hai héc-ta"),
        ("thứ 2 và thứ 4, hạng thứ 1", "thứ hai và thứ tư, hạng thứ nhất"),
        ("từ 5-10 ngày", "từ năm đến mười ngày"),
        ("ISO 9001:2015", "I-xô chín nghìn không trăm linh một năm hai nghìn không trăm mười lăm"),
        ("thực hiện./.", "thực hiện."),
    ],
)
def test_quantities(written: str, spoken: str):
    assert to_spoken(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("IV. TỔ CHỨC THỰC HIỆN", "Phần bốn. Tổ chức thực hiện"),
        ("## **II. NỘI DUNG THỰC HIỆN**", "Phần hai. Nội dung thực hiện"),
        ("1. Mục đích", "Một. Mục đích"),
        ("1.2. Yêu cầu", "Một chấm hai. Yêu cầu"),
        ("a) Tập trung chú trọng", "Tập trung chú trọng"),
        ("đ) Các tổ chức", "Các tổ chức"),
        ("- Tuyên truyền trên loa", "Tuyên truyền trên loa"),
        ("Quốc hội khóa XVI", "Quốc hội khóa mười sáu"),
        ("¹ Chương trình tổng thể", "Chương trình tổng thể"),
        ("I am here", "I am here"),
    ],
)
def test_structure(written: str, spoken: str):
    assert to_spoken(written) == spoken


def test_nfd_input_reads_like_nfc():
    written = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về CCHC (thủ tục hành chính)"
    decomposed = unicodedata.normalize("NFD", written)
    assert decomposed != written
    assert to_spoken(decomposed) == to_spoken(written)
    assert unicodedata.is_normalized("NFC", to_spoken(decomposed))


def test_control_characters_and_emoji_are_dropped():
    written = "Loa\x00 phường\u200b 📢🎉 thông\x07 báo\ufeff ❤️ lịch\r 👍🏽 tiếp dân\t\t 🇻🇳"
    assert to_spoken(written) == "Loa phường thông báo lịch tiếp dân"


def test_latin_and_ethnic_minority_text_pass_through():
    assert to_spoken("Fanpage, Youtube, Chatbot và TikTok") == "Fanpage, Youtube, Chatbot và TikTok"
    tay = "Slấc slư tiếng Tày: Pjạ pền pỉ noọng"
    assert to_spoken(tay) == tay
    assert to_spoken("中文 и русский") == "中文 и русский"


def test_one_line_out_per_line_in():
    written = "Dòng 1\n\nUBND xã 😀\r\n  \n2021-2030\n"
    spoken = to_spoken(written)
    assert spoken.split("\n") == ["Dòng một", "", "Ủy ban nhân dân xã", "", "hai nghìn không trăm hai mươi mốt"
                                  " đến hai nghìn không trăm ba mươi", ""]
    assert to_spoken("") == ""
    assert to_spoken("a\u2028b") == "a b"


def test_non_text_input_is_a_speech_error():
    with pytest.raises(SpeechError, match="decode"):
        to_spoken(b"UBND")  # type: ignore[arg-type]


def test_packaged_lexicon_is_large_and_has_context_readings():
    lexicon = default_lexicon()
    rows = [line for line in _lexicon_lines() if line and not line.startswith("#")]
    assert len(rows) >= 150
    assert lexicon.reading("CT") == "Chủ tịch"
    assert lexicon.reading("CT", "type") == "Chỉ thị"
    assert lexicon.reading("CP", "issuer") == "Chính phủ"
    assert lexicon.is_document_type("NQ") and not lexicon.is_document_type("CP")


def _lexicon_lines() -> list[str]:
    from importlib.resources import files

    return files("media.speech.data").joinpath("abbreviations.tsv").read_text(encoding="utf-8").splitlines()


def test_an_officer_can_extend_the_lexicon():
    lexicon = parse_lexicon("# comment\nHTX\thợp tác xã\nKH\tKế hoạch\ttype\nXYZ\tích-xì i dài dét\t\tTên đầy đủ\n")
    assert lexicon.reading("HTX") == "hợp tác xã"
    assert lexicon.reading("KH", "type") == "Kế hoạch"
    assert lexicon.find("XYZ").meaning == "Tên đầy đủ"
    assert lexicon.pattern.sub("#", "HTX và XYZ, HTXA") == "# và #, HTXA"


@pytest.mark.parametrize("row", ["UBND", "UBND\t", "UBND\tỦy ban\tsomewhere", "A\tb\t\tc\td\te",
                                 "TT\tthị trấn\tafter:"])
def test_malformed_lexicon_row_names_its_line(row: str):
    with pytest.raises(SpeechError, match="line 2"):
        parse_lexicon(f"# header\n{row}\n", name="my.tsv")
