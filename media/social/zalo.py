"""Zalo OA articles through the OA Article API v2.0: the request (pure) and how Zalo errors read.

Modelled endpoint: `POST {api_url}/v2.0/article/create` (header `access_token`) with a "normal"
article: `title` (first line of the message, ≤150 chars), `author` (≤50), `cover` photo,
`description` (≤300, a summary), `body` (one text item per paragraph, the last the marker line
`#loa-<key>`), `tracking_link` (the post's link), `status: show` and `comment`. Zalo answers
`{"error": 0, "data": {"token": …}}`; `POST /v2.0/article/verify {"token"}` then gives the article id.
The Article API cannot schedule: a post is sent when it is due, so a future `scheduled_at` is refused.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from media.errors import OutletError
from media.social._http import http_status_error
from media.social.errors import RetryableOutletError, one_line, redact
from media.social.model import PostContent, PreparedRequest, check_aware, check_key, marker
from media.text import clean_line, paragraphs, summarize

CHANNEL = "zalo"
TITLE_CHARS, AUTHOR_CHARS, DESCRIPTION_CHARS = 150, 50, 300
SCHEDULE_SLACK = timedelta(minutes=1)
TOKEN_ERRORS = frozenset({-216, -124, -220})
RATE_LIMIT_ERRORS = frozenset({-32})


def article_url(api_url: str, action: str) -> str:
    return f"{api_url.rstrip('/')}/v2.0/article/{action}"


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
    paras = paragraphs(content.message)
    if not paras:
        raise OutletError(f"post {key} has an empty message; give the article text before posting")
    title, rest = paras[0], paras[1:] or paras[:1]
    if not clean_line(author) or not cover_photo_url:
        raise OutletError("a Zalo article needs an author and a cover photo URL; set both in the settings")
    body = {
        "type": "normal",
        "title": _cut(title, TITLE_CHARS),
        "author": _cut(clean_line(author), AUTHOR_CHARS),
        "cover": {"cover_type": "photo", "photo_url": cover_photo_url, "status": "show"},
        "description": summarize("\n\n".join(rest), DESCRIPTION_CHARS),
        "body": [{"type": "text", "content": p} for p in rest] + [{"type": "text", "content": marker(key)}],
        "status": "show",
        "comment": "show" if comments else "hide",
    }
    if content.link:
        body["tracking_link"] = content.link
    return PreparedRequest(channel=CHANNEL, method="POST", url=article_url(api_url, "create"), json=body)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def zalo_error(status: int, body: dict, *, posting: bool, token: str) -> OutletError | None:
    """The error a Zalo answer means, or None when it reports success (`error` 0)."""
    code = body.get("error")
    if status < 400 and code == 0:
        return None
    said = redact(one_line(body.get("message", "")), token)
    where = f"error {code}: {said}" if said else f"error {code}"
    if code in TOKEN_ERRORS:
        return OutletError(
            f"Zalo OA rejected the access token ({where}); it is expired or invalid: "
            "get a new OA access token and set LOA_ZALO_TOKEN"
        )
    if code in RATE_LIMIT_ERRORS:
        return RetryableOutletError(f"Zalo OA rate limit reached ({where}); wait and retry later")
    if isinstance(code, int) and code != 0 and status < 500:
        return OutletError(f"Zalo OA refused the request ({where}); fix the cause it names and send again")
    return http_status_error("Zalo OA", status, posting, f", {where}" if code is not None else "")
