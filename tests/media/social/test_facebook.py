from __future__ import annotations

import socket
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from media.errors import OutletError
from media.secret import Secret
from media.social import (
    DuplicatePost,
    FacebookAdapter,
    OutcomeUnknown,
    PostContent,
    RetryableOutletError,
    build_facebook_post,
)
from tests.media.social.loopback import FB_TOKEN

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=HCM)
PAGE = "1234567890"
SINCE = datetime.now(UTC) - timedelta(minutes=1)


def post(key: str = "pub-42-v3", **kw) -> PostContent:
    fields = {"title": "Dịch vụ công trực tuyến", "body": "Nộp hồ sơ tại nhà.", "link": "https://portal.example/bai/42",
              "hashtags": ("CCHC", "PhuKhuong")}
    return PostContent(key=key, **{**fields, **kw})


def build(content: PostContent, url: str = "https://graph.example") -> object:
    return build_facebook_post(content, graph_url=url, api_version="v26.0", page_id=PAGE, now=NOW)


def adapter(graph, **kw) -> FacebookAdapter:
    return FacebookAdapter(graph_url=graph.url, api_version="v26.0", page_id=PAGE, token=Secret(FB_TOKEN), **kw)


def test_build_posts_title_text_link_and_hashtags_without_any_marker():
    req = build(post(scheduled_at=None))
    assert (req.channel, req.method, req.url) == ("facebook", "POST", f"https://graph.example/v26.0/{PAGE}/feed")
    assert req.json == {
        "message": "Dịch vụ công trực tuyến\n\nNộp hồ sơ tại nhà.\n\nXem chi tiết: https://portal.example/bai/42"
                   "\n\n#CCHC #PhuKhuong",
        "link": "https://portal.example/bai/42",
    }
    assert "loa" not in req.json["message"].lower() and "pub-42" not in req.json["message"]


def test_build_schedules_only_ten_minutes_or_more_ahead():
    later = NOW + timedelta(hours=2)
    req = build(post(scheduled_at=later))
    assert req.json["published"] is False
    assert datetime.fromtimestamp(req.json["scheduled_publish_time"], UTC) == later
    soon = build(post(scheduled_at=NOW + timedelta(minutes=9)))
    assert "published" not in soon.json and "scheduled_publish_time" not in soon.json


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (post(scheduled_at=NOW + timedelta(days=80)), "at most 75"),
        (post(scheduled_at=datetime(2026, 3, 11, 9, 0)), "no time zone"),
        (post(key="pub 42/../x"), "not usable"),
        (post(body=" \x00 \n "), "empty message"),
    ],
)
def test_build_refuses_bad_posts(content, match):
    with pytest.raises(OutletError, match=match):
        build(content)


def test_send_returns_the_post_id_and_keeps_the_token_in_the_header(graph):
    req = build(post(), graph.url)
    assert adapter(graph).send(req) == f"{PAGE}_1"
    seen = graph.seen[0]
    assert seen.body == req.json
    assert seen.headers["authorization"] == f"Bearer {FB_TOKEN}"
    assert FB_TOKEN not in seen.path and not seen.query


def test_expired_token_names_the_fix_without_the_token(graph):
    graph.mode = "expired"
    with pytest.raises(OutletError) as info:
        adapter(graph).send(build(post(), graph.url))
    err = info.value
    assert not isinstance(err, OutcomeUnknown | RetryableOutletError)
    message = str(err)
    assert "code 190" in message and "LOA_FACEBOOK_TOKEN" in message
    assert FB_TOKEN not in message and "\n" not in message
    assert FB_TOKEN not in repr(adapter(graph))


@pytest.mark.parametrize(("fault", "kind", "exists"), [
    ("throttle", RetryableOutletError, False),
    ("5xx_before", OutcomeUnknown, False),  # code 1 on a post: unknown, looked up first
    ("5xx_after", OutcomeUnknown, True),
    ("transient_after", OutcomeUnknown, True),  # code 2 / is_transient: not "surely not created"
    ("drop_after", OutcomeUnknown, True),
])
def test_each_fault_is_classed_and_an_unknown_outcome_is_resolved_by_content(graph, fault, kind, exists):
    fb = adapter(graph)
    req = build(post(), graph.url)
    graph.fail_next(fault)
    with pytest.raises(kind) as info:
        fb.send(req)
    if fault == "throttle":
        assert info.value.retry_after == 1.0  # Retry-After honoured
    assert len(graph.posts) == int(exists)
    found = fb.find_existing(req, since=SINCE)
    assert found == (f"{PAGE}_1" if exists else None)
    if not exists:
        assert fb.send(req) == f"{PAGE}_1"
    assert len(graph.posts) == 1


def test_rate_limit_codes_341_and_368_are_retried_later(graph):
    from media.social._http import Answer
    from media.social.facebook import facebook_error

    for code in (341, 368, 4, 17, 32):
        err = facebook_error(Answer(400, {"error": {"code": code, "message": "limit"}}), posting=True, token="t")
        assert isinstance(err, RetryableOutletError) and err.retry_after and err.retry_after >= 60
    with_header = facebook_error(Answer(400, {"error": {"code": 4}}, {"retry-after": "120"}), posting=True, token="t")
    assert with_header.retry_after == 120.0


def test_a_duplicate_resend_is_refused_with_506_and_the_existing_post_is_found(graph):
    fb = adapter(graph)
    req = build(post(), graph.url)
    first = fb.send(req)
    with pytest.raises(DuplicatePost, match="506"):
        fb.send(req)
    assert fb.find_existing(req, since=SINCE) == first and len(graph.posts) == 1


def test_lookup_reads_the_pages_own_posts_across_pages_not_visitors_posts(graph):
    fb = adapter(graph)
    graph.page_size = 3
    for n in range(7):
        fb.send(build(post(key=f"pub-{n}-v1", title=f"Tin số {n}"), graph.url))
    mine = build(post(title="Tin số 0"), graph.url)
    assert fb.find_existing(mine, since=SINCE) == f"{PAGE}_1"  # the oldest, on the third page
    visitor = build(post(title="Ý kiến người dân"), graph.url)
    graph.visitor_posts.append({"id": "999_1", "message": visitor.json["message"], "created_unix": time.time(),
                                "from": {"id": "999", "name": "Khách"}})
    assert fb.find_existing(visitor, since=SINCE) is None
    paths = {s.path.rsplit("/", 1)[-1] for s in graph.seen if s.method == "GET"}
    assert paths == {"published_posts"}
    assert fb.find_existing(mine, since=datetime.now(UTC) + timedelta(hours=1)) is None  # before `since`


def test_scheduled_posts_are_looked_up_when_the_post_was_scheduled(graph):
    fb = adapter(graph)
    req = build(post(key="pub-7-v1", scheduled_at=NOW + timedelta(days=2)), graph.url)
    remote_id = fb.send(req)
    assert graph.posts[0]["published"] is False
    assert fb.find_existing(req, since=SINCE) == remote_id
    assert [s.path.rsplit("/", 1)[-1] for s in graph.seen[1:]] == ["published_posts", "scheduled_posts"]


def test_a_stalled_server_times_out_as_unknown(graph):
    graph.mode = "stall"
    started = time.monotonic()
    with pytest.raises(OutcomeUnknown, match="did not answer within 0.3 s"):
        adapter(graph, timeout=(1, 0.3)).send(build(post(), graph.url))
    assert time.monotonic() - started < 1.2


def test_refused_connection_is_retryable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    fb = FacebookAdapter(graph_url=url, api_version="v26.0", page_id=PAGE, token=Secret(FB_TOKEN))
    with pytest.raises(RetryableOutletError, match="cannot reach Facebook"):
        fb.send(build(post(), url))


def test_send_refuses_a_request_built_for_another_host(graph):
    with pytest.raises(OutletError, match="does not belong"):
        adapter(graph).send(build(post(), "https://elsewhere.example"))
    assert graph.seen == []
