"""A TikTok-Content-Posting-API-shaped service: OAuth refresh, creator info, direct-post init, chunked upload, status.

As TikTok's references describe: `{data, error: {code, message, log_id}}` bodies; init checks the chunk
plan (chunks of 5-64 MB, a file under 5 MB whole, total_chunk_count = video_size // chunk_size) and
allows 6 inits a minute per token (429 rate_limit_exceeded); the upload_url takes `PUT` with
Content-Range in order (206 until the last chunk, then 201) and needs no Bearer token; the status goes
PROCESSING_UPLOAD -> PROCESSING_DOWNLOAD -> PUBLISH_COMPLETE after a few polls. An unaudited client
offers only SELF_ONLY, and a SELF_ONLY post has no public post id.
Faults: init answered then the connection dropped (`init_lost`), an HTML page instead of JSON (`init_html`,
`status_html`), 500 (`init_500`), a chunk cut off midway (`chunk_break`), 503 on a chunk (`chunk_503`),
a processing failure (`fail_processing`), an expired token (`expired`), the rate limit (`rate`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from tests.media.social import _server as loopback

CLIENT_KEY, CLIENT_SECRET = "aw-loa-client-key", "tiktok-client-secret-xyz"
MIB = 1024 * 1024
FAULTS = ("init_lost", "init_html", "init_500", "chunk_break", "chunk_503", "fail_processing", "status_html",
          "expired", "rate")


def _error(status: int, code: str, message: str) -> loopback.Reply:
    return loopback.Reply(status, {"error": {"code": code, "message": message, "log_id": "202612071200000000"}})


def _ok(data: dict) -> loopback.Reply:
    return loopback.Reply(200, {"data": data, "error": {"code": "ok", "message": "", "log_id": "20261207"}})


@dataclass
class FakeTikTok(loopback.FakeService):
    audited: bool = False
    polls_to_publish: int = 2
    refresh_token: str = "rft.tiktok-refresh-1"
    access_tokens: set[str] = field(default_factory=set)
    publishes: dict[str, dict] = field(default_factory=dict)
    posts: list[dict] = field(default_factory=list)  # published videos
    inits_per_token: dict[str, int] = field(default_factory=dict)
    chunk_delay_s: float = 0.0
    max_seconds: int = 600  # creator_info's max_video_post_duration_sec

    def __post_init__(self) -> None:
        super().__post_init__()
        self._numbers = itertools.count(1)

    def route(self, req: loopback.Seen) -> loopback.Reply:
        if req.path == "/v2/oauth/token/":
            return self._token(req)
        if req.path == "/upload/":
            return self._put(req)
        token = req.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.access_tokens:
            return _error(401, "access_token_invalid", "The access token is invalid or not found in the request.")
        if req.path == "/v2/post/publish/creator_info/query/":
            options = (["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"] if self.audited
                       else ["SELF_ONLY"])
            return _ok({"creator_username": "ubnd.phukhuong", "privacy_level_options": options,
                        "max_video_post_duration_sec": self.max_seconds})
        if req.path == "/v2/post/publish/video/init/":
            return self._init(req, token)
        if req.path == "/v2/post/publish/status/fetch/":
            return self._status(req)
        return _error(404, "invalid_params", "unknown path")

    def _init(self, req: loopback.Seen, token: str) -> loopback.Reply:
        fault = self.fault(("init_lost", "init_html", "init_500", "expired", "rate"))
        if fault == "expired":
            self.access_tokens.discard(token)
            return _error(401, "access_token_invalid", "The access token is invalid or not found in the request.")
        self.inits_per_token[token] = self.inits_per_token.get(token, 0) + 1
        if fault == "rate" or self.inits_per_token[token] > 6:
            return loopback.Reply(429, {"error": {"code": "rate_limit_exceeded", "message": "Too many requests",
                                                  "log_id": "x"}}, headers={"Retry-After": "60"})
        if fault == "init_500":
            return _error(500, "internal_error", "Something went wrong")
        body = req.body or {}
        info, source = body.get("post_info") or {}, body.get("source_info") or {}
        if source.get("source") != "FILE_UPLOAD":
            return _error(400, "invalid_params", "source_info.source is required")
        size, chunk, count = source.get("video_size"), source.get("chunk_size"), source.get("total_chunk_count")
        if not all(isinstance(v, int) and v > 0 for v in (size, chunk, count)):
            return _error(400, "invalid_params", "video_size, chunk_size and total_chunk_count are required")
        whole = chunk == size and count == 1
        if not whole and (size < 5 * MIB or not 5 * MIB <= chunk <= 64 * MIB or count != size // chunk):
            return _error(400, "invalid_params", "The chunk size or total chunk count is invalid")
        privacy = info.get("privacy_level")
        if not self.audited and privacy != "SELF_ONLY":
            return _error(403, "unaudited_client_can_only_post_to_private_accounts",
                          "Please review our integration guidelines")
        publish_id = f"v_pub_file~v2-1.{next(self._numbers)}"
        self.publishes[publish_id] = {"info": info, "size": size, "chunk": chunk, "count": count,
                                      "data": bytearray(), "status": "PROCESSING_UPLOAD", "polls": 0, "post": None}
        reply = _ok({"publish_id": publish_id, "upload_url": f"{self.url}/upload/?upload_id={publish_id}"
                                                             "&upload_token=up-secret"})
        if fault == "init_lost":
            reply.drop = True
        if fault == "init_html":
            return loopback.Reply(200, raw=b"<html><body>Gateway</body></html>")
        return reply

    def _put(self, req: loopback.Seen) -> loopback.Reply:
        publish = self.publishes.get(req.query.get("upload_id", ""))
        if publish is None or req.query.get("upload_token") != "up-secret" or req.headers.get("authorization"):
            return _error(403, "invalid_params", "upload url not valid")
        spec = req.headers.get("content-range", "")
        first, last = (int(x) for x in spec.split(" ")[1].split("/")[0].split("-"))
        held = len(publish["data"])
        if first != held or last - first + 1 != len(req.raw):
            return _error(416, "invalid_params", f"expected bytes from {held}")
        fault = self.fault(("chunk_break", "chunk_503"))
        if fault == "chunk_break":
            return loopback.Reply(0, drop=True)
        if fault == "chunk_503":
            return loopback.Reply(503, raw=b"<html>503 Service Unavailable</html>")
        publish["data"] += req.raw
        if len(publish["data"]) < publish["size"]:
            return loopback.Reply(206, None, delay_s=self.chunk_delay_s)
        publish["status"] = "PROCESSING_DOWNLOAD"
        return loopback.Reply(201, None)

    def _status(self, req: loopback.Seen) -> loopback.Reply:
        if self.fault(("status_html",)):
            return loopback.Reply(502, raw=b"<html>Bad Gateway</html>")
        publish = self.publishes.get((req.body or {}).get("publish_id", ""))
        if publish is None:
            return _error(400, "invalid_params", "publish_id not found")
        if len(publish["data"]) >= publish["size"] and publish["status"] == "PROCESSING_UPLOAD":
            publish["status"] = "PROCESSING_DOWNLOAD"
        if publish["status"] == "PROCESSING_DOWNLOAD":
            publish["polls"] += 1
            if publish["polls"] >= self.polls_to_publish:
                if self.fault(("fail_processing",)):
                    publish["status"], publish["reason"] = "FAILED", "internal"
                else:
                    publish["status"] = "PUBLISH_COMPLETE"
                    publish["post"] = {"id": 7_000_000 + len(self.posts) + 1, "title": publish["info"].get("title"),
                                       "privacy": publish["info"].get("privacy_level"),
                                       "bytes": bytes(publish["data"])}
                    self.posts.append(publish["post"])
        data = {"status": publish["status"], "uploaded_bytes": len(publish["data"])}
        if publish["status"] == "FAILED":
            data["fail_reason"] = publish.get("reason", "internal")
        if publish["status"] == "PUBLISH_COMPLETE":
            data["publicaly_available_post_id"] = ([] if publish["post"]["privacy"] == "SELF_ONLY"
                                                   else [publish["post"]["id"]])
        return _ok(data)

    def _token(self, req: loopback.Seen) -> loopback.Reply:
        form = req.body or {}
        if (form.get("client_key"), form.get("client_secret")) != (CLIENT_KEY, CLIENT_SECRET):
            return loopback.Reply(401, {"error": "invalid_client", "error_description": "Client key is invalid"})
        if form.get("refresh_token") != self.refresh_token or form.get("grant_type") != "refresh_token":
            return loopback.Reply(400, {"error": "invalid_grant",
                                        "error_description": "Refresh token is invalid or expired."})
        number = next(self._numbers)
        access = f"act.tiktok-access-{number}-secret"
        self.access_tokens.add(access)
        self.refresh_token = f"rft.tiktok-refresh-{number + 1}"
        return loopback.Reply(200, {"access_token": access, "expires_in": 86400, "open_id": "open-1",
                                    "refresh_expires_in": 31536000, "refresh_token": self.refresh_token,
                                    "scope": "video.publish,user.info.basic", "token_type": "Bearer"})
