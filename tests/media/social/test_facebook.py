from __future__ import annotations

import socket
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr

from media.errors import OutletError
from media.social import (
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


def post(key: str = "pub-42-v3", **kw) -> PostContent:
    fields = {
        "message": "Dịch vụ công trực tuyến\n\nNộp hồ sơ tại nhà.",
        "link": "https://portal.example/bai/42",
    }
    return PostContent(key=key, **{**fields, **kw})


def build(content: PostContent, url: str = "https://graph.example") -> object:
    return build_facebook_post(content, graph_url=url, api_version="v21.0", page_id=PAGE, now=NOW)


def adapter(graph, **kw) -> FacebookAdapter:
    return FacebookAdapter(
        graph_url=graph.url, api_version="v21.0", page_id=PAGE, token=SecretStr(FB_TOKEN), **kw
    )


def test_build_posts_now_with_the_key_marker_as_last_line():
    req = build(post(scheduled_at=None))
    assert (req.channel, req.method, req.url) == (
        "facebook",
        "POST",
        f"https://graph.example/v21.0/{PAGE}/feed",
    )
    assert req.json == {
        "message": "Dịch vụ công trực tuyến\n\nNộp hồ sơ tại nhà.\n\n#loa-pub-42-v3",
        "link": "https://portal.example/bai/42",
    }


def test_build_schedules_only_ten_minutes_or_more_ahead():
    later = NOW + timedelta(hours=2)
    req = build(post(scheduled_at=later))
    assert req.json["published"] is False
    assert req.json["scheduled_publish_time"] == int(later.timestamp())
    assert datetime.fromtimestamp(req.json["scheduled_publish_time"], UTC) == later
    soon = build(post(scheduled_at=NOW + timedelta(minutes=9)))
    assert "published" not in soon.json and "scheduled_publish_time" not in soon.json


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (post(scheduled_at=NOW + timedelta(days=80)), "at most 75"),
        (post(scheduled_at=datetime(2026, 3, 11, 9, 0)), "no time zone"),
        (post(key="pub 42/../x"), "not usable"),
        (post(message=" \x00 \n "), "empty message"),
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
    assert "code 190" in message and "token" in message and "LOA_FACEBOOK_TOKEN" in message
    assert FB_TOKEN not in message and "\n" not in message
    assert FB_TOKEN not in repr(adapter(graph))


def test_rate_limit_is_retryable(graph):
    graph.mode = "rate_limit"
    with pytest.raises(RetryableOutletError, match="rate limit"):
        adapter(graph).send(build(post(), graph.url))


def test_server_error_on_a_post_is_an_unknown_outcome(graph):
    graph.mode = "error500"
    with pytest.raises(OutcomeUnknown, match="HTTP 500"):
        adapter(graph).send(build(post(), graph.url))


def test_dropped_connection_after_posting_is_unknown_then_found_by_key(graph):
    fb = adapter(graph)
    graph.mode = "drop_after_post"
    with pytest.raises(OutcomeUnknown, match="find_existing"):
        fb.send(build(post(), graph.url))
    graph.mode = "ok"
    assert fb.find_existing("pub-42-v3") == f"{PAGE}_1"
    assert fb.find_existing("pub-42-v") is None
    assert fb.find_existing("pub-42-v33") is None
    assert len(graph.posts) == 1


def test_scheduled_posts_are_found_too(graph):
    fb = adapter(graph)
    remote_id = fb.send(build(post(key="pub-7-v1", scheduled_at=NOW + timedelta(days=2)), graph.url))
    assert graph.posts[0]["published"] is False
    assert fb.find_existing("pub-7-v1") == remote_id
    assert [s.path.rsplit("/", 1)[-1] for s in graph.seen[1:]] == ["feed", "scheduled_posts"]


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
    fb = FacebookAdapter(graph_url=url, api_version="v21.0", page_id=PAGE, token=SecretStr(FB_TOKEN))
    with pytest.raises(RetryableOutletError, match="cannot reach Facebook"):
        fb.send(build(post(), url))


def test_send_refuses_a_request_built_for_another_host(graph):
    with pytest.raises(OutletError, match="does not belong"):
        adapter(graph).send(build(post(), "https://elsewhere.example"))
    assert graph.seen == []
