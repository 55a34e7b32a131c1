"""Vietnamese for the desk: labels of states and roles, numbers and dates as Vietnamese write them,
and the reasons of storage, media and schedule errors in plain Vietnamese, from their codes."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePath
from zoneinfo import ZoneInfo

from catalogue import render
from catalogue.errors import ERRORS

ARTICLE = {"draft": "Bản nháp", "submitted": "Chờ duyệt", "approved": "Đã duyệt", "rejected": "Bị từ chối",
           "withdrawn": "Đã rút"}
PUBLICATION = {"planned": "Chờ âm thanh", "scheduled": "Đã lên lịch", "sending": "Đang gửi", "published": "Đã đăng",
               "failed": "Lỗi", "missed": "Lỡ lịch", "cancelled": "Đã hủy"}
SLOT = {"unplanned": "Chưa lập chương trình",
        "planned": "Chưa lập chương trình", "built": "Đã dựng", "delivered": "Đã giao chương trình",
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


_NUMBERS = {"length", "maximum", "minimum", "kib", "parts", "size", "words"}


def reason(error: BaseException | str) -> str:
    """An error's reason in Vietnamese: its code's template (catalogue/errors.py) with its parameters as Vietnamese
    write them; an error without a code (a bug, a library's) gets a plain sentence and the detail."""
    code = getattr(error, "code", "")
    if isinstance(code, str) and code in ERRORS:
        return render(code, {k: _vi(code, k, v) for k, v in getattr(error, "params", {}).items()}, "vi")
    return f"Không thực hiện được yêu cầu ({error})."


def _vi(code: str, name: str, value: object) -> object:
    """One parameter for the Vietnamese sentence: states by their labels, big numbers with dots, a file by its
    name (not the desk's upload folder), an error inside an error in Vietnamese too."""
    if isinstance(value, BaseException):
        return reason(value)
    if name == "status" and isinstance(value, str):
        labels = (PUBLICATION, ARTICLE, SLOT) if code.startswith("publication.") else (
            (SLOT, ARTICLE) if code.startswith("radio.") else (ARTICLE, PUBLICATION, SLOT))
        return next((labels[value] for labels in labels if value in labels), value)
    if name == "roles" and isinstance(value, str):
        return ", ".join(ROLE.get(role.strip(), "chưa có vai trò" if role.strip() == "no" else role.strip())
                         for role in value.split(","))
    if name in _NUMBERS and isinstance(value, int):
        return number(value)
    if name in ("path", "clip"):
        return PurePath(str(value)).name
    return value


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
