from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests

from media.errors import OutletError
from media.secret import Secret
from media.social import (
    OutcomeUnknown,
    PostContent,
    QuotaReached,
    RetryableOutletError,
    StillProcessing,
    ZaloAdapter,
    build_zalo_article,
)
from media.social.oauth import refresh_zalo
from media.social.zalo import build_broadcast
from tests.media.social.fake_zalo import APP_ID, APP_SECRET
from tests.media.social.loopback import ZALO_TOKEN

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=HCM)
COVER = "https://portal.example/loa/cover.jpg"
SINCE = datetime.now(UTC) - timedelta(minutes=1)


def post(key: str = "pub-42-v3", **kw) -> PostContent:
    fields = {"title": "Dịch vụ công trực tuyến mức độ 4",
              "body": "Người dân nộp hồ sơ tại nhà.\n\nKhông cần đến trụ sở.", "link": "https://portal.example/bai/42",
              "hashtags": ("CCHC",)}
    return PostContent(key=key, **{**fields, **kw})


def build(content: PostContent, url: str = "https://openapi.zalo.example"):
    return build_zalo_article(content, api_url=url, author="UBND Phường Phú Khương", cover_photo_url=COVER, now=NOW)


class Tokens:
    """A TokenSource over the fake's OAuth endpoint, as app.social.tokens does over the database."""

    def __init__(self, zalo, refresh_token: str) -> None:
        self.zalo, self.refresh_token, self.access = zalo, refresh_token, "never-issued"

    def current(self) -> str:
        return self.access

    def refresh(self, rejected: str) -> str:
        grant = refresh_zalo(requests.Session(), oauth_url=self.zalo.url, app_id=APP_ID, app_secret=APP_SECRET,
                             refresh_token=self.refresh_token, timeout=(1, 2))
        self.refresh_token, self.access = grant.refresh_token, grant.access_token
        return self.access


def adapter(zalo, **kw) -> ZaloAdapter:
    return ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), verify_within_s=1, verify_first_wait_s=0.01,
                       **kw)


def test_build_models_a_normal_article_with_link_and_hashtags_and_no_marker():
    req = build(post())
    assert (req.channel, req.method, req.url) == ("zalo", "POST", "https://openapi.zalo.example/v2.0/article/create")
    assert req.json == {
        "type": "normal",
        "title": "Dịch vụ công trực tuyến mức độ 4",
        "author": "UBND Phường Phú Khương",
        "cover": {"cover_type": "photo", "photo_url": COVER, "status": "show"},
        "description": "Người dân nộp hồ sơ tại nhà.",
        "body": [
            {"type": "text", "content": "Người dân nộp hồ sơ tại nhà."},
            {"type": "text", "content": "Không cần đến trụ sở."},
            {"type": "text", "content": "Xem chi tiết: https://portal.example/bai/42"},
            {"type": "text", "content": "#CCHC"},
        ],
        "tracking_link": "https://portal.example/bai/42",
        "status": "show",
        "comment": "show",
    }
    assert "#loa" not in str(req.json)


def test_build_cuts_to_zalo_limits_and_wants_an_https_cover():
    req = build(post(title="Tiêu đề " * 40, body="nội dung " * 100))
    assert len(req.json["title"]) <= 150 and req.json["title"].endswith("…")
    assert len(req.json["description"]) <= 300
    for cover in (None, "", "http://portal.example/c.jpg", "file:///var/loa/cover.png"):
        with pytest.raises(OutletError, match="LOA_ZALO_COVER_URL"):
            build_zalo_article(post(), api_url="https://z", author="UBND", cover_photo_url=cover, now=NOW)


def test_build_refuses_a_future_schedule():
    with pytest.raises(OutletError, match="cannot be scheduled"):
        build(post(scheduled_at=NOW + timedelta(hours=1)))
    assert build(post(scheduled_at=NOW - timedelta(minutes=5))).json["status"] == "show"


def test_send_creates_hands_over_the_token_then_verifies_while_processing(zalo):
    zalo.processing_polls = 2
    req = build(post(), zalo.url)
    handles = []
    assert adapter(zalo).send(req, on_handle=handles.append) == "art-1"
    create, *verifies = zalo.seen
    assert create.body == req.json and create.headers["access_token"] == ZALO_TOKEN
    assert handles == ["proc-1"]
    assert [v.body for v in verifies] == [{"token": "proc-1"}] * 3
    assert ZALO_TOKEN not in create.path + str(create.query)


def test_verify_still_processing_is_unknown_and_later_confirmed_with_the_kept_token(zalo):
    zalo.processing_polls = 100
    oa = ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), verify_within_s=0.2, verify_first_wait_s=0.05)
    handles = []
    req = build(post(), zalo.url)
    with pytest.raises(StillProcessing, match="still processing"):
        oa.send(req, on_handle=handles.append)
    zalo.processing_polls = 0
    assert oa.find_existing(req, since=SINCE, handle=handles[0]) is None  # the token says: confirm, not search
    assert oa.send(req, handle=handles[0]) == "art-1"
    assert len(zalo.articles) == 1


class Clock:
    """Loa's clock for the adapter: set by the test, as LOA_NOW is between passes."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_verify_being_processed_as_an_error_is_polled_until_zalo_has_processed_it(zalo):
    """Real Zalo answers verify with a non-zero error "Media is being processed" until it is done."""
    zalo.processing_s = 0.4
    oa = ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), verify_within_s=20, verify_first_wait_s=0.05)
    assert oa.send(build(post(), zalo.url)) == "art-1"
    answers = [s for s in zalo.seen if s.path.endswith("/verify")]
    assert len(answers) >= 2 and len(zalo.articles) == 1


def test_an_article_still_processing_after_the_pass_is_confirmed_later_with_its_token(zalo):
    zalo.processing_s = 3600
    oa = ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), verify_within_s=0.2, verify_first_wait_s=0.05)
    handles: list[str] = []
    req = build(post(), zalo.url)
    with pytest.raises(StillProcessing, match="never created again"):
        oa.send(req, on_handle=handles.append)
    with pytest.raises(StillProcessing):
        oa.send(req, handle=handles[0])  # a later pass: still processing, still no second create
    zalo.articles[0]["ready_at"] = 0.0  # Zalo finished on its side
    assert oa.send(req, handle=handles[0]) == "art-1"
    assert len(zalo.articles) == 1 and [s.path for s in zalo.seen].count("/v2.0/article/create") == 1


@pytest.mark.parametrize("fault", ["verify_throttle", "verify_html", "verify_empty", "verify_drop"])
def test_a_verify_that_fails_in_transit_is_asked_again(zalo, fault):
    zalo.fail_next(fault)
    assert adapter(zalo).send(build(post(), zalo.url)) == "art-1"
    assert zalo.faults_done == [fault] and len(zalo.articles) == 1


@pytest.mark.parametrize("fault", ["5xx_after", "stall_after", "drop_after", "no_error_after", "html_after",
                                   "empty_after"])
def test_a_lost_create_is_looked_up_only_once_processed_and_never_counted_missing_too_soon(zalo, fault):
    clock = Clock(datetime.now(UTC))
    oa = ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), timeout=(1, 0.3), verify_within_s=1,
                     listing_wait_s=600, clock=clock)
    zalo.stall_s = 0.6
    for n in range(12):  # more than one getslice page after ours
        oa.send(build(post(key=f"pub-{n}-v1", title=f"Tin {n}"), zalo.url))
    zalo.processing_s = 3600
    req, since = build(post(), zalo.url), clock.now
    zalo.fail_next(fault)
    with pytest.raises(OutcomeUnknown):
        oa.send(req)
    clock.now = since + timedelta(minutes=1)
    with pytest.raises(OutcomeUnknown, match="not list") as early:  # made, but unlisted while processed
        oa.find_existing(req, since=since)
    assert 530 < early.value.retry_after <= 540
    zalo.articles[-1]["ready_at"] = 0.0
    assert oa.find_existing(req, since=since) == "art-13"
    assert oa.find_existing(build(post(title="Tin 0"), zalo.url), since=since - timedelta(minutes=1)) == "art-1"
    clock.now = since + timedelta(minutes=11)
    assert oa.find_existing(build(post(title="Không có"), zalo.url), since=since) is None
    assert oa.find_existing(build(post(body="Một nội dung khác."), zalo.url), since=since) is None  # same title
    assert len(zalo.articles) == 13


def test_a_lost_create_is_not_taken_for_an_earlier_article_with_the_same_title(zalo):
    """An edited article keeps its title: the description (from article/getdetail) tells the versions apart."""
    clock = Clock(datetime.now(UTC))
    oa = ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), listing_wait_s=600, clock=clock)
    first, since = build(post(key="pub-1-v1"), zalo.url), clock.now
    assert oa.send(first) == "art-1"
    second = build(post(key="pub-2-v2", body="Nội dung đã sửa lại.\n\nThêm một đoạn."), zalo.url)
    clock.now = since + timedelta(minutes=11)
    assert oa.find_existing(second, since=since) is None  # only v1 is there: v2 is created
    zalo.fail_next("drop_after")
    with pytest.raises(OutcomeUnknown):
        oa.send(second)
    assert oa.find_existing(second, since=since) == "art-2"
    assert oa.find_existing(first, since=since) == "art-1"
    assert any(s.path.endswith("/getdetail") for s in zalo.seen)


@pytest.mark.parametrize("fault", ["5xx_before", "html_before"])
def test_a_create_refused_by_a_proxy_is_unknown_and_missing_after_the_wait(zalo, fault):
    clock = Clock(datetime.now(UTC))
    oa = ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), listing_wait_s=600, clock=clock)
    req, since = build(post(), zalo.url), clock.now
    zalo.fail_next(fault)
    with pytest.raises(OutcomeUnknown, match="HTTP 502"):
        oa.send(req)
    clock.now = since + timedelta(minutes=10, seconds=1)
    assert oa.find_existing(req, since=since) is None and zalo.articles == []


@pytest.mark.parametrize("fault", ["list_throttle", "list_html", "list_empty"])
def test_a_list_page_that_fails_is_read_again_then_retried_later_not_taken_for_missing(zalo, fault):
    oa = ZaloAdapter(api_url=zalo.url, token=Secret(ZALO_TOKEN), listing_wait_s=0)
    oa.send(build(post(), zalo.url))
    zalo.fail_next(fault)
    assert oa.find_existing(build(post(), zalo.url), since=SINCE) == "art-1"  # the page is read again
    zalo.fail_next(fault, fault, fault)
    with pytest.raises(RetryableOutletError):
        oa.find_existing(build(post(), zalo.url), since=SINCE)
    assert zalo.faults_done == [fault] * 4


def test_an_upload_that_zalo_could_not_process_fails_with_its_reason(zalo):
    oa = adapter(zalo)
    req = build(post(), zalo.url)
    handles: list[str] = []
    zalo.processing_polls = 100
    with pytest.raises(StillProcessing):
        oa.send(req, on_handle=handles.append)
    zalo.articles.clear()  # Zalo dropped it: the token is unknown now, and nothing is listed
    with pytest.raises(OutletError, match="cannot confirm it") as info:
        oa.send(req, handle=handles[0])
    assert not isinstance(info.value, OutcomeUnknown)


def test_an_expired_token_is_refreshed_once_and_the_rotated_refresh_token_kept(zalo):
    first = zalo.grant_refresh_token()
    tokens = Tokens(zalo, first)
    oa = ZaloAdapter(api_url=zalo.url, tokens=tokens, verify_within_s=1)
    assert oa.send(build(post(), zalo.url)) == "art-1"
    assert zalo.refreshes == 1 and tokens.refresh_token != first and tokens.refresh_token in zalo.refresh_tokens
    zalo.fail_next("expired")  # -216 on the next create, and that access token is revoked
    assert oa.send(build(post(title="Bài hai"), zalo.url)) == "art-2"
    assert zalo.refreshes == 2
    with pytest.raises(OutletError, match="error -14014") as info:  # a spent refresh token
        refresh_zalo(requests.Session(), oauth_url=zalo.url, app_id=APP_ID, app_secret=APP_SECRET,
                     refresh_token=first, timeout=(1, 2))
    assert first not in str(info.value) and APP_SECRET not in str(info.value)


def test_a_static_token_rejected_names_the_fix_without_the_token(zalo):
    zalo.mode = "expired"
    with pytest.raises(OutletError) as info:
        adapter(zalo).send(build(post(), zalo.url))
    assert "LOA_ZALO_TOKEN" in str(info.value) and ZALO_TOKEN not in str(info.value)


def test_rate_limit_is_retryable_and_the_monthly_quota_is_reported_as_such(zalo):
    zalo.mode = "rate_limit"
    with pytest.raises(RetryableOutletError, match="-32"):
        adapter(zalo).send(build(post(), zalo.url))
    zalo.mode = "quota"
    with pytest.raises(QuotaReached, match="monthly article quota"):
        adapter(zalo).send(build(post(), zalo.url))
    assert zalo.articles == []


def test_broadcast_sends_a_media_template_naming_the_article(zalo):
    oa = adapter(zalo)
    article = oa.send(build(post(), zalo.url))
    assert oa.broadcast(article) == "msg-1"
    sent = zalo.broadcasts[0]
    assert sent["message"]["attachment"]["payload"] == {
        "template_type": "media", "elements": [{"media_type": "article", "attachment_id": "art-1"}]}
    assert build_broadcast("art-1", api_url="https://z").url == "https://z/v2.0/oa/message"
