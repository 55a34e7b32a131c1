"""Post a video to TikTok (direct post): init, chunked upload, then the status until it is published or failed.

The publish_id that init returns is handed to `on_handle` (the caller stores it) before any byte is
sent. After a break, a crash or a restart, the status of that publish_id says what happened: published
(its id is kept, nothing is sent again), still processing with every byte received (looked up again
later), failed or never fully uploaded (no post can come of it: a new init starts). TikTok keeps no
upload session to resume, so an upload cut off starts over from the first chunk. The access token goes
only to the API host (Authorization: Bearer); the upload_url carries its own upload token.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from media.errors import OutletError
from media.social._http import Answer, Timeout, call
from media.social.errors import OutcomeUnknown, RetryableOutletError, TokenRejected
from media.social.model import JsonObject, PreparedRequest
from media.social.oauth import TokenSource
from media.social.tiktok import CHANNEL, CREATOR_PATH, INIT_PATH, STATUS_PATH, chunks, failed_post, tiktok_error

DONE, FAILED, UPLOADING = "PUBLISH_COMPLETE", "FAILED", "PROCESSING_UPLOAD"


class TikTokAdapter:
    """Posts to one TikTok account with an OAuth access token from `tokens`."""

    channel = CHANNEL

    def __init__(self, *, api_url: str, tokens: TokenSource, timeout: Timeout = (3.05, 60),
                 session: requests.Session | None = None, status_within_s: float = 60.0,
                 first_wait_s: float = 1.0, max_breaks: int = 4, sleep: Callable[[float], None] = time.sleep) -> None:
        self._api = api_url.rstrip("/")
        self._tokens, self._timeout = tokens, timeout
        self._session = session or requests.Session()
        self._within, self._first_wait, self._max_breaks, self._sleep = status_within_s, first_wait_s, max_breaks, sleep

    def __repr__(self) -> str:
        return f"TikTokAdapter(api_url={self._api!r})"

    def send(self, req: PreparedRequest, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str:
        """Post the video of `req` (build_tiktok_post), or finish the earlier post `handle` when it can be."""
        if req.channel != CHANNEL or req.url != f"{self._api}{INIT_PATH}" or not req.media:
            raise OutletError(f"request for {req.channel} at {req.url} does not belong to this TikTok adapter "
                              f"({self._api}); build it with build_tiktok_post and the same api_url")
        path, total = Path(req.media["path"]), int(req.media["bytes"])
        if not path.is_file() or path.stat().st_size != total:
            raise OutletError(f"the video {path} changed or vanished since the request was built; render it again")
        if handle is not None:
            found = self._settled(handle, total)
            if found is not None:
                return found if found != UPLOADING else self._await(handle)
        self._check_creator(req.json["post_info"]["privacy_level"], req.media.get("seconds"))
        data = self._data("POST", req.url, posting=True, json=req.json)
        publish_id, upload_url = data.get("publish_id"), data.get("upload_url")
        if not publish_id or not upload_url:
            raise OutcomeUnknown("TikTok accepted the post but returned no publish_id or upload_url; look it up")
        if on_handle is not None:
            on_handle(str(publish_id))
        self._upload(str(upload_url), path, req.json["source_info"], req.media["content_type"])
        return self._await(str(publish_id))

    def find_existing(self, req: PreparedRequest, *, since: datetime, handle: str | None = None) -> str | None:
        """The post's id when publish `handle` completed; None when no post can come of it (send starts over);
        OutcomeUnknown while TikTok is still processing every byte it received."""
        if handle is None:
            return None  # init never answered, so nothing was uploaded: no post can exist
        found = self._settled(handle, int(req.media["bytes"]) if req.media else 0)
        if found == UPLOADING:
            raise OutcomeUnknown(f"TikTok is still processing post {handle}; looked up again later", retry_after=60.0)
        return found

    def _settled(self, publish_id: str, total: int) -> str | None:
        """The post id if published, UPLOADING if every byte arrived and TikTok is working, else None."""
        data = self._status(publish_id)
        status = data.get("status")
        if status == DONE:
            return _post_id(data, publish_id)
        if status == FAILED or status is None:
            return None
        if status == UPLOADING and int(data.get("uploaded_bytes") or 0) < total:
            return None  # cut off mid-upload: TikTok drops it; a new init starts over
        return UPLOADING

    def _check_creator(self, privacy: str, seconds: float | None) -> None:
        """The account takes this privacy level and a video this long (creator_info, as TikTok asks first)."""
        data = self._data("POST", f"{self._api}{CREATOR_PATH}", posting=False, json={})
        longest = data.get("max_video_post_duration_sec")
        if seconds and isinstance(longest, int | float) and seconds > longest:
            raise OutletError(f"the TikTok account takes videos of at most {longest} s, this part lasts "
                              f"{seconds:.0f} s; it cannot be posted there")
        options = data.get("privacy_level_options") or []
        if options and privacy not in options:
            raise OutletError(f"the TikTok account offers privacy {', '.join(options)}, not {privacy}; set "
                              "social.tiktok_privacy in the plan to one of them (SELF_ONLY until the app is audited)")

    def _upload(self, upload_url: str, path: Path, source: JsonObject, content_type: str) -> None:
        total = int(source["video_size"])
        with path.open("rb") as video:
            for first, last in chunks(total, int(source["chunk_size"]), int(source["total_chunk_count"])):
                video.seek(first)
                data = video.read(last - first + 1)
                headers = {"Content-Type": content_type, "Content-Range": f"bytes {first}-{last}/{total}"}
                for breaks in range(self._max_breaks + 1):
                    try:
                        answer = call(self._session, "TikTok upload", "PUT", upload_url, headers=headers,
                                      timeout=self._timeout, posting=True, data=data, allow_redirects=False)
                    except (OutcomeUnknown, RetryableOutletError) as exc:
                        if breaks == self._max_breaks:
                            raise OutcomeUnknown(f"the TikTok upload broke {breaks + 1} times ({exc}); the post is "
                                                 "looked up, then sent again, on the next pass") from exc
                        self._sleep(min(0.05 * 2**breaks, 5.0))
                        continue
                    if answer.status in (200, 201, 206):
                        break
                    error = tiktok_error(answer, token="", posting=True) or OutcomeUnknown(
                        f"TikTok refused a chunk (HTTP {answer.status})")
                    if answer.status >= 500 and breaks < self._max_breaks:
                        self._sleep(min(0.05 * 2**breaks, 5.0))
                        continue
                    raise error

    def _await(self, publish_id: str) -> str:
        """Poll the status until the post is published (its id) or failed; OutcomeUnknown when it takes too long."""
        waited, wait = 0.0, self._first_wait
        while True:
            data = self._status(publish_id)
            if data.get("status") == DONE:
                return _post_id(data, publish_id)
            if data.get("status") == FAILED:
                raise failed_post(str(data.get("fail_reason") or ""))
            if waited >= self._within:
                raise OutcomeUnknown(f"TikTok is still processing post {publish_id} after {waited:.0f} s; looked up "
                                     "again on the next pass", retry_after=60.0)
            self._sleep(wait)
            waited += wait
            wait = min(wait * 2, 10.0)

    def _status(self, publish_id: str) -> JsonObject:
        return self._data("POST", f"{self._api}{STATUS_PATH}", posting=False, json={"publish_id": publish_id})

    def _data(self, method: str, url: str, *, posting: bool, **kwargs: Any) -> JsonObject:
        answer, secret = self._authorized(method, url, posting=posting, **kwargs)
        error = tiktok_error(answer, token=secret, posting=posting)
        if error is not None:
            raise error
        data = answer.body.get("data")
        return data if isinstance(data, dict) else {}

    def _authorized(self, method: str, url: str, *, posting: bool, **kwargs: Any) -> tuple[Answer, str]:
        secret = self._tokens.current()
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json; charset=UTF-8"}
            answer = call(self._session, "TikTok", method, url, headers=headers, timeout=self._timeout,
                          posting=posting, **kwargs)
            if isinstance(tiktok_error(answer, token=secret, posting=posting), TokenRejected) and attempt == 1:
                secret = self._tokens.refresh(rejected=secret)
                continue
            return answer, secret
        raise AssertionError("unreachable")


def _post_id(data: JsonObject, publish_id: str) -> str:
    """The public post id when TikTok gives one (not for SELF_ONLY posts), else the publish_id."""
    ids = data.get("publicaly_available_post_id") or data.get("publicly_available_post_id") or []
    return str(ids[0]) if isinstance(ids, list) and ids else str(publish_id)
