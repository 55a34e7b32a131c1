"""Vietnamese for the desk: labels of states and roles, numbers and dates as Vietnamese write them,
and the one-line reasons of storage and media errors in plain Vietnamese."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

ARTICLE = {"draft": "Bản nháp", "submitted": "Chờ duyệt", "approved": "Đã duyệt", "rejected": "Bị từ chối",
           "withdrawn": "Đã rút"}
PUBLICATION = {"planned": "Chờ âm thanh", "scheduled": "Đã lên lịch", "sending": "Đang gửi", "published": "Đã đăng",
               "failed": "Lỗi", "missed": "Lỡ lịch", "cancelled": "Đã hủy"}
SLOT = {"planned": "Chưa lập chương trình", "built": "Đã dựng", "delivered": "Đã giao chương trình",
        "aired": "Đã phát", "missed": "Lỡ phát"}
PRIORITY = {"normal": "Thông thường", "priority": "Ưu tiên", "emergency": "Khẩn cấp"}
ROLE = {"editor": "Biên tập viên", "approver": "Lãnh đạo duyệt bài", "operator": "Vận hành đài truyền thanh",
        "auditor": "Kiểm tra viên",
        "admin": "Quản trị viên", "province": "Cấp tỉnh"}
CHANNEL = {"radio": "Truyền thanh", "web": "Trang thông tin điện tử", "facebook": "Fanpage", "zalo": "Zalo OA",
           "youtube": "YouTube", "tiktok": "TikTok", "reels": "Facebook Reels",
           "shorts": "YouTube Shorts", "board": "Bảng tin"}
NOTICES = {
    "da-luu": "Đã lưu bài.", "da-gui": "Đã gửi bài cho lãnh đạo duyệt.", "da-duyet": "Đã duyệt bài.",
    "da-tu-choi": "Đã từ chối bài và gửi lý do cho tác giả.", "da-rut": "Đã rút bài.",
    "da-duyet-nhieu": "Đã duyệt các bài đã chọn.",
    "chua-chon": "Chưa chọn bài nào: nghe từng bài rồi đánh dấu để duyệt.",
    "da-nhap": "Đã nhập các tệp.", "thu-lai": "Đã xếp lượt đăng vào lần đăng tới.",
    "dat-mat-khau": "Đã đặt mật khẩu. Hãy đăng nhập.", "da-dang-xuat": "Đã đăng xuất.",
    "het-phien": "Phiên làm việc đã hết hạn: hãy đăng nhập lại.", "lien-ket-huy": "Đã hủy liên kết lịch.",
    "da-xac-nhan": "Đã xác nhận chương trình đã phát; các tin/bài được tính vào chỉ tiêu.",
    "da-luu-ban-dich": "Đã lưu bản dịch (bản nháp): hãy thu âm rồi gửi duyệt.",
    "da-thu-am": "Đã lưu bản thu âm: bài sẽ phát bằng giọng người đọc này thay cho giọng máy.",
    "da-them-cach-doc": "Đã thêm cách đọc vào từ điển của xã: loa đọc chữ viết tắt này như đã gõ.",
    "da-bo-cach-doc": "Đã bỏ cách đọc khỏi từ điển của xã.",
}
PERIOD_KIND = {"month": "Tháng", "quarter": "Quý", "half": "6 tháng", "year": "Năm"}


def number(value: float | int | None, decimals: int = 0) -> str:
    """1.234.567 and 7,5: dots between thousands, a comma before decimals."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def date(moment: datetime | None, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y") if moment else ""


def date_time(moment: datetime | None, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y %H:%M") if moment else ""


def doubt(text: str, reason: str) -> str:
    """Why Loa cannot read `text` with confidence, in the words of the preview."""
    if "all-capital word" in reason or "code" in reason or "spelled letter by letter" in reason:
        return (f"chưa biết cách đọc {text}: loa sẽ đánh vần hoặc đọc sai — viết rõ bằng chữ, hoặc nhờ quản trị "
                "viên thêm vào từ điển")
    if "count out of a total" in reason:
        return f"{text} được đọc như một phân số; nếu là ngày, hãy viết «ngày» trước (ngày 15/9)"
    if "digits" in reason:
        return f"chưa đọc được số {text} thành lời: hãy viết rõ"
    if "symbol" in reason:
        return f"ký hiệu {text} sẽ bị đọc theo cách riêng hoặc bỏ qua: hãy viết bằng chữ"
    return f"chưa chắc cách đọc {text}"


def wait(seconds: int) -> str:
    """A wait as people say it: '40 giây', '2 phút' (rounded up)."""
    return f"{seconds} giây" if seconds < 60 else f"{-(-seconds // 60)} phút"


def period_label(label: str) -> str:
    """2026-03 -> tháng 03/2026; 2026-Q1 -> quý I/2026; 2026-H1 -> 6 tháng đầu năm 2026; 2026 -> năm 2026."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return f"tháng {m[2]}/{m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q(\d)", label):
        return f"quý {'I II III IV'.split()[int(m[2]) - 1]}/{m[1]}"
    if m := re.fullmatch(r"(\d{4})-H(\d)", label):
        return f"6 tháng {'đầu' if m[2] == '1' else 'cuối'} năm {m[1]}"
    return f"năm {label}"


# (pattern on the English one-liner, Vietnamese; {1}, {2} … are the pattern's groups)
_REASONS: list[tuple[str, str]] = [
    (r"'(.*)' is not an abbreviation",
     "«{1}» không phải chữ viết tắt: viết hoa, 2 đến 12 chữ cái hoặc chữ số (như DVCQG), không dấu cách hay ký hiệu."),
    (r"(\S+) is already in Loa's lexicon \(read '(.*)'\)", "{1} đã có trong từ điển của Loa (đọc «{2}»)."),
    (r"(\S+) is already read '(.*)' in this commune",
     "{1} đã có cách đọc «{2}» ở xã này: bỏ cách đọc đó trước nếu muốn đổi."),
    (r"the reading of (\S+) is empty", "Cách đọc của {1} đang trống: hãy gõ những chữ loa sẽ đọc."),
    (r"the reading of (\S+) is (\d+) characters long", "Cách đọc của {1} dài {2} ký tự: hãy rút gọn dưới 200 ký tự."),
    (r"(\S+) was just given a reading by someone else", "Người khác vừa thêm cách đọc cho {1}: xem Từ điển của xã."),
    (r"the reading '(.*)' has digits", "Cách đọc «{1}» có chữ số: hãy viết số bằng chữ."),
    (r"the reading '(.*)' has signs", "Cách đọc «{1}» có ký hiệu loa sẽ đọc theo cách riêng: chỉ dùng chữ."),
    (r"the reading '(.*)' has (\S+), which the voice would spell",
     "Cách đọc «{1}» có {2}, loa sẽ đánh vần: hãy viết rõ bằng chữ."),
    (r"has no reading of its own for '(.*)'", "Xã chưa có cách đọc riêng cho «{1}»."),
    (r"wrote article (\d+) and cannot approve or reject it",
     "Bạn là tác giả của bài {1} nên không thể tự duyệt hay từ chối (nguyên tắc bốn mắt): hãy nhờ một lãnh đạo khác."),
    (r"does not hold the approver role", "Bạn không giữ vai trò lãnh đạo duyệt bài."),
    (r"a rejection needs a reason", "Hãy ghi lý do từ chối để tác giả biết cần sửa gì."),
    (r"a withdrawal needs a reason", "Hãy ghi lý do rút bài (lý do được lưu vào nhật ký)."),
    (r"the title is empty", "Tiêu đề đang trống: hãy đặt tiêu đề cho bài."),
    (r"the title is (\d+) characters long", "Tiêu đề dài {1} ký tự; hãy rút gọn dưới 500 ký tự."),
    (r"the body is empty", "Nội dung đang trống: hãy nhập nội dung bài."),
    (r"the text is ([\d,]+) characters; an article holds",
     "Bài quá dài; mỗi bài tối đa 100.000 ký tự: hãy tách thành nhiều bài."),
    (r"channel\(s\) .* not in the plan's channels", "Hãy chọn ít nhất một kênh đăng có trong kế hoạch."),
    (r"unknown topic", "Chủ đề không có trong kế hoạch: hãy chọn trong danh sách."),
    (r"unknown unit", "Đơn vị không có trong kế hoạch: hãy chọn trong danh sách."),
    (r"unknown priority", "Mức ưu tiên không hợp lệ."),
    (r"--publish-at .* not between", "Thời điểm đăng phải trong khoảng năm 2000 đến 2099."),
    (r"lasts ([\d.]+) minutes, longer than any radio slot",
     "Bài đọc mất khoảng {1} phút, dài hơn mọi chuyên mục truyền thanh: hãy chia thành nhiều phần hoặc rút gọn."),
    (r"there is no part (\d+): this article makes (\d+) part", "Video của bài này chỉ có {2} phần, không có phần {1}."),
    (r"there is no part (\d+)", "Không có phần {1} của video."),
    (r"nothing to speak", "Bài không có chữ nào để đọc: hãy viết nội dung bằng chữ."),
    (r"characters when spoken; one clip holds at most",
     "Bài quá dài để đọc trong một lần phát (tối đa khoảng 20 phút): hãy tách thành nhiều phần."),
    (r"is not of \S+, the unit of article (\d+)",
     "Bạn không thuộc đơn vị của bài {1}: hãy nhờ tác giả hoặc biên tập viên của đơn vị đó."),
    (r"cannot withdraw approved article", "Chỉ lãnh đạo hoặc quản trị viên mới rút được bài đã duyệt."),
    (r"holds only the .* role and cannot", "Vai trò của bạn không được phép làm việc này."),
    (r"is already withdrawn", "Bài đã được rút trước đó."),
    (r"no recording was sent", "Chưa có bản thu âm: hãy chọn tệp hoặc bấm «Thu âm»."),
    (r"is (?:an HTML or XML page|a JSON document|a PDF document|a ZIP or Office document|a picture|not audio Loa "
     r"knows), not a recording", "Tệp không phải bản ghi âm: hãy gửi tệp MP3, M4A/AAC, WAV, OGG/Opus, AMR hoặc WebM."),
    (r"cannot be decoded as audio|holds no audio samples|is empty \(0 bytes\)",
     "Tệp ghi âm bị hỏng hoặc không có âm thanh: hãy thu hoặc xuất lại."),
    (r"is silent \(", "Bản thu âm không có tiếng: hãy kiểm tra micrô đã bật, chưa bị tắt tiếng, rồi thu lại."),
    (r"is clipped throughout",
     "Bản thu âm bị rè (quá to) suốt bài: hãy để micrô xa hơn hoặc giảm mức thu rồi thu lại."),
    (r"lasts (?:at least )?([\d.]+) min, longer than the limit of ([\d.]+) min",
     "Bản thu âm dài {1} phút, quá giới hạn {2} phút của kế hoạch: hãy rút gọn hoặc chia bài."),
    (r"is over the limit of ([\d.]+) MB",
     "Tệp ghi âm quá giới hạn {1} MB: hãy xuất lại ở 64 kb/s đơn kênh hoặc rút gọn."),
    (r"is ([\d.]+) MB, over the limit of ([\d.]+) MB",
     "Tệp ghi âm nặng {1} MB, quá giới hạn {2} MB: hãy xuất lại ở 64 kb/s đơn kênh hoặc rút gọn."),
    (r"has no recording and no voice reads", "Bản dịch chưa có bản thu âm; không giọng máy nào đọc được tiếng này: hãy "
     "thu âm trước khi gửi duyệt."),
    (r"is not named in the plan as reading (\w+); ask (.+)$",
     "Kế hoạch chỉ giao lãnh đạo đọc được tiếng này duyệt bản dịch: hãy nhờ {2}."),
    (r"read the recording of article (\d+) and cannot approve",
     "Bạn đã đọc bản thu âm của bài {1} nên không thể tự duyệt (nguyên tắc bốn mắt): hãy nhờ một lãnh đạo khác."),
    (r"(?:translated|read) the \w+ version of article (\d+) and cannot approve",
     "Bạn đã dịch hoặc đọc bản này nên không thể tự duyệt (nguyên tắc bốn mắt): hãy nhờ một lãnh đạo khác."),
    (r"the translation is empty", "Bản dịch đang trống: hãy nhập nội dung bản dịch."),
    (r"is not in the plan's languages", "Kế hoạch chưa có tiếng này: hãy thêm vào mục languages của kế hoạch."),
    (r"the (\w+) version of article (\d+) is (\w+)",
     "Bản dịch tiếng {1} của bài {2} không ở trạng thái cho phép việc này ({3})."),
    (r"article (\d+) is approved and its audio is what the leader approved",
     "Bài {1} đã được duyệt cùng phần âm thanh: hãy sửa bài (phiên bản mới được duyệt lại) rồi mới thu âm."),
    (r"got a new version while the recording was mastered", "Bài vừa có phiên bản mới: hãy nghe lại rồi thu âm lại."),
    (r"article (\d+) is approved, not submitted", "Bài {1} đã được duyệt rồi."),
    (r"article (\d+) is (\w+)", "Bài {1} đang ở trạng thái «{state}» nên không thể làm việc này."),
    (r"publication (\d+) is (\w+); only a failed", "Lượt đăng {1} không ở trạng thái lỗi nên không cần thử lại."),
    (r"no article (\d+)", "Không có bài {1}."),
    (r"no publication (\d+)", "Không có lượt đăng {1}."),
    (r"unsupported file type", "Loại tệp không hỗ trợ: hãy lưu thành .docx, .md hoặc .txt."),
    (r"not UTF-8 text", "Tệp không phải văn bản UTF-8, cũng không phải TCVN3/VNI: hãy lưu lại với mã hóa UTF-8."),
    (r"no title found", "Không tìm thấy tiêu đề: hãy đặt tiêu đề ở dòng đầu tiên."),
    (r"has no body", "Tệp chỉ có tiêu đề, chưa có nội dung."),
    (r"is too big", "Tệp quá lớn cho một bài: hãy tách ra hoặc bỏ bớt hình ảnh."),
    (r"a zip bomb", "Tệp nén bung ra quá lớn, không tài liệu thật nào như vậy (có thể là «bom nén»): không nhập."),
    (r"not a (?:valid |real Word )?\.?docx|File is not a zip|Package not found|a damaged or fake document",
     "Tệp .docx bị hỏng hoặc không phải tệp Word."),
    (r"no \.docx, \.md or \.txt files", "Chưa chọn tệp .docx, .md hoặc .txt nào."),
    (r"has (\d+) characters; use at least (\d+)", "Mật khẩu cần ít nhất {2} ký tự."),
    (r"contains the login name", "Mật khẩu không được chứa tên đăng nhập."),
    (r"password is longer", "Mật khẩu quá dài."),
    (r"password link is unknown, used or expired",
     "Liên kết đặt mật khẩu không đúng, đã dùng hoặc đã hết hạn: hãy xin quản trị viên liên kết mới."),
    (r"period .* is not one of", "Kỳ báo cáo không hợp lệ: dùng dạng 2026-03, 2026-Q1 hoặc 2026."),
    (r"month \d+ does not exist|quarter \d+ does not exist", "Kỳ báo cáo không tồn tại."),
]
_COMPILED = [(re.compile(p), vi) for p, vi in _REASONS]


def reason(message: str) -> str:
    """A storage or media error's reason in Vietnamese; unknown ones get a plain sentence and the detail."""
    for pattern, vi in _COMPILED:
        if m := pattern.search(message):
            groups = m.groups()
            state = ARTICLE.get(groups[1], groups[1]) if len(groups) > 1 else ""
            return vi.format(None, *groups, state=state)
    return f"Không thực hiện được yêu cầu ({message})."


_POST_ERRORS: list[tuple[str, str]] = [
    (r"Facebook rejected the Page access token", "Mã truy cập Fanpage đã hết hạn — báo quản trị viên"),
    (r"Facebook denied permission", "Fanpage chưa cấp đủ quyền đăng bài — báo quản trị viên"),
    (r"Facebook rate limit", "Facebook tạm chặn vì đăng quá nhiều — Loa sẽ tự thử lại sau"),
    (r"Facebook temporarily blocks posting", "Facebook tạm chặn đăng bài từ Fanpage — Loa sẽ tự thử lại sau"),
    (r"monthly article quota is used up", "Zalo OA đã hết lượt đăng bài của tháng — bài sẽ được đăng đầu tháng sau"),
    (r"YouTube rejected the access token",
     "Mã truy cập YouTube đã hết hạn — Loa đang tự gia hạn; nếu còn lỗi, báo quản trị viên"),
    (r"YouTube API quota is used up",
     "YouTube đã hết hạn mức tải lên trong ngày — video sẽ được tải lên khi hạn mức mới bắt đầu"),
    (r"YouTube rate limit", "YouTube tạm chặn vì tải lên quá nhiều — Loa sẽ tự thử lại sau"),
    (r"YouTube denied the upload", "Tài khoản YouTube chưa cấp quyền tải video lên — báo quản trị viên"),
    (r"YouTube (?:failed|did not open)", "YouTube đang gián đoạn — Loa sẽ tự thử lại sau"),
    (r"cannot be refreshed|has no refresh token|refresh token",
     "Mã truy cập đã hết hạn và không tự gia hạn được — báo quản trị viên"),
    (r"Facebook is temporarily unavailable", "Facebook đang gián đoạn — Loa sẽ tự thử lại sau"),
    (r"Facebook refused the post as invalid",
     "Facebook từ chối bài vì nội dung hoặc liên kết không hợp lệ — sửa bài rồi thử lại"),
    (r"Facebook page id", "Chưa cấu hình đúng mã Fanpage — báo quản trị viên"),
    (r"Facebook says this post is a duplicate", "Facebook báo bài đã có trên Fanpage — Loa giữ bài đã có"),
    (r"failed while handling the request .*it may have been done",
     "Nền tảng trục trặc khi nhận bài — Loa kiểm tra bài đã lên chưa rồi mới gửi lại"),
    (r"Facebook had a temporary error",
     "Facebook trục trặc khi nhận bài — Loa kiểm tra bài đã lên chưa rồi mới gửi lại"),
    (r"Zalo OA rejected the access token", "Mã truy cập Zalo OA đã hết hạn — báo quản trị viên"),
    (r"Zalo OA rate limit", "Zalo OA tạm chặn vì gửi quá nhiều — Loa sẽ tự thử lại sau"),
    (r"cover photo", "Chưa có ảnh bìa cho bài Zalo OA — báo quản trị viên"),
    (r"did not accept a connection|cannot reach|did not answer",
     "Không kết nối được tới máy chủ — Loa sẽ tự thử lại sau"),
    (r"is busy \(HTTP|failed \(HTTP 5", "Máy chủ bên kia đang bận — Loa sẽ tự thử lại sau"),
    (r"TikTok rejected the access token",
     "Mã truy cập TikTok đã hết hạn — Loa đang tự gia hạn; nếu còn lỗi, báo quản trị viên"),
    (r"TikTok rate limit", "TikTok tạm chặn vì gửi quá nhiều — Loa sẽ tự thử lại sau"),
    (r"TikTok (?:will not take|took no) more posts",
     "TikTok không nhận thêm bài trong hôm nay — Loa sẽ thử lại ngày mai"),
    (r"not yet audited|offers privacy",
     "Ứng dụng TikTok chưa được duyệt: chỉ đăng được ở chế độ riêng tư — báo quản trị viên"),
    (r"still processing|still being published", "Nền tảng đang xử lý video — Loa sẽ kiểm tra lại sau"),
    (r"Zalo OA refused|Facebook refused", "Nền tảng từ chối bài đăng — báo quản trị viên"),
]
_POST_COMPILED = [(re.compile(p), vi) for p, vi in _POST_ERRORS]


def publication_error(message: str | None) -> str:
    if not message:
        return ""
    for pattern, vi in _POST_COMPILED:
        if pattern.search(message):
            return vi
    return "Đăng không thành công — báo quản trị viên"
