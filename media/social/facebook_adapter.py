"""Send prepared Graph requests with the Page token, and find a post again by its key."""

from __future__ import annotations

import requests
from pydantic import SecretStr

from media.errors import OutletError
from media.social._http import Timeout, call_json
from media.social.errors import OutcomeUnknown
from media.social.facebook import CHANNEL, facebook_error, graph_base
from media.social.model import PreparedRequest, check_key, has_marker

LOOKUP_EDGES = ("feed", "scheduled_posts")


class FacebookAdapter:
    """Posts to one Page. The token goes in the Authorization header only, never in a URL."""

    channel = CHANNEL

    def __init__(
        self,
        *,
        graph_url: str,
        api_version: str,
        page_id: str,
        token: SecretStr,
        timeout: Timeout = (3.05, 20),
        session: requests.Session | None = None,
        lookup_pages: int = 2,
    ) -> None:
        self._base = graph_base(graph_url, api_version)
        self._page_id = page_id
        self._token = token
        self._timeout = timeout
        self._session = session or requests.Session()
        self._lookup_pages = lookup_pages

    def __repr__(self) -> str:
        return f"FacebookAdapter(base={self._base!r}, page_id={self._page_id!r})"

    def send(self, req: PreparedRequest) -> str:
        """Send `req` (from build_facebook_post); return the new post id."""
        if req.channel != CHANNEL or not req.url.startswith(self._base + "/"):
            raise OutletError(
                f"request for {req.channel} at {req.url} does not belong to this Facebook adapter "
                f"({self._base}); build it with the same graph_url and api_version"
            )
        status, body = self._call(req.method, req.url, json=req.json)
        if status >= 400 or "error" in body:
            raise facebook_error(status, body, posting=True, token=self._secret)
        post_id = body.get("id") or body.get("post_id")
        if not post_id:
            raise OutcomeUnknown("Facebook accepted the request but returned no post id; look it up by key")
        return str(post_id)

    def find_existing(self, key: str) -> str | None:
        """The id of a recent or scheduled Page post whose last line is `#loa-<key>`, else None."""
        check_key(key)
        for edge in LOOKUP_EDGES:
            params: dict = {"fields": "id,message", "limit": 100}
            for _ in range(self._lookup_pages):
                url = f"{self._base}/{self._page_id}/{edge}"
                status, body = self._call("GET", url, params=params)
                if status >= 400 or "error" in body:
                    raise facebook_error(status, body, posting=False, token=self._secret)
                for post in body.get("data") or []:
                    if isinstance(post, dict) and has_marker(post.get("message"), key):
                        return str(post["id"])
                paging = body.get("paging") or {}
                after = (paging.get("cursors") or {}).get("after")
                if not (paging.get("next") and after):
                    break
                params = {**params, "after": after}
        return None

    @property
    def _secret(self) -> str:
        return self._token.get_secret_value()

    def _call(self, method: str, url: str, **kwargs) -> tuple[int, dict]:
        headers = {"Authorization": f"Bearer {self._secret}"}
        timeout = self._timeout
        return call_json(self._session, "Facebook", method, url, headers=headers, timeout=timeout, **kwargs)
