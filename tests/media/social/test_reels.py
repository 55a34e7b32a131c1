"""Facebook Reels against a loopback Graph Page, and YouTube Shorts through the resumable upload."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from media.errors import OutletError
from media.secret import Secret
from media.social import OutcomeUnknown, PostContent, RetryableOutletError, YouTubeAdapter, build_youtube_upload
from media.social.reels import build_reel
from media.social.reels_adapter import ReelsAdapter
from tests.media.social._server import serve
from tests.media.social.fake_reels import TOKEN, FakeReels
from tests.media.social.test_youtube import Tokens as YouTubeTokens

SINCE = datetime(2026, 3, 2, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def page():
    service = FakeReels()
    with serve(service):
        yield service


def _content(key="pub-5-v1"):
    return PostContent(key=key, title="Một cửa liên thông", body="Người dân nộp hồ sơ một lần.",
                       link="https://xa.gov.vn/articles/5.html", hashtags=("CCHC",))


def _adapter(page, token=TOKEN, **kw):
    return ReelsAdapter(graph_url=page.url, api_version="v26.0", page_id=page.page_id, token=Secret(token),
                        upload_url=page.url, timeout=(1, 5), first_wait_s=0.01, sleep=lambda s: None, **kw)


def _req(page, tmp_path, key="pub-5-v1", size=300_000):
    video = tmp_path / f"{key}.mp4"
    if not video.exists():
        video.write_bytes(os.urandom(size))
    return build_reel(_content(key), video, graph_url=page.url, api_version="v26.0", page_id=page.page_id,
                      part_label="Phần 2/3")


def test_a_reel_is_started_uploaded_finished_and_published_once(page, tmp_path):
    req = _req(page, tmp_path)
    handles: list[str] = []
    reel_id = _adapter(page).send(req, on_handle=handles.append)
    assert len(page.reels) == 1 and page.reels[0]["id"] == reel_id
    assert page.reels[0]["bytes"] == (tmp_path / "pub-5-v1.mp4").read_bytes()
    assert page.reels[0]["description"].startswith("Một cửa liên thông (Phần 2/3)") and "#CCHC" in \
        page.reels[0]["description"]
    upload = next(s for s in page.seen if s.path.startswith("/video-upload/"))
    assert upload.headers["authorization"] == f"OAuth {TOKEN}" and upload.headers["offset"] == "0"
    assert upload.headers["file_size"] == str(300_000)
    assert _adapter(page).find_existing(req, since=SINCE, handle=handles[0]) == reel_id
    assert _adapter(page).send(req, handle=handles[0]) == reel_id and len(page.reels) == 1


def test_an_upload_cut_off_goes_on_from_the_offset_facebook_holds(page, tmp_path):
    req = _req(page, tmp_path)
    page.fail_next("upload_break")
    _adapter(page).send(req)
    offsets = [s.headers["offset"] for s in page.seen if s.path.startswith("/video-upload/")]
    assert offsets[0] == "0" and int(offsets[1]) == 100_000  # a third had arrived
    assert page.reels[0]["bytes"] == (tmp_path / "pub-5-v1.mp4").read_bytes()


def test_a_lost_finish_is_looked_up_and_never_published_twice(page, tmp_path):
    req = _req(page, tmp_path)
    handles: list[str] = []
    page.fail_next("finish_lost")
    page.polls_to_publish = 3
    with pytest.raises(OutcomeUnknown):
        _adapter(page).send(req, on_handle=handles.append)
    assert not page.reels
    found = _adapter(page).find_existing(req, since=SINCE, handle=handles[0])  # still publishing: not yet
    again = found or _adapter(page).send(req, handle=handles[0])
    assert len(page.reels) == 1 and again == page.reels[0]["id"]
    assert sum(1 for s in page.seen if (s.body or {}).get("upload_phase") == "finish") == 1


def test_a_page_at_its_daily_limit_is_retried_later_and_an_expired_token_is_refused(page, tmp_path):
    page.fail_next("limit")
    with pytest.raises(RetryableOutletError, match="rate limit"):
        _adapter(page).send(_req(page, tmp_path))
    with pytest.raises(OutletError, match="LOA_FACEBOOK_TOKEN") as info:
        _adapter(page, token="EAAB-expired").send(_req(page, tmp_path, "pub-6-v1"))
    assert "EAAB-expired" not in str(info.value)


def test_a_status_page_in_html_is_a_retry_not_a_crash(page, tmp_path):
    req = _req(page, tmp_path)
    handles: list[str] = []
    page.polls_to_publish = 5
    with pytest.raises(OutcomeUnknown):
        _adapter(page, publish_within_s=0.0).send(req, on_handle=handles.append)
    page.fail_next("status_html")
    with pytest.raises(RetryableOutletError):
        _adapter(page).find_existing(req, since=SINCE, handle=handles[0])


def test_an_upload_url_on_another_host_never_gets_the_token(page, tmp_path):
    adapter = ReelsAdapter(graph_url=page.url, api_version="v26.0", page_id=page.page_id, token=Secret(TOKEN),
                           upload_url="https://rupload.facebook.com", timeout=(1, 5))
    with pytest.raises(OutletError, match="another host"):
        adapter._own("https://evil.example/video-upload/v26.0/1")


def test_a_short_goes_up_through_the_resumable_upload_with_shorts_in_its_title(youtube, tmp_path):
    video = tmp_path / "part.mp4"
    video.write_bytes(os.urandom(600 * 1024))
    req = build_youtube_upload(_content(), video, upload_url=youtube.url, privacy="public", channel="shorts",
                               part_label="Phần 1/2")
    assert req.channel == "shorts" and req.json["snippet"]["title"] == "Một cửa liên thông (Phần 1/2) #Shorts"
    adapter = YouTubeAdapter(upload_url=youtube.url, tokens=YouTubeTokens(youtube), chunk_bytes=256 * 1024,
                             sleep=lambda s: None, channel="shorts")
    video_id = adapter.send(req)
    assert youtube.videos[0]["id"] == video_id and youtube.videos[0]["bytes"] == video.read_bytes()
    assert "#Shorts" in youtube.videos[0]["snippet"]["description"]
    with pytest.raises(OutletError, match="does not belong"):
        YouTubeAdapter(upload_url=youtube.url, tokens=YouTubeTokens(youtube)).send(req)  # a "youtube" adapter


KILLED_CLIENT = """
import sys
from pathlib import Path
from media.secret import Secret
from media.social.model import PostContent
from media.social.reels import build_reel
from media.social.reels_adapter import ReelsAdapter
url, page_id, token, video, handle_file = sys.argv[1:6]
req = build_reel(PostContent(key="pub-5-v1", title="Một cửa", body="Nội dung."), Path(video), graph_url=url,
                 api_version="v26.0", page_id=page_id)
ReelsAdapter(graph_url=url, api_version="v26.0", page_id=page_id, token=Secret(token), upload_url=url,
             timeout=(1, 60)).send(req, on_handle=lambda h: Path(handle_file).write_text(h))
"""


def test_a_client_killed_during_the_upload_is_resumed_and_publishes_one_reel(page, tmp_path):
    video = tmp_path / "reel.mp4"
    video.write_bytes(os.urandom(400_000))
    page.upload_delay_s = 30.0
    handle_file = tmp_path / "handle.txt"
    child = subprocess.Popen([sys.executable, "-c", KILLED_CLIENT, page.url, page.page_id, TOKEN, str(video),
                              str(handle_file)], cwd=ROOT)
    try:
        for _ in range(600):
            if any(s.path.startswith("/video-upload/") for s in page.seen) or child.poll() is not None:
                break
            time.sleep(0.05)
        assert child.poll() is None
        child.kill()
    finally:
        child.wait(timeout=30)
    page.upload_delay_s = 0.0
    handle = handle_file.read_text()
    req = build_reel(_content(), video, graph_url=page.url, api_version="v26.0", page_id=page.page_id)
    assert _adapter(page).find_existing(req, since=SINCE, handle=handle) is None  # not published yet
    reel_id = _adapter(page).send(req, handle=handle)
    offsets = [s.headers["offset"] for s in page.seen if s.path.startswith("/video-upload/")]
    assert offsets == ["0", "200000"]  # resumed where Facebook's bytes ended, not from the start
    assert len(page.reels) == 1 and page.reels[0]["id"] == reel_id and page.reels[0]["bytes"] == video.read_bytes()
