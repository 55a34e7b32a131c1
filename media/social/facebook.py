"""Facebook Page posts through the Graph API: the request (pure) and how Graph errors read.

Modelled endpoint: `POST {graph_url}/{api_version}/{page_id}/feed` with a JSON body `message`, `link`
and, for a post scheduled 10 minutes to 75 days ahead, `published: false` and
`scheduled_publish_time` (unix seconds). The message ends with the marker line `#loa-<key>`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from media.errors import OutletError
from media.social._http import http_status_error
from media.social.errors import OutcomeUnknown, RetryableOutletError, one_line, redact
from media.social.model import PostContent, PreparedRequest, check_aware, check_key, marker
from media.text import clean_text

CHANNEL = "facebook"
MIN_SCHEDULE_LEAD = timedelta(minutes=10)
MAX_SCHEDULE_LEAD = timedelta(days=75)
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613})


def graph_base(graph_url: str, api_version: str) -> str:
    return f"{graph_url.rstrip('/')}/{api_version.strip('/')}"


def build_facebook_post(
    content: PostContent, *, graph_url: str, api_version: str, page_id: str, now: datetime | None = None
) -> PreparedRequest:
    """The Graph request that creates (or schedules) `content` on the Page. `now` defaults to the clock."""
    key = check_key(content.key)
    check_aware(content.scheduled_at, f"post {key}: scheduled_at")
    if not page_id or not page_id.replace("_", "").isalnum():
        raise OutletError(f"Facebook page id {page_id!r} is not valid; set LOA_FACEBOOK_PAGE_ID to its id")
    message = clean_text(content.message)
    if not message:
        raise OutletError(f"post {key} has an empty message; give the article text before posting")
    body: dict = {"message": f"{message}\n\n{marker(key)}"}
    if content.link:
        body["link"] = content.link
    if content.scheduled_at is not None:
        now = now or datetime.now(UTC)
        check_aware(now, "now")
        lead = content.scheduled_at - now
        if lead > MAX_SCHEDULE_LEAD:
            raise OutletError(
                f"post {key} is scheduled {lead.days} days ahead; Facebook allows at most 75, post it later"
            )
        if lead >= MIN_SCHEDULE_LEAD:
            body["published"] = False
            body["scheduled_publish_time"] = int(content.scheduled_at.timestamp())
    url = f"{graph_base(graph_url, api_version)}/{page_id}/feed"
    return PreparedRequest(channel=CHANNEL, method="POST", url=url, json=body)


def facebook_error(status: int, body: dict, *, posting: bool, token: str) -> OutletError:
    """The OutletError (or subclass) that a Graph error answer means; never quotes the token."""
    err = body.get("error") if isinstance(body.get("error"), dict) else {}
    code = err.get("code")
    said = redact(one_line(err.get("message", "")), token)
    where = f"code {code}: {said}" if said else f"code {code}"
    if code in (190, 102):
        return OutletError(
            f"Facebook rejected the Page access token ({where}); it is expired, revoked or invalid: "
            "create a new Page token and set LOA_FACEBOOK_TOKEN"
        )
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        return OutletError(
            f"Facebook denied permission ({where}); give the Page token pages_manage_posts and "
            "pages_read_engagement, and check LOA_FACEBOOK_PAGE_ID"
        )
    if code in RATE_LIMIT_CODES:
        return RetryableOutletError(f"Facebook rate limit reached ({where}); wait and retry later")
    if code == 2 or err.get("is_transient"):
        return RetryableOutletError(f"Facebook is temporarily unavailable ({where}); retry later")
    if code == 1 and posting:
        return OutcomeUnknown(f"Facebook gave an unknown error ({where}); look the post up before retrying")
    if code == 100:
        return OutletError(f"Facebook refused the post as invalid ({where}); check message, link and time")
    if code is not None and status < 500:
        return OutletError(f"Facebook refused the request ({where}); fix the cause it names and send again")
    return http_status_error("Facebook", status, posting, f", {where}" if code is not None else "")
