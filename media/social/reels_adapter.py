"""Publish a reel on the Page: start, upload (resumed at the offset Facebook holds), finish, then the status.

The video_id that `start` returns is handed to `on_handle` before any byte is sent; after a break, a
crash or a restart its status says what to do: published (kept, nothing sent again), publishing
(looked up again later), bytes missing (the upload goes on at `bytes_transferred`), all there but
never finished (finish is called). The Page token goes only to the Graph host and the upload host
(LOA_FACEBOOK_UPLOAD_URL), never anywhere a redirect points.
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
from media.secret import Secret
from media.social._http import Answer, Timeout, call
from media.social.errors import OutcomeUnknown, RetryableOutletError
from media.social.facebook import facebook_error, graph_base
from media.social.model import JsonObject, PreparedRequest
from media.social.reels import CHANNEL, phases


class ReelsAdapter:
    channel = CHANNEL

    def __init__(self, *, graph_url: str, api_version: str, page_id: str, token: Secret, upload_url: str,
                 timeout: Timeout = (3.05, 60), session: requests.Session | None = None,
                 publish_within_s: float = 60.0, first_wait_s: float = 1.0, max_breaks: int = 4,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._base, self._page_id, self._token = graph_base(graph_url, api_version), page_id, token
        self._hosts = {urlsplit(graph_url).netloc, urlsplit(upload_url).netloc}
        self._timeout, self._session = timeout, session or requests.Session()
        self._within, self._first_wait = publish_within_s, first_wait_s
        self._max_breaks, self._sleep = max_breaks, sleep

    def __repr__(self) -> str:
        return f"ReelsAdapter(base={self._base!r}, page_id={self._page_id!r})"

    def send(self, req: PreparedRequest, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str:
        """Publish the reel of `req` (build_reel), or carry on with the earlier upload `handle`."""
        if req.channel != CHANNEL or req.url != f"{self._base}/{self._page_id}/video_reels" or not req.media:
            raise OutletError(f"request for {req.channel} at {req.url} does not belong to this Reels adapter "
                              f"({self._base}, Page {self._page_id}); build it with build_reel and the same settings")
        path, total = Path(req.media["path"]), int(req.media["bytes"])
        if not path.is_file() or path.stat().st_size != total:
            raise OutletError(f"the video {path} changed or vanished since the request was built; render it again")
        if handle is None:
            answer = self._graph("POST", req.url, posting=False, json=req.json)  # nothing exists before the bytes
            video_id, upload_url = answer.body.get("video_id"), answer.body.get("upload_url")
            if not video_id or not upload_url:
                raise RetryableOutletError("Facebook opened no reel upload session (no video_id); retry later")
            handle = f"{video_id} {self._own(str(upload_url))}"
            if on_handle is not None:
                on_handle(handle)
        video_id, upload_url = handle.split(" ", 1)
        received, _, published = phases(self._status(video_id))
        if published == "complete":
            return video_id
        if published in ("", "not_started"):
            if received != -1 and received < total:
                self._upload(video_id, upload_url, path, received, total)
            self._finish(req, video_id)
        return self._await(video_id)

    def find_existing(self, req: PreparedRequest, *, since: datetime, handle: str | None = None) -> str | None:
        """The reel's id when the upload `handle` was published; None otherwise (send carries on with it)."""
        if handle is None:
            return None  # no session came back: no byte went up, no reel exists
        _, _, published = phases(self._status(handle.split(" ", 1)[0]))
        return handle.split(" ", 1)[0] if published == "complete" else None

    def _upload(self, video_id: str, upload_url: str, path: Path, offset: int, total: int) -> None:
        breaks = 0
        with path.open("rb") as video:
            while offset < total:
                video.seek(offset)
                headers = {"Authorization": f"OAuth {self._token.get_secret_value()}", "offset": str(offset),
                           "file_size": str(total)}
                try:
                    answer = call(self._session, "Facebook upload", "POST", upload_url, headers=headers,
                                  timeout=self._timeout, posting=True, data=video.read(), allow_redirects=False)
                    if answer.status >= 400 or answer.body.get("success") is not True:
                        raise facebook_error(answer, posting=True, token=self._token.get_secret_value())
                    offset = total
                except (OutcomeUnknown, RetryableOutletError) as exc:
                    breaks += 1
                    if breaks > self._max_breaks:
                        raise OutcomeUnknown(f"the reel upload broke {breaks} times ({exc}); it goes on from where it "
                                             "stopped on the next pass") from exc
                    self._sleep(min(0.05 * 2**breaks, 5.0))
                    received, _, _ = phases(self._status(video_id))
                    offset = total if received == -1 else received

    def _finish(self, req: PreparedRequest, video_id: str) -> None:
        params = {"upload_phase": "finish", "video_id": video_id, "video_state": "PUBLISHED",
                  "description": req.media.get("description", "") if req.media else ""}
        answer = self._graph("POST", req.url, posting=True, json=params)
        if answer.body.get("success") is not True:
            raise OutcomeUnknown("Facebook answered the reel's finish without success; its status is looked up")

    def _await(self, video_id: str) -> str:
        waited, wait = 0.0, self._first_wait
        while True:
            _, processing, published = phases(self._status(video_id))
            if published == "complete":
                return video_id
            if processing == "error" or published == "error":
                raise OutletError(f"Facebook could not process reel {video_id}; check the video and retry the "
                                  "publication")
            if waited >= self._within:
                raise OutcomeUnknown(f"reel {video_id} is still being published after {waited:.0f} s; looked up "
                                     "again on the next pass", retry_after=60.0)
            self._sleep(wait)
            waited += wait
            wait = min(wait * 2, 10.0)

    def _status(self, video_id: str) -> JsonObject:
        return self._graph("GET", f"{self._base}/{video_id}", posting=False, params={"fields": "status"}).body

    def _graph(self, method: str, url: str, *, posting: bool, **kwargs: Any) -> Answer:
        secret = self._token.get_secret_value()
        answer = call(self._session, "Facebook", method, url, headers={"Authorization": f"Bearer {secret}"},
                      timeout=self._timeout, posting=posting, allow_redirects=False, **kwargs)
        if answer.status >= 400 or "error" in answer.body:
            raise facebook_error(answer, posting=posting, token=secret)
        if not answer.body:
            error = OutcomeUnknown if posting else RetryableOutletError
            raise error(f"Facebook answered HTTP {answer.status} without a JSON body; "
                        + ("look it up" if posting else "retry later"))
        return answer

    def _own(self, url: str) -> str:
        host = urlsplit(url).netloc
        if host not in self._hosts:
            raise OutletError(f"Facebook gave an upload URL on another host ({host}); refusing to send the Page token "
                              "there: check LOA_FACEBOOK_UPLOAD_URL")
        return url
