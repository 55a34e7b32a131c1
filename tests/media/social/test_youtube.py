from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
import requests

from media.errors import OutletError
from media.social import OutcomeUnknown, PostContent, YouTubeAdapter, build_youtube_upload
from media.social.oauth import refresh_google
from tests.media.social.fake_youtube import CLIENT_ID, CLIENT_SECRET

KIB = 1024


class Tokens:
    def __init__(self, youtube) -> None:
        self.youtube, self.access, self.refreshes = youtube, "ya29.never-issued", 0

    def current(self) -> str:
        return self.access

    def refresh(self, rejected: str) -> str:
        self.refreshes += 1
        grant = refresh_google(requests.Session(), token_url=f"{self.youtube.url}/token", client_id=CLIENT_ID,
                               client_secret=CLIENT_SECRET, refresh_token=self.youtube.refresh_token, timeout=(1, 2))
        self.access = grant.access_token
        return self.access


@pytest.fixture
def video(tmp_path):
    path = tmp_path / "clip.mp4"
    path.write_bytes(os.urandom(700 * KIB))
    return path


def request(youtube, video, privacy="unlisted"):
    content = PostContent(key="pub-9-v1", title="Chuyển đổi số <cấp xã>", body="Người dân dùng VNeID.",
                          link="https://cong.example/articles/9.html", hashtags=("CCHC",))
    return build_youtube_upload(content, video, upload_url=youtube.url, privacy=privacy)


def adapter(youtube, tokens=None) -> YouTubeAdapter:
    return YouTubeAdapter(upload_url=youtube.url, tokens=tokens or Tokens(youtube), chunk_bytes=256 * KIB,
                          sleep=lambda s: None)


def test_the_upload_request_carries_the_video_resource_and_privacy(youtube, video):
    req = request(youtube, video)
    assert req.url == f"{youtube.url}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status"
    assert req.json["snippet"]["title"] == "Chuyển đổi số ‹cấp xã›"
    assert req.json["snippet"]["tags"] == ["CCHC"] and req.json["status"]["privacyStatus"] == "unlisted"
    assert req.media["bytes"] == 700 * KIB and req.key == "pub-9-v1"
    with pytest.raises(OutletError, match="youtube_privacy"):
        request(youtube, video, privacy="secret")


def test_upload_in_chunks_with_the_token_refreshed_first(youtube, video):
    tokens = Tokens(youtube)
    handles = []
    assert adapter(youtube, tokens).send(request(youtube, video), on_handle=handles.append) == "vid1"
    assert tokens.refreshes == 1 and handles and "upload_id=up-" in handles[0]
    assert youtube.puts == ["bytes 0-262143/716800", "bytes 262144-524287/716800", "bytes 524288-716799/716800"]
    assert youtube.videos[0]["bytes"] == video.read_bytes()


def test_a_break_midway_is_resumed_from_what_arrived_not_restarted(youtube, video):
    youtube.fail_next("503_after")  # first chunk kept but answered 503
    yt = adapter(youtube)
    assert yt.send(request(youtube, video)) == "vid1"
    assert youtube.puts[:2] == ["bytes 0-262143/716800", "bytes 262144-524287/716800"]
    youtube.puts.clear()
    youtube.fail_next("break_midway")  # the connection breaks with half of the first chunk received
    assert yt.send(request(youtube, video)) == "vid2"
    assert youtube.puts[:2] == ["bytes 0-262143/716800", "bytes 131072-393215/716800"]
    assert youtube.videos[-1]["bytes"] == video.read_bytes()


def test_a_crash_after_a_break_resumes_the_kept_session_on_the_next_pass(youtube, video):
    yt = YouTubeAdapter(upload_url=youtube.url, tokens=Tokens(youtube), chunk_bytes=256 * KIB, max_breaks=0,
                        sleep=lambda s: None)
    handles = []
    req = request(youtube, video)
    youtube.fail_next("break_midway")
    with pytest.raises(OutcomeUnknown, match="resumes"):
        yt.send(req, on_handle=handles.append)
    since = datetime.now(UTC)
    assert yt.find_existing(req, since=since, handle=handles[0]) is None  # not complete yet
    youtube.puts.clear()
    assert adapter(youtube).send(req, handle=handles[0]) == "vid1"
    assert youtube.puts[0] == "bytes 131072-393215/716800" and len(youtube.sessions) == 1
    assert yt.find_existing(req, since=since, handle=handles[0]) == "vid1"


def test_an_expired_token_mid_upload_is_refreshed_once(youtube, video):
    tokens = Tokens(youtube)
    youtube.fail_next("expired")
    assert adapter(youtube, tokens).send(request(youtube, video)) == "vid1"
    assert tokens.refreshes == 2 and len(youtube.videos) == 1


def test_a_forgotten_session_starts_a_new_one(youtube, video):
    yt = adapter(youtube)
    req = request(youtube, video)
    gone = f"{youtube.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=up-404"
    assert yt.send(req, handle=gone) == "vid1"


def test_a_session_on_another_host_never_gets_the_token(youtube, video):
    with pytest.raises(OutletError, match="another host"):
        adapter(youtube).send(request(youtube, video), handle="https://evil.example/upload?upload_id=x")
    assert all(s.method != "PUT" for s in youtube.seen)


def test_refresh_refused_names_the_fix_without_secrets(youtube):
    with pytest.raises(OutletError, match="invalid_grant") as info:
        refresh_google(requests.Session(), token_url=f"{youtube.url}/token", client_id=CLIENT_ID,
                       client_secret=CLIENT_SECRET, refresh_token="google-refresh-wrong", timeout=(1, 2))
    assert "google-refresh-wrong" not in str(info.value) and CLIENT_SECRET not in str(info.value)
