"""The publish log in Vietnamese for people: action names, what an entry is about, its details, and the
columns of the desk's CSV. The log itself and its JSONL export keep their stable English keys (machines
and `loa audit verify` read those); this is only how the desk shows them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from desk import vi

KIND = {"article": "Bài viết", "publication": "Lượt đăng", "radio": "Chuyên mục phát thanh", "account": "Tài khoản",
        "audio": "Âm thanh", "audit": "Nhật ký", "calendar": "Lịch", "channel": "Kênh", "plan": "Kế hoạch",
        "person": "Người dùng", "commune": "Xã/phường", "lexicon": "Từ điển"}
ACTION = {
    "article.created": "Tạo bài", "article.submitted": "Gửi duyệt", "article.approved": "Duyệt bài",
    "article.rejected": "Từ chối bài", "article.withdrawn": "Rút bài", "article.revised": "Sửa bài",
    "article.evergreen": "Đánh dấu bài dùng lại", "audio.rendered": "Tạo âm thanh",
    "publication.published": "Đã đăng", "publication.failed": "Đăng lỗi", "publication.missed": "Lỡ lịch đăng",
    "publication.cancelled": "Hủy lượt đăng", "publication.scheduled": "Lên lịch đăng",
    "publication.retried": "Đăng lại", "publication.broadcast": "Phát khẩn cấp",
    "publication.recorded": "Ghi nhận đăng thủ công",
    "radio.built": "Dựng chương trình", "radio.delivered": "Giao chương trình", "radio.aired": "Đã phát",
    "radio.missed": "Lỡ phát", "radio.confirmed": "Xác nhận đã phát",
    "account.password_set": "Đặt mật khẩu", "account.link_issued": "Cấp liên kết đặt mật khẩu",
    "calendar.link_issued": "Tạo liên kết lịch", "calendar.link_revoked": "Hủy liên kết lịch",
    "channel.token_stored": "Lưu mã truy cập kênh", "plan.loaded": "Nạp kế hoạch",
    "audit.checkpoint": "Ký điểm kiểm tra",
    "lexicon.added": "Thêm cách đọc vào từ điển", "lexicon.removed": "Bỏ cách đọc khỏi từ điển",
}
DETAIL = {"version": "phiên bản", "reason": "lý do", "title": "tiêu đề", "person": "người", "channels": "kênh",
          "channel": "kênh", "priority": "ưu tiên", "topic": "chủ đề", "publish_at": "đăng từ", "note": "ghi chú",
          "manual": "thủ công", "items": "số mục", "at": "lúc", "published": "đã đăng", "article": "bài",
          "error": "lỗi", "attempts": "số lần thử", "seconds": "số giây", "slot": "chuyên mục", "date": "ngày",
          "by": "người", "url": "địa chỉ", "path": "tệp", "size": "kích thước", "units": "đơn vị",
          "abbreviation": "chữ viết tắt", "reading": "cách đọc"}
# the desk's CSV: one column per field a person reads; seq and hash stay so a row can be found in the log
CSV_COLUMNS = (("seq", "Số thứ tự"), ("at", "Thời điểm"), ("actor", "Người thực hiện"), ("action", "Hành động"),
               ("subject", "Đối tượng"), ("unit", "Đơn vị"), ("channel", "Kênh"), ("remote_id", "Mã trên nền tảng"),
               ("details", "Chi tiết"), ("hash", "Mã băm"))


def action(code: str) -> str:
    """'article.approved' -> 'Duyệt bài'; an action not listed reads as its kind and state."""
    if code in ACTION:
        return ACTION[code]
    kind, _, state = code.partition(".")
    label = {**vi.ARTICLE, **vi.PUBLICATION, **vi.SLOT}.get(state, state.replace("_", " "))
    return f"{KIND.get(kind, kind)}: {label}"


def subject(text: str) -> str:
    """'loa.article.5' -> 'Bài viết 5'."""
    parts = text.split(".")
    if len(parts) >= 3 and parts[0] == "loa":
        return f"{KIND.get(parts[1], parts[1])} {'.'.join(parts[2:])}"
    return text


def value(item: Any) -> str:
    if item is None:
        return "—"
    if isinstance(item, bool):
        return "có" if item else "không"
    if isinstance(item, list):
        return ", ".join(value(i) for i in item)
    if isinstance(item, str) and item in vi.CHANNEL:
        return vi.CHANNEL[item]
    return str(item)


def details(text: str, limit: int = 300) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text[:limit]
    if not isinstance(data, dict):
        return value(data)[:limit]
    return "; ".join(f"{DETAIL.get(k, k.replace('_', ' '))}: {value(v)}" for k, v in data.items())[:limit]


def csv_row(row: Mapping[str, Any], *, people: Mapping[str, str], units: Mapping[str, str], tz: ZoneInfo) -> list[str]:
    """One exported entry as the desk's CSV writes it: names, Vietnamese words, local dates."""
    at = row["at"] if isinstance(row["at"], datetime) else datetime.fromisoformat(str(row["at"]))
    shown = {"seq": str(row["seq"]), "at": vi.date_time(at, tz), "actor": people.get(row["actor"], row["actor"] or ""),
             "action": action(row["action"] or ""), "subject": subject(row["subject"] or ""),
             "unit": units.get(row["unit"] or "", row["unit"] or ""), "channel": value(row["channel"] or ""),
             "remote_id": row["remote_id"] or "", "details": details(row["details"] or "", 10_000),
             "hash": row["hash"] or ""}
    return [shown[key] for key, _ in CSV_COLUMNS]
