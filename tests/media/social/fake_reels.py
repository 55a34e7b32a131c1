"""A Graph-shaped Page that takes reels: `video_reels` start and finish, rupload-style upload, the video's status.

As Meta's Reels Publishing guide shows: start answers `{video_id, upload_url}`; the upload URL takes
`POST` with `Authorization: OAuth <token>`, `offset` and `file_size` headers (`{success: true}`), and
keeps what arrived when the connection breaks; `GET /{video-id}?fields=status` answers the three
phases; finish with `video_state=PUBLISHED` publishes after a few status polls. 30 reels a day (code 4).
With `upload_delay_s` half the bytes are kept and the answer hangs (a client killed mid-upload).
Faults: the upload cut off midway (`upload_break`), finish done but its answer lost (`finish_lost`),
an HTML page on the status (`status_html`), the daily limit (`limit`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from tests.media.social import _server as loopback

TOKEN = "EAAB-reels-page-token-secret"


def _graph_error(code: int, message: str, status: int = 400) -> loopback.Reply:
    return loopback.Reply(status, {"error": {"message": message, "type": "OAuthException", "code": code,
                                             "fbtrace_id": "AbC"}})


@dataclass
class FakeReels(loopback.FakeService):
    page_id: str = "1234567890"
    polls_to_publish: int = 1
    videos: dict[str, dict] = field(default_factory=dict)
    reels: list[dict] = field(default_factory=list)  # published
    upload_delay_s: float = 0.0  # the bytes are kept, then the answer waits (a client killed meanwhile)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._numbers = itertools.count(900001)

    def route(self, req: loopback.Seen) -> loopback.Reply:
        if req.path.startswith("/video-upload/"):
            return self._upload(req)
        if req.headers.get("authorization") != f"Bearer {TOKEN}":
            return _graph_error(190, "Error validating access token: Session has expired")
        if req.path == f"/v26.0/{self.page_id}/video_reels" and req.method == "POST":
            phase = (req.body or {}).get("upload_phase")
            return self._start() if phase == "start" else self._finish(req) if phase == "finish" else \
                _graph_error(100, "(#100) upload_phase must be start or finish")
        video = self.videos.get(req.path.rsplit("/", 1)[-1])
        if req.method == "GET" and video is not None:
            return self._status(video)
        return _graph_error(803, "(#803) Some of the aliases you requested do not exist", 404)

    def _start(self) -> loopback.Reply:
        video_id = str(next(self._numbers))
        self.videos[video_id] = {"id": video_id, "data": bytearray(), "size": None, "finish": None, "polls": 0,
                                 "published": False}
        return loopback.Reply(200, {"video_id": video_id,
                                    "upload_url": f"{self.url}/video-upload/v26.0/{video_id}"})

    def _upload(self, req: loopback.Seen) -> loopback.Reply:
        video = self.videos.get(req.path.rsplit("/", 1)[-1])
        if req.headers.get("authorization") != f"OAuth {TOKEN}":
            return _graph_error(190, "Invalid OAuth access token")
        if video is None:
            return _graph_error(100, "Invalid video id")
        offset, size = int(req.headers.get("offset", "-1")), int(req.headers.get("file_size", "0"))
        if offset != len(video["data"]):
            return _graph_error(100, f"offset {offset} does not match {len(video['data'])} bytes received")
        video["size"] = size
        if self.fault(("upload_break",)):
            video["data"] += req.raw[: len(req.raw) // 3]
            return loopback.Reply(0, drop=True)
        video["data"] += req.raw[: len(req.raw) // 2] if self.upload_delay_s else req.raw
        return loopback.Reply(200, {"success": True}, delay_s=self.upload_delay_s)

    def _finish(self, req: loopback.Seen) -> loopback.Reply:
        body = req.body or {}
        video = self.videos.get(str(body.get("video_id")))
        if video is None or video["size"] is None or len(video["data"]) < video["size"]:
            return _graph_error(6000, "There was a problem uploading your video file")
        if self.fault(("limit",)) or len(self.reels) >= 30:
            return _graph_error(4, "Application request limit reached")
        if body.get("video_state") != "PUBLISHED":
            return _graph_error(100, "(#100) video_state is required")
        video["finish"] = body
        reply = loopback.Reply(200, {"success": True})
        if self.fault(("finish_lost",)):
            reply.drop = True
        return reply

    def _status(self, video: dict) -> loopback.Reply:
        if self.fault(("status_html",)):
            return loopback.Reply(502, raw=b"<html>Bad Gateway</html>")
        complete = video["size"] is not None and len(video["data"]) >= video["size"]
        publishing = "not_started"
        if video["finish"] is not None:
            video["polls"] += 1
            if video["polls"] >= self.polls_to_publish and not video["published"]:
                video["published"] = True
                self.reels.append({"id": video["id"], "description": video["finish"].get("description"),
                                   "bytes": bytes(video["data"])})
            publishing = "complete" if video["published"] else "in_progress"
        status = {"video_status": "ready" if video["published"] else "upload_complete" if complete else "processing",
                  "uploading_phase": {"status": "complete" if complete else "in_progress",
                                      "bytes_transferred": len(video["data"])},
                  "processing_phase": {"status": "complete" if video["finish"] else "not_started"},
                  "publishing_phase": {"status": publishing}}
        return loopback.Reply(200, {"status": status, "id": video["id"]})
