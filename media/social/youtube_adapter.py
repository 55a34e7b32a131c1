"""Upload a video to YouTube with the resumable protocol, resuming (not restarting) after a break.

The session URI (`Location` of the start request) is handed to `on_handle` before any byte is sent,
so the caller keeps it: after a break, a crash or a restart, `PUT` with `Content-Range: bytes */total`
asks what arrived, and the upload continues from there. A session YouTube no longer knows (404/410)
means no video was made: a new session starts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from media.errors import OutletError
from media.social._http import Answer, Timeout, call
from media.social.errors import OutcomeUnknown, RetryableOutletError, TokenRejected
from media.social.model import PreparedRequest
from media.social.oauth import TokenSource
from media.social.youtube import CHANNEL, upload_start_url, youtube_error

CHUNK = 8 * 256 * 1024  # chunks must be multiples of 256 KiB (all but the last)


class SessionGone(OutletError):
    """The upload session expired or was never known: start a new one."""


class YouTubeAdapter:
    """Uploads to one channel with an OAuth access token from `tokens` (Authorization: Bearer)."""

    channel = CHANNEL

    def __init__(self, *, upload_url: str, tokens: TokenSource, timeout: Timeout = (3.05, 60),
                 session: requests.Session | None = None, chunk_bytes: int = CHUNK, max_breaks: int = 8,
                 sleep: Callable[[float], None] = time.sleep, channel: str = CHANNEL) -> None:
        self.channel = channel
        if chunk_bytes <= 0 or chunk_bytes % (256 * 1024):
            raise OutletError(f"YouTube chunks must be a multiple of 256 KiB, not {chunk_bytes} bytes")
        self._upload_url = upload_url.rstrip("/")
        self._tokens, self._timeout = tokens, timeout
        self._session = session or requests.Session()
        self._chunk, self._max_breaks, self._sleep = chunk_bytes, max_breaks, sleep

    def __repr__(self) -> str:
        return f"YouTubeAdapter(upload_url={self._upload_url!r})"

    def send(self, req: PreparedRequest, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str:
        """Upload the video of `req` (build_youtube_upload), continuing session `handle` when given."""
        if req.channel != self.channel or req.url != upload_start_url(self._upload_url) or not req.media:
            raise OutletError(f"request for {req.channel} at {req.url} does not belong to this YouTube adapter "
                              f"({self._upload_url}); build it with build_youtube_upload and the same upload URL")
        path, total = Path(req.media["path"]), int(req.media["bytes"])
        if not path.is_file() or path.stat().st_size != total:
            raise OutletError(f"the video {path} changed or vanished since the request was built; render it again")
        if handle is not None:
            try:
                return self._upload(self._own(handle), path, total)
            except SessionGone:
                pass  # nothing was made: start over with a new session
        session_uri = self._start(req, total)
        if on_handle is not None:
            on_handle(session_uri)
        return self._upload(session_uri, path, total)

    def find_existing(self, req: PreparedRequest, *, since: datetime, handle: str | None = None) -> str | None:
        """The video id when session `handle` already completed; None otherwise (send resumes it)."""
        if handle is None:
            return None  # no session was kept, so no byte went up and no video exists
        try:
            done = self._status(self._own(handle), int(req.media["bytes"]) if req.media else 0)
        except SessionGone:
            return None
        return done if isinstance(done, str) else None

    def _start(self, req: PreparedRequest, total: int) -> str:
        headers = {"Content-Type": "application/json; charset=UTF-8", "X-Upload-Content-Length": str(total),
                   "X-Upload-Content-Type": req.media["content_type"] if req.media else "video/mp4"}
        answer = self._authorized("POST", req.url, headers, posting=False, json=req.json, starting=True)
        location = answer.headers.get("location")
        if answer.status != 200 or not location:
            raise RetryableOutletError(f"YouTube did not open an upload session (HTTP {answer.status}); retry later")
        return self._own(location)

    def _upload(self, session_uri: str, path: Path, total: int) -> str:
        state = self._status(session_uri, total)
        breaks = 0
        with path.open("rb") as video:
            while not isinstance(state, str):
                video.seek(state)
                chunk = video.read(self._chunk)
                last = state + len(chunk) - 1
                headers = {"Content-Type": "video/mp4", "Content-Range": f"bytes {state}-{last}/{total}"}
                try:
                    answer = self._authorized("PUT", session_uri, headers, posting=True, data=chunk)
                    state = self._progress(answer, total, session_uri)
                except (OutcomeUnknown, RetryableOutletError) as exc:
                    breaks += 1
                    if breaks > self._max_breaks:
                        raise OutcomeUnknown(f"the YouTube upload broke {breaks} times ({exc}); "
                                             "it resumes from the same session on the next pass") from exc
                    self._sleep(min(0.05 * 2**breaks, 5.0))
                    state = self._status(session_uri, total)
        return state

    def _status(self, session_uri: str, total: int) -> int | str:
        """Bytes YouTube holds (the offset to send next), or the video id when the upload is complete."""
        headers = {"Content-Range": f"bytes */{total}", "Content-Length": "0"}
        answer = self._authorized("PUT", session_uri, headers, posting=False)
        return self._progress(answer, total, session_uri)

    def _progress(self, answer: Answer, total: int, session_uri: str) -> int | str:
        if answer.status in (200, 201):
            video_id = answer.body.get("id")
            if not video_id:
                raise OutcomeUnknown("YouTube finished the upload but returned no video id")
            return str(video_id)
        if answer.status == 308:  # Resume Incomplete: Range "bytes=0-n" holds what arrived
            received = answer.headers.get("range", "")
            return int(received.rsplit("-", 1)[1]) + 1 if received.startswith("bytes=0-") else 0
        if answer.status in (404, 410):
            raise SessionGone(f"YouTube no longer knows upload session (HTTP {answer.status})")
        if answer.status >= 500:
            raise RetryableOutletError(f"YouTube failed during the upload (HTTP {answer.status}); resuming",
                                       retry_after=answer.retry_after)
        raise youtube_error(answer, token=self._tokens.current(), starting=False)

    def _authorized(self, method: str, url: str, headers: dict[str, str], *, posting: bool, starting: bool = False,
                    **kwargs: Any) -> Answer:
        secret = self._tokens.current()
        for attempt in (1, 2):
            auth = {**headers, "Authorization": f"Bearer {secret}"}
            answer = call(self._session, "YouTube", method, url, headers=auth, timeout=self._timeout,
                          posting=posting, allow_redirects=False, **kwargs)
            if answer.status == 401 and attempt == 1:
                secret = self._tokens.refresh(rejected=secret)
                continue
            if starting and answer.status >= 400:
                raise youtube_error(answer, token=secret, starting=True)
            if answer.status == 401:
                raise TokenRejected("YouTube rejected the refreshed access token too; retried later (if it lasts, "
                                    "store a new refresh token with `loa channel token youtube`)")
            return answer
        raise AssertionError("unreachable")

    def _own(self, uri: str) -> str:
        """A session URI on the upload host we were configured with: the Bearer token goes nowhere else."""
        mine, theirs = urlsplit(self._upload_url), urlsplit(uri)
        if (theirs.scheme, theirs.netloc) != (mine.scheme, mine.netloc):
            raise OutletError(f"YouTube gave an upload session on another host ({theirs.netloc}); refusing to send "
                              "the token there: check LOA_YOUTUBE_UPLOAD_URL")
        return uri
