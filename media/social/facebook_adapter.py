"""Send prepared Graph requests with the Page token, and find a post again by its content.

After an unknown outcome the Page's own posts are read back, never `/feed` (which also holds
visitors' posts): `GET /{page-id}/published_posts?fields=id,message,created_time,from&since=…`, and
`/{page-id}/scheduled_posts` when the post was scheduled. A post matches when its normalised message
equals the one sent and it was made by the Page itself (`from.id`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import requests

from media.errors import OutletError
from media.secret import Secret
from media.social._http import Answer, Timeout, call
from media.social.errors import OutcomeUnknown
from media.social.facebook import CHANNEL, facebook_error, graph_base
from media.social.model import JsonObject, PreparedRequest
from media.social.text import normalized

CLOCK_SLACK = timedelta(minutes=10)  # our clock and Facebook's may differ a little


class FacebookAdapter:
    """Posts to one Page. The token goes in the Authorization header only, never in a URL."""

    channel = CHANNEL

    def __init__(
        self,
        *,
        graph_url: str,
        api_version: str,
        page_id: str,
        token: Secret,
        timeout: Timeout = (3.05, 20),
        session: requests.Session | None = None,
        lookup_pages: int = 5,
    ) -> None:
        self._base = graph_base(graph_url, api_version)
        self._page_id = page_id
        self._token = token
        self._timeout = timeout
        self._session = session or requests.Session()
        self._lookup_pages = lookup_pages

    def __repr__(self) -> str:
        return f"FacebookAdapter(base={self._base!r}, page_id={self._page_id!r})"

    def send(self, req: PreparedRequest, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str:
        """Send `req` (from build_facebook_post); return the new post id."""
        if req.channel != CHANNEL or not req.url.startswith(self._base + "/"):
            raise OutletError(
                f"request for {req.channel} at {req.url} does not belong to this Facebook adapter "
                f"({self._base}); build it with the same graph_url and api_version"
            )
        answer = self._call(req.method, req.url, json=req.json)
        if answer.status >= 400 or "error" in answer.body:
            raise facebook_error(answer, posting=True, token=self._secret)
        post_id = answer.body.get("id") or answer.body.get("post_id")
        if not post_id:
            raise OutcomeUnknown("Facebook accepted the request but returned no post id; look it up")
        return str(post_id)

    def find_existing(self, req: PreparedRequest, *, since: datetime, handle: str | None = None) -> str | None:
        """The id of the Page's own post (published or scheduled) whose message is `req`'s, made since `since`."""
        wanted = normalized(req.json.get("message"))
        edges = ["published_posts"] + (["scheduled_posts"] if req.json.get("published") is False else [])
        for edge in edges:
            params: JsonObject = {"fields": "id,message,created_time,from", "limit": 100,
                            "since": int((since - CLOCK_SLACK).timestamp())}
            for _ in range(self._lookup_pages):
                answer = self._call("GET", f"{self._base}/{self._page_id}/{edge}", params=params)
                if answer.status >= 400 or "error" in answer.body:
                    raise facebook_error(answer, posting=False, token=self._secret)
                for post in answer.body.get("data") or []:
                    if isinstance(post, dict) and self._ours(post) and normalized(post.get("message")) == wanted:
                        return str(post["id"])
                paging = answer.body.get("paging") or {}
                after = (paging.get("cursors") or {}).get("after")
                if not (paging.get("next") and after):
                    break
                params = {**params, "after": after}
        return None

    def _ours(self, post: JsonObject) -> bool:
        author = post.get("from")
        return not isinstance(author, dict) or str(author.get("id")) == self._page_id

    @property
    def _secret(self) -> str:
        return self._token.get_secret_value()

    def _call(self, method: str, url: str, **kwargs: Any) -> Answer:
        headers = {"Authorization": f"Bearer {self._secret}"}
        return call(self._session, "Facebook", method, url, headers=headers, timeout=self._timeout, **kwargs)
