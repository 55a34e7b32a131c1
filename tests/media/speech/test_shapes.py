"""Shapes of numbers beside letters, slashes and brackets that were read confidently wrong: each is a class."""

import pytest

from media.speech.normalize import annotate, to_spoken

CASES = {
    "a level range with an en dash": [
        ("Gió mạnh cấp 7–8, giật cấp 10.", "Gió mạnh cấp bảy, cấp tám, giật cấp mười."),
        ("Sóng biển cao 2–3 m, gió cấp 8 – 9.", "Sóng biển cao hai đến ba mét, gió cấp tám, cấp chín."),
        ("Vùng gần tâm bão mạnh cấp 10–11, giật cấp 13.",
         "Vùng gần tâm bão mạnh cấp mười, cấp mười một, giật cấp mười ba."),
    ],
    "an international number with its country code in brackets": [
        ("Liên hệ số (+84) 912 345 678.", "Liên hệ số cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám."),
        ("Đường dây nóng (+84) 24 3823 4567.", "Đường dây nóng cộng tám bốn, hai bốn, ba tám hai ba, bốn năm sáu bảy."),
        ("Gọi ( +84 ) 912.345.678 để được hỗ trợ.",
         "Gọi cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám để được hỗ trợ."),
    ],
    "a unit after a number is not a time": [
        ("Pha 20g/l, phun đều hai mặt lá.", "Pha hai mươi gam một lít, phun đều hai mặt lá."),
        ("Bón 50g/m2 quanh gốc.", "Bón năm mươi gam một mét vuông quanh gốc."),
        ("Tập trung lúc 7g sáng thứ Hai.", "Tập trung lúc bảy giờ sáng thứ Hai."),
    ],
    "a decimal with a leading zero inside a product code": [
        ("Rải thuốc Regent 0.3GR liều 10 kg/ha.",
         "Rải thuốc Regent không phẩy ba giê e-rờ liều mười ki-lô-gam một héc-ta."),
        ("Dầu DO 0,05S giảm 200 đồng/lít.", "Dầu đê ô không phẩy không năm ét giảm hai trăm đồng một lít."),
        ("Phun Amistar Top 325SC hoặc Anvil 5SC.", "Phun Amistar Top ba trăm hai mươi lăm ét xê hoặc Anvil năm ét xê."),
        ("Dầu mazut 180CST 3.5S, dầu diesel 0.05S.",
         "Dầu mazut một trăm tám mươi xê ét tê ba phẩy năm ét, dầu diesel không phẩy không năm ét."),
        ("Dùng Actara 25WG pha 0.5 g cho bình 8 lít.",
         "Dùng Actara hai mươi lăm vê kép giê pha không phẩy năm gam cho bình tám lít."),
    ],
    "a plate's digit group that starts with zero": [
        ("Xe BKS 29B-0457 vi phạm.", "Xe biển kiểm soát hai chín bê, không bốn năm bảy vi phạm."),
        ("Xe máy BKS 51F1-012.34 bị tạm giữ.",
         "Xe máy biển kiểm soát năm một ép một, không một hai ba bốn bị tạm giữ."),
        ("Ô tô 30A-098.76 đỗ sai quy định.", "Ô tô ba không a, không chín tám bảy sáu đỗ sai quy định."),
    ],
    "an abbreviation after a slash": [
        ("Các tỉnh/TP trực thuộc Trung ương.", "Các tỉnh, thành phố trực thuộc Trung ương."),
        ("Đại diện các xã/TT trên địa bàn huyện.", "Đại diện các xã, thị trấn trên địa bàn huyện."),
        ("Phòng Nội vụ huyện/TX hướng dẫn.", "Phòng Nội vụ huyện, thị xã hướng dẫn."),
    ],
    "a word over a number, a road from zero, a year of another calendar, a standard with letters": [
        ("Tỷ số giới tính khi sinh là 112 bé trai/100 bé gái.",
         "Tỷ số giới tính khi sinh là một trăm mười hai bé trai trên một trăm bé gái."),
        ("Cầu tạm trên ĐX.05 và ĐH.02 hạn chế tải trọng.",
         "Cầu tạm trên đường xã không năm và đường huyện không hai hạn chế tải trọng."),
        ("Gieo cấy vụ ĐX 2025 đúng lịch.", "Gieo cấy vụ Đông Xuân hai nghìn không trăm hai mươi lăm đúng lịch."),
        ("Đại lễ Phật đản PL.2570.", "Đại lễ Phật đản Phật lịch hai nghìn năm trăm bảy mươi."),
        ("Lương tối thiểu vùng III, khu vực II.", "Lương tối thiểu vùng ba, khu vực hai."),
        ("Thực hiện Đề án 06, Đề án số 06.", "Thực hiện Đề án không sáu, Đề án số sáu."),
        ("Nước thải đạt QCVN 62-MT:2016/BTNMT.",
         "Nước thải đạt quy chuẩn Việt Nam sáu mươi hai - em-mờ tê năm hai nghìn không trăm mười sáu của Bộ Tài nguyên "
         "và Môi trường."),
    ],
    "an address written short": [
        ("Địa chỉ: 12 Lê Lợi, P.5, Q.3, TP.HCM.",
         "Địa chỉ: mười hai Lê Lợi, phường năm, quận ba, Thành phố Hồ Chí Minh."),
        ("Khối 4, TT. Phong Điền, H. Phong Điền.", "Khối bốn, thị trấn Phong Điền, huyện Phong Điền."),
        ("Trụ sở tại Q. Bình Thạnh; Q. Chủ tịch ký.", "Trụ sở tại quận Bình Thạnh; Quyền Chủ tịch ký."),
        ("Đơn vị số 13 (Q.12) và đơn vị 22 (Q.Tân Bình).",
         "Đơn vị số mười ba (quận mười hai) và đơn vị hai mươi hai (quận Tân Bình)."),
        ("UBND TP. Đà Nẵng ban hành quyết định.", "Ủy ban nhân dân thành phố Đà Nẵng ban hành quyết định."),
        ("Thực hiện Kế hoạch số 12/KH-BCĐ197.", "Thực hiện Kế hoạch số mười hai của Ban Chỉ đạo một chín bảy."),
    ],
    "a measure over time is 'trên', money over time 'một'": [
        ("Lưu lượng về hồ 3.559m3/giây, xe chạy 60 km/giờ.",
         "Lưu lượng về hồ ba nghìn năm trăm năm mươi chín mét khối trên giây, xe chạy sáu mươi ki-lô-mét trên giờ."),
        ("Thuê máy cày 150.000 đồng/giờ.", "Thuê máy cày một trăm năm mươi nghìn đồng một giờ."),
    ],
    "a date that looks like a fraction": [
        ("Nghỉ lễ 30/4 và 1/5 từ thứ Năm.", "Nghỉ lễ ngày ba mươi tháng tư và ngày mồng một tháng năm từ thứ Năm."),
        ("Hưởng ứng Ngày Quốc tế Lao động 1/5.", "Hưởng ứng Ngày Quốc tế Lao động mồng một tháng năm."),
        ("Kỷ niệm Ngày Thương binh - Liệt sĩ 27/7.", "Kỷ niệm Ngày Thương binh - Liệt sĩ hai mươi bảy tháng bảy."),
        ("Toàn xã đạt 1/3 kế hoạch, khoảng 2/3 số hộ.", "Toàn xã đạt một phần ba kế hoạch, khoảng hai phần ba số hộ."),
    ],
}


@pytest.mark.parametrize(("shape", "written", "spoken"),
                         [(shape, w, s) for shape, pairs in CASES.items() for w, s in pairs],
                         ids=[f"{shape[:24]}-{n}" for shape, pairs in CASES.items() for n in range(len(pairs))])
def test_each_shape_reads_as_a_class(shape: str, written: str, spoken: str):
    assert to_spoken(written) == spoken
    assert annotate(written).doubts == ()


@pytest.mark.parametrize(("written", "doubtful", "why"), [
    ("Cân 20g đường cho mỗi lít.", "20g", "grams"),          # a time, or grams: written without a space
    ("Vé vào cửa 50K một người.", "50K", "thousands"),       # a letter, or thousands
    ("Báo cáo số 12/TT-XYZ.", "số 12/TT-XYZ", "XYZ"),          # an issuer Loa does not know
    ("Nhà số 1/3 đường Lê Lợi.", "1/3", "if it is a date"),    # a fraction, a date, or a house number
    ("Lịch trực 15/9 và 16/9.", "15/9", "if it is a date"),
])
def test_a_number_beside_letters_says_when_it_is_a_guess(written: str, doubtful: str, why: str):
    assert any(d.text == doubtful and why in d.reason for d in annotate(written).doubts), annotate(written).doubts
