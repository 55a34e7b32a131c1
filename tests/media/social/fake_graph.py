"""A Graph-API-shaped Page: POST /{page}/feed, GET published_posts and scheduled_posts, and its faults.

Faults on a post (`POST_FAULTS`): a 500 before or after the post is made, throttling (code 4 with
Retry-After), an answer that never comes or a dropped connection after the post was made, code 2 with
`is_transient` after the post was made. A message already on the Page is refused with 506, as Graph does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from tests.media.social import _server as loopback

POST_FAULTS = ("5xx_before", "5xx_after", "throttle", "stall_after", "drop_after", "transient_after")


@dataclass
class FakeGraph(loopback.FakeService):
    page_id: str = "1234567890"
    token: str = loopback.FB_TOKEN
    posts: list[dict] = field(default_factory=list)
    visitor_posts: list[dict] = field(default_factory=list)  # on /feed only, `from` someone else
    page_size: int = 25

    def route(self, req: loopback.Seen) -> loopback.Reply:
        if req.headers.get("authorization") != f"Bearer {self.token}" or self.mode == "expired":
            # Real Graph never echoes the token; this one does, so redaction is tested too.
            message = f"Error validating access token: Session has expired (token {self.token})"
            return loopback.Reply(400, {"error": {"message": message, "type": "OAuthException", "code": 190,
                                                  "error_subcode": 463, "fbtrace_id": "AbC"}})
        if self.mode == "rate_limit":
            return loopback.Reply(400, {"error": {"message": "Application request limit reached", "code": 4}})
        if self.mode == "error500":
            return loopback.Reply(500, {})
        edge = req.path.rsplit("/", 1)[-1]
        if req.method == "POST" and edge == "feed":
            return self._post(req)
        if req.method == "GET" and edge in ("published_posts", "scheduled_posts", "feed"):
            return self._list(req, edge)
        return loopback.Reply(404, {"error": {"message": "Unknown path", "code": 803}})

    def _post(self, req: loopback.Seen) -> loopback.Reply:
        fault = self.fault(POST_FAULTS)
        if fault == "5xx_before":
            return loopback.Reply(500, {"error": {"message": "An unexpected error has occurred", "code": 1}})
        if fault == "throttle":
            return loopback.Reply(400, {"error": {"message": "User request limit reached", "code": 17}},
                                  headers={"Retry-After": "1"})
        body = req.body or {}
        if not body.get("message") and not body.get("link"):  # e.g. a request cut off by a killed client
            return loopback.Reply(400, {"error": {"message": "(#100) Missing message or attachment", "code": 100}})
        if any(p.get("message") == body.get("message") for p in self.posts):
            return loopback.Reply(400, {"error": {"message": "(#506) Duplicate status message", "code": 506}})
        post = {"id": f"{self.page_id}_{len(self.posts) + 1}", **body,
                "created_time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
                "created_unix": datetime.now(UTC).timestamp(), "from": {"id": self.page_id, "name": "UBND"}}
        self.posts.append(post)
        if fault == "5xx_after":
            return loopback.Reply(500, {"error": {"message": "Please retry your request later.", "code": 2,
                                                  "is_transient": True}})
        if fault == "transient_after":
            return loopback.Reply(400, {"error": {"message": "Service temporarily unavailable", "code": 2,
                                                  "is_transient": True}})
        if fault == "stall_after":
            return loopback.Reply(200, {"id": post["id"]}, delay_s=self.stall_s)
        if fault == "drop_after":
            return loopback.Reply(0, drop=True)
        return loopback.Reply(200, {"id": post["id"]})

    def _list(self, req: loopback.Seen, edge: str) -> loopback.Reply:
        since = float(req.query.get("since", 0))
        if edge == "scheduled_posts":
            pool = [p for p in self.posts if p.get("published") is False]
        else:
            pool = [p for p in self.posts if p.get("published", True) is not False]
            if edge == "feed":
                pool = pool + self.visitor_posts
        pool = [p for p in reversed(pool) if p.get("created_unix", 0) >= since]
        start = int(req.query.get("after", 0))
        limit = min(int(req.query.get("limit", self.page_size)), self.page_size)
        page = pool[start : start + limit]
        data = [{"id": p["id"], "message": p.get("message"), "created_time": p.get("created_time"),
                 "from": p.get("from")} for p in page]
        body: dict = {"data": data}
        if start + limit < len(pool):
            body["paging"] = {"cursors": {"after": str(start + limit)}, "next": f"{self.url}/next"}
        return loopback.Reply(200, body)

    def messages(self) -> list[str]:
        return [p.get("message", "") for p in self.posts]
