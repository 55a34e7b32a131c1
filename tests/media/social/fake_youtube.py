"""A YouTube-Data-API-shaped upload service: Google's token endpoint and the resumable upload protocol.

`POST /upload/youtube/v3/videos?uploadType=resumable` opens a session (Location); `PUT` with
`Content-Range: bytes a-b/total` adds bytes (308 with `Range: bytes=0-n` until complete, then 200 with
the video); `PUT` with `Content-Range: bytes */total` asks the status. Faults on a chunk
(`CHUNK_FAULTS`): the connection breaks midway (part of the bytes kept), a 503 after keeping them, an
expired access token (401).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from tests.media.social import _server as loopback

CHUNK_FAULTS = ("break_midway", "503_after", "expired")
CLIENT_ID, CLIENT_SECRET = "loa-client.apps.example", "google-client-secret-xyz"


@dataclass
class FakeYouTube(loopback.FakeService):
    sessions: dict[str, dict] = field(default_factory=dict)
    videos: list[dict] = field(default_factory=list)
    access_tokens: set[str] = field(default_factory=set)
    refresh_token: str = "google-refresh-secret-1"
    issued: list[str] = field(default_factory=list)
    puts: list[str] = field(default_factory=list)  # Content-Range of every PUT with bytes

    def __post_init__(self) -> None:
        super().__post_init__()
        self._numbers = itertools.count(1)

    def route(self, req: loopback.Seen) -> loopback.Reply:
        if req.path == "/token":
            return self._token(req)
        auth = req.headers.get("authorization", "")
        if auth.removeprefix("Bearer ") not in self.access_tokens:
            return loopback.Reply(401, {"error": {"code": 401, "message": "Invalid Credentials",
                                                  "errors": [{"reason": "authError"}]}})
        if req.method == "POST" and req.path == "/upload/youtube/v3/videos":
            if req.query.get("uploadType") != "resumable" or "X-Upload-Content-Length".lower() not in req.headers:
                return loopback.Reply(400, {"error": {"code": 400, "message": "bad upload request"}})
            if not isinstance(req.body, dict) or "snippet" not in req.body:  # e.g. cut off by a killed client
                return loopback.Reply(400, {"error": {"code": 400, "message": "'snippet' is required"}})
            upload_id = f"up-{next(self._numbers)}"
            self.sessions[upload_id] = {"meta": req.body, "total": int(req.headers["x-upload-content-length"]),
                                        "data": bytearray(), "video": None}
            location = f"{self.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id={upload_id}"
            return loopback.Reply(200, None, headers={"Location": location})
        if req.method == "PUT" and req.path == "/upload/youtube/v3/videos":
            return self._put(req, auth.removeprefix("Bearer "))
        return loopback.Reply(404, {"error": {"code": 404, "message": "Not Found"}})

    def _put(self, req: loopback.Seen, token: str) -> loopback.Reply:
        session = self.sessions.get(req.query.get("upload_id", ""))
        if session is None:
            return loopback.Reply(404, {"error": {"code": 404, "message": "upload session not found"}})
        spec = req.headers.get("content-range", "")
        if spec.startswith("bytes */"):
            return self._state(session)
        if session["video"]:
            return self._state(session)
        self.puts.append(spec)
        first = int(spec.split(" ")[1].split("-")[0])
        if first != len(session["data"]):
            return loopback.Reply(400, {"error": {"code": 400, "message": f"expected offset {len(session['data'])}"}})
        fault = self.fault(CHUNK_FAULTS)
        if fault == "expired":
            self.access_tokens.discard(token)
            return loopback.Reply(401, {"error": {"code": 401, "message": "Invalid Credentials"}})
        if fault == "break_midway":
            session["data"] += req.raw[: len(req.raw) // 2]
            return loopback.Reply(0, drop=True)
        session["data"] += req.raw
        if fault == "503_after":
            return loopback.Reply(503, {"error": {"code": 503, "message": "Backend Error"}})
        return self._state(session)

    def _state(self, session: dict) -> loopback.Reply:
        held = len(session["data"])
        if held >= session["total"]:
            if not session["video"]:
                video = {"id": f"vid{len(self.videos) + 1}", "snippet": session["meta"]["snippet"],
                         "status": session["meta"]["status"], "bytes": bytes(session["data"])}
                self.videos.append(video)
                session["video"] = video
            video = session["video"]
            return loopback.Reply(200, {"kind": "youtube#video", "id": video["id"], "snippet": video["snippet"],
                                        "status": video["status"]})
        headers = {"Range": f"bytes=0-{held - 1}"} if held else {}
        return loopback.Reply(308, None, headers=headers)

    def _token(self, req: loopback.Seen) -> loopback.Reply:
        form = req.body or {}
        if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return loopback.Reply(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        if form.get("refresh_token") != self.refresh_token or form.get("grant_type") != "refresh_token":
            return loopback.Reply(400, {"error": "invalid_grant",
                                        "error_description": "Token has been expired or revoked."})
        access = f"ya29.access-{next(self._numbers)}-secret"
        self.access_tokens.add(access)
        self.issued.append(access)
        return loopback.Reply(200, {"access_token": access, "expires_in": 3599, "token_type": "Bearer"})
