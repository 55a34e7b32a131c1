"""Send prepared Zalo OA requests, confirm articles with `verify`, and find one again after an unknown outcome.

Zalo processes an article on its side after `create`, asked or not; `verify` says "being processed"
until then and `getslice` lists only processed articles. The token `article/create` returns is handed
to `on_handle` (the caller stores it) before `verify` is polled (with backoff, `verify_within_s` per
pass): an article still processing raises StillProcessing and is confirmed later with the same token,
never created twice. Only when `create` itself went unanswered is `getslice` scanned (title and
description, newest first), and the article counts as missing only `listing_wait_s` after that create:
before, it may be unlisted because Zalo is still processing it. An access token Zalo rejects (-216,
-124) is refreshed once through the TokenSource, then the call is made again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from media.errors import OutletError
from media.secret import Secret
from media.social._http import Timeout, call
from media.social.errors import OutcomeUnknown, RetryableOutletError, StillProcessing, TokenRejected
from media.social.model import JsonObject, PreparedRequest
from media.social.oauth import StaticToken, TokenSource
from media.social.text import normalized
from media.social.zalo import CHANNEL, article_url, build_broadcast, zalo_error

PAGE_SIZE = 10  # the most article/getslice returns at once (more is refused: -201 "maximum limit is 10")
PAGE_READS = 3  # tries per page before a scan gives up for this pass
CLOCK_SLACK = timedelta(minutes=10)


class ZaloAdapter:
    """Publishes to one Zalo OA. The token goes in the `access_token` header, never in a URL."""

    channel = CHANNEL

    def __init__(
        self,
        *,
        api_url: str,
        token: Secret | None = None,
        tokens: TokenSource | None = None,
        timeout: Timeout = (3.05, 20),
        session: requests.Session | None = None,
        lookup_count: int = 500,
        verify_within_s: float = 20.0,
        verify_first_wait_s: float = 0.5,
        listing_wait_s: float = 600.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if tokens is None:
            if token is None:
                raise OutletError("a Zalo adapter needs an access token or a token source")
            tokens = StaticToken(token, "set LOA_ZALO_TOKEN to a new OA access token")
        self._api_url = api_url.rstrip("/")
        self._tokens = tokens
        self._timeout = timeout
        self._session = session or requests.Session()
        self._lookup_count = lookup_count
        self._verify_within_s, self._first_wait_s = verify_within_s, verify_first_wait_s
        self._listing_wait_s, self._clock = listing_wait_s, clock
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"ZaloAdapter(api_url={self._api_url!r})"

    def send(self, req: PreparedRequest, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str:
        """Create the article (unless `handle`, the token of an earlier create, is given), then verify it."""
        if req.channel != CHANNEL or not req.url.startswith(self._api_url + "/"):
            raise OutletError(
                f"request for {req.channel} at {req.url} does not belong to this Zalo adapter "
                f"({self._api_url}); build it with the same api_url"
            )
        if handle is None:
            data = self._ok(req.method, req.url, posting=True, json=req.json)
            if data.get("id"):
                return str(data["id"])
            if not data.get("token"):
                raise OutcomeUnknown("Zalo OA accepted the article but returned no token; look it up")
            handle = str(data["token"])
            if on_handle is not None:
                on_handle(handle)
        return self._confirm(handle, req)

    def find_existing(self, req: PreparedRequest, *, since: datetime, handle: str | None = None) -> str | None:
        """With a create token, None (send confirms it without creating again). Else the id of the listed
        article with the same title and description made since `since`; None once `listing_wait_s` have
        passed since then, and before that OutcomeUnknown: Zalo may still be processing it, unlisted."""
        if handle is not None:
            return None
        found = self._listed(req.json, since)
        if found:
            return found
        waited = (self._clock() - since).total_seconds()
        if waited < self._listing_wait_s:
            raise OutcomeUnknown(
                f"Zalo OA does not list the article whose create went unanswered yet; Zalo lists an article only "
                f"once it has processed it, so it is looked up again and created only if still missing "
                f"{self._listing_wait_s:.0f} s after that create", retry_after=self._listing_wait_s - waited)
        return None

    def broadcast(self, article_id: str) -> str:
        """Send the article to the OA's followers; return the message id."""
        req = build_broadcast(article_id, api_url=self._api_url)
        data = self._ok(req.method, req.url, posting=True, json=req.json)
        if not data.get("message_id"):
            raise OutcomeUnknown("Zalo OA accepted the broadcast but returned no message id")
        return str(data["message_id"])

    def _confirm(self, handle: str, req: PreparedRequest) -> str:
        """Poll article/verify with backoff until it gives the id, within verify_within_s; then StillProcessing."""
        deadline = time.monotonic() + self._verify_within_s
        wait = self._first_wait_s
        said = False  # the last answer said in words "being processed" (not busy, silent or HTML)
        while True:
            try:
                data = self._ok("POST", article_url(self._api_url, "verify"), posting=False, json={"token": handle})
            except TokenRejected:
                raise  # still rejected after a refresh: confirmed with the kept token next pass
            except (RetryableOutletError, OutcomeUnknown) as exc:
                data, said = {}, isinstance(exc, StillProcessing)  # processing, busy or silent: ask again
            except OutletError as exc:  # the token is unknown, or the cover failed (-200): look for the article
                found = self._listed(req.json, None)
                if found:
                    return found
                raise OutletError(f"Zalo OA accepted the article but cannot confirm it ({exc}); "
                                  "check the OA's article list before sending it again") from exc
            if data.get("id"):
                return str(data["id"])
            if time.monotonic() + wait > deadline:
                raise StillProcessing(f"Zalo OA is still processing the article after {self._verify_within_s:.0f} s; "
                                      "it is confirmed with the same token on the next pass, never created again",
                                      said=said)
            self._sleep(wait)
            wait = min(wait * 2, 8.0)

    def _listed(self, body: JsonObject, since: datetime | None) -> str | None:
        """The id of a listed article with `body`'s title and description (article/getdetail tells the
        description when the list does not: an edited article keeps its title)."""
        wanted, about = normalized(body.get("title", "")), normalized(body.get("description", ""))
        oldest_ms = int((since - CLOCK_SLACK).timestamp() * 1000) if since else None
        for offset in range(0, self._lookup_count, PAGE_SIZE):
            listed = self._page(offset)
            medias = [m for m in listed.get("medias") or [] if isinstance(m, dict) and m.get("id")]
            for media in medias:
                made = media.get("create_date")
                if oldest_ms is not None and isinstance(made, int | float) and made < oldest_ms:
                    return None  # newest first: everything further is older than the send
                if normalized(media.get("title")) == wanted and self._about(media) == about:
                    return str(media["id"])
            if len(medias) < PAGE_SIZE:
                break
        return None

    def _about(self, media: JsonObject) -> str:
        """The description of a listed article, from the list or else from article/getdetail."""
        if "description" in media:
            return normalized(media["description"])
        detail = self._read(article_url(self._api_url, "getdetail"), {"id": media["id"]})
        return normalized(detail.get("description"))

    def _page(self, offset: int) -> JsonObject:
        """One getslice page, newest first."""
        return self._read(article_url(self._api_url, "getslice"),
                          {"offset": offset, "limit": PAGE_SIZE, "type": "normal"})

    def _read(self, url: str, params: JsonObject) -> JsonObject:
        """A GET that fails in transit or is throttled is made again (reads are harmless), PAGE_READS times."""
        for attempt in range(1, PAGE_READS + 1):
            try:
                return self._ok("GET", url, params=params)
            except TokenRejected:
                raise
            except RetryableOutletError as exc:
                if attempt == PAGE_READS:
                    raise
                self._sleep(min(exc.retry_after or 0.2 * attempt, 2.0))
        raise AssertionError("unreachable")

    def _ok(self, method: str, url: str, *, posting: bool = False, **kwargs: Any) -> JsonObject:
        secret = self._tokens.current()
        for attempt in (1, 2):
            answer = call(self._session, "Zalo OA", method, url, headers={"access_token": secret},
                          timeout=self._timeout, posting=posting, **kwargs)
            error = zalo_error(answer, posting=posting, token=secret)
            if isinstance(error, TokenRejected) and attempt == 1:
                secret = self._tokens.refresh(rejected=secret)
                continue
            if error is not None:
                raise error
            data = answer.body.get("data")
            return data if isinstance(data, dict) else {}
        raise AssertionError("unreachable")
