"""TikTok direct post against a loopback Content Posting API: chunks, status, faults, a kill during the upload."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from media.errors import OutletError
from media.social import OutcomeUnknown, PostContent, RetryableOutletError
from media.social.oauth import refresh_tiktok
from media.social.tiktok import build_tiktok_post, caption, chunk_plan
from media.social.tiktok_adapter import TikTokAdapter
from tests.media.social.fake_tiktok import CLIENT_KEY, CLIENT_SECRET, MIB

ROOT = Path(__file__).resolve().parents[3]
SINCE = datetime(2026, 3, 2, tzinfo=UTC)


class Tokens:
    """A TokenSource refreshed against the fake's /v2/oauth/token/, keeping each rotated refresh token."""

    def __init__(self, tiktok) -> None:
        self.tiktok, self.access, self.refreshes = tiktok, "act.never-issued", 0
        self.refresh_token = "rft.tiktok-refresh-1"

    def current(self) -> str:
        return self.access

    def refresh(self, rejected: str) -> str:
        self.refreshes += 1
        grant = refresh_tiktok(requests.Session(), api_url=self.tiktok.url, client_key=CLIENT_KEY,
                               client_secret=CLIENT_SECRET, refresh_token=self.refresh_token, timeout=(1, 5))
        self.access, self.refresh_token = grant.access_token, grant.refresh_token or self.refresh_token
        return self.access


def _video(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def _content(key: str = "pub-7-v1") -> PostContent:
    return PostContent(key=key, title="Nộp hồ sơ trực tuyến", body="Người dân nộp hồ sơ qua dichvucong.gov.vn.",
                       link="https://xa.gov.vn/articles/7.html", hashtags=("CCHC", "PhuKhuong"))


def _adapter(tiktok, tokens, **kw) -> TikTokAdapter:
    return TikTokAdapter(api_url=tiktok.url, tokens=tokens, timeout=(1, 5), first_wait_s=0.01, sleep=lambda s: None,
                         **kw)


def test_the_chunk_plan_follows_tiktoks_rules():
    assert chunk_plan(3 * MIB) == (3 * MIB, 1)  # under 5 MB: one chunk, the whole file
    assert chunk_plan(11 * MIB, 5 * MIB) == (5 * MIB, 2)  # the last chunk takes the trailing 1 MB
    assert chunk_plan(700 * MIB) == (10 * MIB, 70)
    with pytest.raises(OutletError, match="5-64 MB"):
        chunk_plan(100 * MIB, MIB)


def test_a_short_video_is_posted_once_and_its_status_followed_to_the_end(tiktok, tmp_path):
    video = _video(tmp_path / "tin.mp4", 3 * MIB)
    req = build_tiktok_post(_content(), video, api_url=tiktok.url, privacy="SELF_ONLY", part_label="Phần 1/2")
    handles: list[str] = []
    tokens = Tokens(tiktok)
    post_id = _adapter(tiktok, tokens).send(req, on_handle=handles.append)
    assert post_id == handles[0] and len(tiktok.posts) == 1  # SELF_ONLY posts have no public id
    assert tiktok.posts[0]["bytes"] == video.read_bytes() and tokens.refreshes == 1
    title = tiktok.posts[0]["title"]
    assert title.startswith("Nộp hồ sơ trực tuyến (Phần 1/2)") and "#CCHC" in title
    puts = [s for s in tiktok.seen if s.method == "PUT"]
    assert [p.headers["content-range"] for p in puts] == [f"bytes 0-{3 * MIB - 1}/{3 * MIB}"]
    assert all("authorization" not in p.headers for p in puts)  # the token never goes to the upload host
    assert "secret" not in json.dumps(req.as_dict())
    # looked up later: found, not sent again
    assert _adapter(tiktok, tokens).find_existing(req, since=SINCE, handle=handles[0]) == post_id
    assert _adapter(tiktok, tokens).send(req, handle=handles[0]) == post_id and len(tiktok.posts) == 1


def test_a_large_video_goes_up_in_chunks_and_a_public_post_has_its_id(tiktok, tmp_path):
    tiktok.audited = True
    video = _video(tmp_path / "tin.mp4", 11 * MIB)
    req = build_tiktok_post(_content(), video, api_url=tiktok.url, privacy="PUBLIC_TO_EVERYONE", chunk_bytes=5 * MIB)
    tiktok.fail_next("chunk_break", "chunk_503")
    post_id = _adapter(tiktok, Tokens(tiktok)).send(req)
    assert post_id == str(tiktok.posts[0]["id"]) and tiktok.posts[0]["bytes"] == video.read_bytes()
    ranges = [s.headers["content-range"] for s in tiktok.seen if s.method == "PUT"]
    assert ranges[-2:] == [f"bytes 0-{5 * MIB - 1}/{11 * MIB}", f"bytes {5 * MIB}-{11 * MIB - 1}/{11 * MIB}"]


def test_a_part_longer_than_the_account_takes_is_refused_before_init(tiktok, tmp_path):
    tiktok.max_seconds = 30
    req = build_tiktok_post(_content(), _video(tmp_path / "tin.mp4", MIB), api_url=tiktok.url, privacy="SELF_ONLY",
                            seconds=58.5)
    with pytest.raises(OutletError, match="at most 30 s, this part lasts 58 s"):
        _adapter(tiktok, Tokens(tiktok)).send(req)
    assert not tiktok.publishes


def test_an_unaudited_app_must_post_self_only(tiktok, tmp_path):
    req = build_tiktok_post(_content(), _video(tmp_path / "tin.mp4", MIB), api_url=tiktok.url,
                            privacy="PUBLIC_TO_EVERYONE")
    with pytest.raises(OutletError, match="offers privacy SELF_ONLY, not PUBLIC_TO_EVERYONE") as info:
        _adapter(tiktok, Tokens(tiktok)).send(req)
    assert not isinstance(info.value, RetryableOutletError | OutcomeUnknown) and not tiktok.publishes


@pytest.mark.parametrize(("fault", "error"), [
    ("init_lost", OutcomeUnknown), ("init_html", OutcomeUnknown), ("init_500", OutcomeUnknown),
    ("rate", RetryableOutletError)])
def test_faults_at_init_are_sorted_by_what_they_mean(tiktok, tmp_path, fault, error):
    req = build_tiktok_post(_content(), _video(tmp_path / "tin.mp4", MIB), api_url=tiktok.url, privacy="SELF_ONLY")
    tiktok.fail_next(fault)
    tokens = Tokens(tiktok)
    with pytest.raises(error) as info:
        _adapter(tiktok, tokens).send(req)
    assert "secret" not in str(info.value)
    if fault == "rate":
        assert info.value.retry_after == 60.0
    # no handle came back: nothing was uploaded, so no post can exist and sending again is safe
    assert _adapter(tiktok, tokens).find_existing(req, since=SINCE, handle=None) is None
    assert _adapter(tiktok, tokens).send(req) and len(tiktok.posts) == 1


def test_a_post_still_processing_is_looked_up_later_and_a_failed_one_sent_again(tiktok, tmp_path):
    req = build_tiktok_post(_content(), _video(tmp_path / "tin.mp4", MIB), api_url=tiktok.url, privacy="SELF_ONLY")
    tiktok.polls_to_publish = 50
    handles: list[str] = []
    tokens = Tokens(tiktok)
    with pytest.raises(OutcomeUnknown, match="still processing"):
        _adapter(tiktok, tokens, status_within_s=0.05).send(req, on_handle=handles.append)
    with pytest.raises(OutcomeUnknown, match="still processing"):
        _adapter(tiktok, tokens).find_existing(req, since=SINCE, handle=handles[0])
    tiktok.polls_to_publish = 0
    assert _adapter(tiktok, tokens).find_existing(req, since=SINCE, handle=handles[0]) == handles[0]
    assert len(tiktok.posts) == 1 and len(tiktok.publishes) == 1
    tiktok.fail_next("fail_processing")
    with pytest.raises(RetryableOutletError, match="failed to process"):
        _adapter(tiktok, tokens).send(build_tiktok_post(_content("pub-8-v1"), tmp_path / "tin.mp4",
                                                        api_url=tiktok.url, privacy="SELF_ONLY"))
    failed = list(tiktok.publishes)[-1]
    assert _adapter(tiktok, tokens).find_existing(req, since=SINCE, handle=failed) is None  # nothing was made


def test_an_expired_token_is_refreshed_once_and_the_rotated_refresh_token_kept(tiktok, tmp_path):
    req = build_tiktok_post(_content(), _video(tmp_path / "tin.mp4", MIB), api_url=tiktok.url, privacy="SELF_ONLY")
    tokens = Tokens(tiktok)
    _adapter(tiktok, tokens).send(req)
    first_refresh = tokens.refresh_token
    tiktok.fail_next("expired")
    _adapter(tiktok, tokens).send(build_tiktok_post(_content("pub-8-v1"), tmp_path / "tin.mp4", api_url=tiktok.url,
                                                    privacy="SELF_ONLY"))
    assert tokens.refreshes == 2 and tokens.refresh_token != first_refresh and len(tiktok.posts) == 2
    with pytest.raises(OutletError, match="refresh token"):
        refresh_tiktok(requests.Session(), api_url=tiktok.url, client_key=CLIENT_KEY, client_secret=CLIENT_SECRET,
                       refresh_token="rft.tiktok-refresh-1", timeout=(1, 5))  # spent: it rotated


def test_the_caption_holds_the_title_lead_and_hashtags_within_the_limit():
    long = PostContent(key="pub-1-v1", title="Tiêu đề", body="chữ " * 2000, hashtags=("CCHC",))
    text = caption(long, "Phần 2/3")
    assert len(text) <= 2200 and text.startswith("Tiêu đề (Phần 2/3)") and text.endswith("#CCHC")


KILLED_CLIENT = """
import sys, time
from pathlib import Path
from media.social.model import PostContent
from media.social.oauth import StaticToken
from media.secret import Secret
from media.social.tiktok import build_tiktok_post
from media.social.tiktok_adapter import TikTokAdapter
url, video, handle_file, token = sys.argv[1:5]
req = build_tiktok_post(PostContent(key="pub-7-v1", title="Nộp hồ sơ", body="Nội dung."), Path(video), api_url=url,
                        privacy="SELF_ONLY", chunk_bytes=5 * 1024 * 1024)
def keep(h):
    Path(handle_file).write_text(h)
TikTokAdapter(api_url=url, tokens=StaticToken(Secret(token)), timeout=(1, 30)).send(req, on_handle=keep)
"""


def test_a_client_killed_during_the_upload_leaves_one_post_after_the_next_pass(tiktok, tmp_path):
    video = _video(tmp_path / "tin.mp4", 11 * MIB)
    tokens = Tokens(tiktok)
    tokens.refresh("")
    tiktok.chunk_delay_s = 30.0  # the first chunk is kept, then its answer hangs: the client is killed then
    handle_file = tmp_path / "handle.txt"
    child = subprocess.Popen([sys.executable, "-c", KILLED_CLIENT, tiktok.url, str(video), str(handle_file),
                              tokens.access], cwd=ROOT)
    try:
        for _ in range(600):
            puts = [s for s in tiktok.seen if s.method == "PUT"]
            if puts or child.poll() is not None:
                break
            time.sleep(0.05)
        assert puts and child.poll() is None
        child.kill()
    finally:
        child.wait(timeout=30)
    handle = handle_file.read_text()
    assert tiktok.publishes[handle]["status"] == "PROCESSING_UPLOAD" and not tiktok.posts
    tiktok.chunk_delay_s = 0.0
    req = build_tiktok_post(_content(), video, api_url=tiktok.url, privacy="SELF_ONLY", chunk_bytes=5 * MIB)
    adapter = _adapter(tiktok, tokens)
    assert adapter.find_existing(req, since=SINCE, handle=handle) is None  # cut off mid-upload: no post can come
    post_id = adapter.send(req, handle=handle)
    assert len(tiktok.posts) == 1 and tiktok.posts[0]["bytes"] == video.read_bytes() and post_id != handle
