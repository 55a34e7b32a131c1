"""Zalo OA articles through the OA Article API v2.0: the requests (pure) and how Zalo errors read.

Modelled on Zalo's own SDKs (zalo-java-sdk, zalo-dotnet-sdk): `POST {api_url}/v2.0/article/create`
(header `access_token`) with a "normal" article: `title` (≤150 chars), `author` (≤50), `cover`
photo (an https URL), `description` (≤300), `body` (one text item per paragraph, the link and the
hashtags last), `status: show`, `comment`. Zalo answers `{"error": 0, "data": {"token": …}}`;
`POST /v2.0/article/verify {"token"}` answers an error "Media is being processed" while Zalo processes
the article on its side (seconds, more with a large cover), then the article id; an error -200 "Upload
media failed" there means Zalo could not fetch the cover and made nothing. `GET
/v2.0/article/getslice?offset&limit&type=normal` (limit ≤ 10) lists the newest *processed* articles
(id, title, description, create_date in ms): an article is not listed while it is processed. The
Article API cannot schedule: a post is sent when it is due.
A broadcast to followers is `POST /v2.0/oa/message` with a media template naming the article.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from media.errors import OutletError
from media.social._http import Answer, http_status_error
from media.social.errors import (
    OutcomeUnknown,
    QuotaReached,
    RetryableOutletError,
    StillProcessing,
    TokenRejected,
    one_line,
    redact,
)
from media.social.model import PostContent, PreparedRequest, check_aware, check_key
from media.social.text import zalo_description, zalo_paragraphs, zalo_title
from media.text import clean_text

CHANNEL = "zalo"
AUTHOR_CHARS = 50
SCHEDULE_SLACK = timedelta(minutes=1)
TOKEN_ERRORS = frozenset({-216, -124, -220})  # access token invalid / expired
RATE_LIMIT_ERRORS = frozenset({-32})
QUOTA_ERRORS = frozenset({-223})  # the OA's monthly article quota is used up
# "Media is being processed" comes with a non-zero error code: the words, not the code, say so
PROCESSING = re.compile(r"being processed|\bprocessing\b|đang (được )?xử lý", re.IGNORECASE)


def article_url(api_url: str, action: str) -> str:
    return f"{api_url.rstrip('/')}/v2.0/article/{action}"


def message_url(api_url: str) -> str:
    return f"{api_url.rstrip('/')}/v2.0/oa/message"


def check_cover_url(url: str | None) -> str:
    """The cover photo every Zalo article needs: an https URL Zalo can fetch."""
    parts = urlsplit(url or "")
    if url is None or parts.scheme != "https" or not parts.netloc:
        raise OutletError(
            f"the Zalo cover photo URL {url!r} is not an https URL; set LOA_ZALO_COVER_URL to an "
            "https address of the commune's cover image (Zalo fetches it from there)"
        )
    return url


def build_zalo_article(
    content: PostContent,
    *,
    api_url: str,
    author: str,
    cover_photo_url: str,
    comments: bool = True,
    now: datetime | None = None,
) -> PreparedRequest:
    """The Zalo OA request that publishes `content` as an article now."""
    key = check_key(content.key)
    check_aware(content.scheduled_at, f"post {key}: scheduled_at")
    if content.scheduled_at is not None:
        now = now or datetime.now(UTC)
        check_aware(now, "now")
        if content.scheduled_at - now > SCHEDULE_SLACK:
            raise OutletError(
                f"post {key} is due at {content.scheduled_at.isoformat()}; Zalo OA articles cannot be "
                "scheduled, send it when it is due"
            )
    src = content.source
    title, paras = zalo_title(src), zalo_paragraphs(src)
    if not title or not clean_text(content.body):
        raise OutletError(f"post {key} has an empty title or text; give the article text before posting")
    author = " ".join(author.split())
    if not author:
        raise OutletError("a Zalo article needs an author; give the commune a name in the plan")
    body = {
        "type": "normal",
        "title": title,
        "author": author if len(author) <= AUTHOR_CHARS else author[: AUTHOR_CHARS - 1] + "…",
        "cover": {"cover_type": "photo", "photo_url": check_cover_url(cover_photo_url), "status": "show"},
        "description": zalo_description(src),
        "body": [{"type": "text", "content": p} for p in paras],
        "status": "show",
        "comment": "show" if comments else "hide",
    }
    if content.link:
        body["tracking_link"] = content.link
    return PreparedRequest(channel=CHANNEL, method="POST", url=article_url(api_url, "create"), json=body, key=key)


def build_broadcast(article_id: str, *, api_url: str) -> PreparedRequest:
    """A broadcast of a published article to the OA's followers: a media template naming the article.

    No targeting criterion (ages, gender, cities, …) is given, so it goes to every follower.
    """
    element = {"media_type": "article", "attachment_id": article_id}
    payload = {"template_type": "media", "elements": [element]}
    body = {"recipient": {"target": {}}, "message": {"attachment": {"type": "template", "payload": payload}}}
    return PreparedRequest(channel=CHANNEL, method="POST", url=message_url(api_url), json=body)


def zalo_error(answer: Answer, *, posting: bool, token: str) -> OutletError | None:
    """The error a Zalo answer means, or None when it reports success (`error` 0)."""
    code = answer.body.get("error")
    if answer.status < 400 and code == 0:
        return None
    if answer.status < 400 and code is None:  # an empty 200, an HTML page, JSON without `error`
        if posting:
            return OutcomeUnknown(f"Zalo OA answered HTTP {answer.status} without its JSON answer; the outcome is "
                                  "unknown: look it up before sending again")
        return RetryableOutletError(f"Zalo OA answered HTTP {answer.status} without its JSON answer; retry")
    said = redact(one_line(answer.body.get("message", "")), token)
    where = f"error {code}: {said}" if said else f"error {code}"
    if PROCESSING.search(said):
        return StillProcessing(f"Zalo OA is still processing the article ({where}); it is confirmed with the "
                               "same token later, never created again")
    if code in TOKEN_ERRORS:
        return TokenRejected(
            f"Zalo OA rejected the access token ({where}); it is expired or invalid: Loa refreshes it "
            "with the stored refresh token (`loa channel token zalo` stores a new one)"
        )
    if code in RATE_LIMIT_ERRORS:
        return RetryableOutletError(f"Zalo OA rate limit reached ({where}); wait and retry later",
                                    retry_after=answer.retry_after)
    if code in QUOTA_ERRORS:
        return QuotaReached(f"the Zalo OA's monthly article quota is used up ({where}); "
                            "the article goes out next month, or raise the OA's package")
    if isinstance(code, int) and code != 0 and answer.status < 500:
        return OutletError(f"Zalo OA refused the request ({where}); fix the cause it names and send again")
    return http_status_error("Zalo OA", answer, posting, f", {where}" if code is not None else "")
