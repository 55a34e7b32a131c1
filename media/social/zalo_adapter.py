"""Send prepared Zalo OA article requests with the OA token, and find an article again by its key."""

from __future__ import annotations

import requests
from pydantic import SecretStr

from media.errors import OutletError
from media.social._http import Timeout, call_json
from media.social.errors import OutcomeUnknown
from media.social.model import PreparedRequest, check_key, has_marker
from media.social.zalo import CHANNEL, article_url, zalo_error

PAGE_SIZE = 10  # the most article/getslice returns at once


class ZaloAdapter:
    """Publishes to one Zalo OA. The token goes in the `access_token` header, never in a URL."""

    channel = CHANNEL

    def __init__(
        self,
        *,
        api_url: str,
        token: SecretStr,
        timeout: Timeout = (3.05, 20),
        session: requests.Session | None = None,
        lookup_count: int = 20,
    ) -> None:
        self._api_url = api_url.rstrip("/")
        self._token = token
        self._timeout = timeout
        self._session = session or requests.Session()
        self._lookup_count = lookup_count

    def __repr__(self) -> str:
        return f"ZaloAdapter(api_url={self._api_url!r})"

    def send(self, req: PreparedRequest) -> str:
        """Create the article from `req` (build_zalo_article), then return its id (article/verify)."""
        if req.channel != CHANNEL or not req.url.startswith(self._api_url + "/"):
            raise OutletError(
                f"request for {req.channel} at {req.url} does not belong to this Zalo adapter "
                f"({self._api_url}); build it with the same api_url"
            )
        data = self._ok(req.method, req.url, posting=True, json=req.json)
        if data.get("id"):
            return str(data["id"])
        if not data.get("token"):
            raise OutcomeUnknown("Zalo OA accepted the article but returned no token; look it up by key")
        try:
            verified = self._ok("POST", article_url(self._api_url, "verify"), json={"token": data["token"]})
        except OutletError as exc:
            raise OutcomeUnknown(
                f"Zalo OA accepted the article but did not confirm its id ({exc}); look it up by key"
            ) from exc
        if not verified.get("id"):
            raise OutcomeUnknown("Zalo OA accepted the article but gave no id yet; look it up by key")
        return str(verified["id"])

    def find_existing(self, key: str) -> str | None:
        """The id of one of the newest `lookup_count` articles whose body ends with `#loa-<key>`."""
        check_key(key)
        for offset in range(0, self._lookup_count, PAGE_SIZE):
            params = {"offset": offset, "limit": PAGE_SIZE, "type": "normal"}
            listed = self._ok("GET", article_url(self._api_url, "getslice"), params=params)
            medias = [m for m in listed.get("medias") or [] if isinstance(m, dict) and m.get("id")]
            for media in medias:
                detail = self._ok("GET", article_url(self._api_url, "getdetail"), params={"id": media["id"]})
                if has_marker(_last_text(detail), key):
                    return str(media["id"])
            if len(medias) < PAGE_SIZE:
                break
        return None

    def _ok(self, method: str, url: str, *, posting: bool = False, **kwargs) -> dict:
        secret = self._token.get_secret_value()
        status, body = call_json(
            self._session,
            "Zalo OA",
            method,
            url,
            headers={"access_token": secret},
            timeout=self._timeout,
            **kwargs,
        )
        error = zalo_error(status, body, posting=posting, token=secret)
        if error is not None:
            raise error
        data = body.get("data")
        return data if isinstance(data, dict) else {}


def _last_text(article: dict) -> str:
    items = [i for i in article.get("body") or [] if isinstance(i, dict) and i.get("type") == "text"]
    texts = [str(i.get("content", "")) for i in items]
    return texts[-1] if texts else ""
