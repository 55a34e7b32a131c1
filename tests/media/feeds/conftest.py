from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from media.feeds import FeedInfo, FeedItem

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def info() -> FeedInfo:
    return FeedInfo(
        commune_code="phu-khuong", commune_name="Phường Phú Khương", base_url="https://portal.example/loa"
    )


def make_item(n: int, *, audio: bool = True, **overrides) -> FeedItem:
    fields = {
        "guid": f"loa:phu-khuong:pub-{n}-v1",
        "title": f"Dịch vụ công trực tuyến số {n}",
        "body": f"Bài số {n}: người dân nộp hồ sơ trực tuyến.\n\nĐoạn thứ hai của bài {n}.",
        "link": f"bai/{n}",
        "published_at": datetime(2026, 3, 1, 8, 0, tzinfo=HCM) + timedelta(days=n),
        "author": "Phòng Văn hóa - Xã hội",
        "category": "Dịch vụ công trực tuyến",
        "audio_url": f"media/{n:03d}.mp3" if audio else None,
        "audio_bytes": 1000 + n if audio else None,
        "audio_duration_s": 60.0 * n + 5.4 if audio else None,
    }
    fields.update(overrides)
    return FeedItem(**fields)
