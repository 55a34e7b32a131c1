from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr

from media.errors import OutletError
from media.social import OutcomeUnknown, PostContent, RetryableOutletError, ZaloAdapter, build_zalo_article
from tests.media.social.loopback import ZALO_TOKEN

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=HCM)
COVER = "https://portal.example/loa/cover.jpg"


def post(key: str = "pub-42-v3", **kw) -> PostContent:
    message = "Dịch vụ công trực tuyến mức độ 4\n\nNgười dân nộp hồ sơ tại nhà.\n\nKhông cần đến trụ sở."
    return PostContent(key=key, **{"message": message, "link": "https://portal.example/bai/42", **kw})


def build(content: PostContent, url: str = "https://openapi.zalo.example"):
    return build_zalo_article(
        content, api_url=url, author="UBND Phường Phú Khương", cover_photo_url=COVER, now=NOW
    )


def adapter(zalo) -> ZaloAdapter:
    return ZaloAdapter(api_url=zalo.url, token=SecretStr(ZALO_TOKEN))


def test_build_models_a_normal_article_with_the_marker_last():
    req = build(post())
    assert (req.channel, req.method, req.url) == (
        "zalo",
        "POST",
        "https://openapi.zalo.example/v2.0/article/create",
    )
    assert req.json == {
        "type": "normal",
        "title": "Dịch vụ công trực tuyến mức độ 4",
        "author": "UBND Phường Phú Khương",
        "cover": {"cover_type": "photo", "photo_url": COVER, "status": "show"},
        "description": "Người dân nộp hồ sơ tại nhà.",
        "body": [
            {"type": "text", "content": "Người dân nộp hồ sơ tại nhà."},
            {"type": "text", "content": "Không cần đến trụ sở."},
            {"type": "text", "content": "#loa-pub-42-v3"},
        ],
        "tracking_link": "https://portal.example/bai/42",
        "status": "show",
        "comment": "show",
    }


def test_build_cuts_to_zalo_limits():
    req = build(post(message="Tiêu đề " * 40 + "\n\n" + "nội dung " * 100))
    assert len(req.json["title"]) <= 150 and req.json["title"].endswith("…")
    assert len(req.json["description"]) <= 300


def test_build_refuses_a_future_schedule():
    with pytest.raises(OutletError, match="cannot be scheduled"):
        build(post(scheduled_at=NOW + timedelta(hours=1)))
    assert build(post(scheduled_at=NOW - timedelta(minutes=5))).json["status"] == "show"


def test_send_creates_verifies_and_returns_the_article_id(zalo):
    req = build(post(), zalo.url)
    assert adapter(zalo).send(req) == "art-1"
    create, verify = zalo.seen
    assert create.body == req.json and create.headers["access_token"] == ZALO_TOKEN
    assert verify.path == "/v2.0/article/verify" and verify.body == {"token": "proc-1"}
    assert ZALO_TOKEN not in create.path + str(create.query)


def test_invalid_token_names_the_fix_without_the_token(zalo):
    zalo.mode = "expired"
    with pytest.raises(OutletError) as info:
        adapter(zalo).send(build(post(), zalo.url))
    message = str(info.value)
    assert not isinstance(info.value, OutcomeUnknown | RetryableOutletError)
    assert "error -216" in message and "LOA_ZALO_TOKEN" in message
    assert ZALO_TOKEN not in message


def test_rate_limit_is_retryable(zalo):
    zalo.mode = "rate_limit"
    with pytest.raises(RetryableOutletError, match="-32"):
        adapter(zalo).send(build(post(), zalo.url))


def test_dropped_connection_after_create_is_unknown_then_found_by_key(zalo):
    oa = adapter(zalo)
    for n in range(12):  # more than one getslice page before ours
        oa.send(build(post(key=f"pub-{n}-v1"), zalo.url))
    zalo.mode = "drop_after_post"
    with pytest.raises(OutcomeUnknown):
        oa.send(build(post(), zalo.url))
    zalo.mode = "ok"
    assert oa.find_existing("pub-42-v3") == "art-13"
    assert oa.find_existing("pub-0-v1") == "art-1"
    assert oa.find_existing("pub-99-v1") is None
    assert len(zalo.articles) == 13
