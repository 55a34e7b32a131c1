"""Facebook Page posts through the Graph API: the request (pure) and how Graph errors read.

Modelled endpoint (Pages API, "Posts"): `POST {graph_url}/{api_version}/{page_id}/feed` with a JSON
body `message`, `link` and, for a post scheduled 10 minutes to 75 days ahead, `published: false` and
`scheduled_publish_time` (unix seconds). The message is the post text of media/social/text.py: no
marker, no internal id. Errors follow Meta's "Handling Errors" guide (graph-api/guides/error-handling):
1 and 2 (and `is_transient`) are temporary and may come after the post was made; 4, 17, 32, 613 and
341 are rate limits; 368 is a temporary block for a policy violation; 506 is a duplicate post.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from media.errors import OutletError
from media.social._http import Answer, http_status_error
from media.social.errors import DuplicatePost, OutcomeUnknown, RetryableOutletError, one_line, redact
from media.social.model import JsonObject, PostContent, PreparedRequest, check_aware, check_key, member
from media.social.text import facebook_message
from media.text import clean_text

CHANNEL = "facebook"
API_VERSION = "v26.0"  # the newest Graph API version (released 29 July 2026, per Meta's changelog)
MIN_SCHEDULE_LEAD = timedelta(minutes=10)
MAX_SCHEDULE_LEAD = timedelta(days=75)
RATE_LIMIT_CODES = frozenset({4, 17, 32, 341, 613})
RATE_LIMIT_WAIT_S = 15 * 60.0  # when Graph gives no Retry-After: its throttling windows are about an hour
POLICY_BLOCK_WAIT_S = 60 * 60.0  # 368: "temporarily blocked for policy violations"


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
    message = facebook_message(content.source)
    if not clean_text(content.body) or not message:
        raise OutletError(f"post {key} has an empty message; give the article text before posting")
    body: JsonObject = {"message": message}
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
    return PreparedRequest(channel=CHANNEL, method="POST", url=url, json=body, key=key)


def facebook_error(answer: Answer, *, posting: bool, token: str) -> OutletError:
    """The OutletError (or subclass) that a Graph error answer means; never quotes the token."""
    err = member(answer.body, "error")
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
        return RetryableOutletError(f"Facebook rate limit reached ({where}); wait and retry later",
                                    retry_after=answer.retry_after or RATE_LIMIT_WAIT_S)
    if code == 368:
        return RetryableOutletError(f"Facebook temporarily blocks posting from this Page ({where}); retry later",
                                    retry_after=answer.retry_after or POLICY_BLOCK_WAIT_S)
    if code == 506:
        return DuplicatePost(f"Facebook says this post is a duplicate ({where}); the existing post is kept")
    if code in (1, 2) or err.get("is_transient"):
        if posting:
            return OutcomeUnknown(f"Facebook had a temporary error ({where}); the post may exist: "
                                  "look it up before sending again", retry_after=answer.retry_after)
        return RetryableOutletError(f"Facebook is temporarily unavailable ({where}); retry later",
                                    retry_after=answer.retry_after)
    if code == 100:
        return OutletError(f"Facebook refused the post as invalid ({where}); check message, link and time")
    if code is not None and answer.status < 500:
        return OutletError(f"Facebook refused the request ({where}); fix the cause it names and send again")
    return http_status_error("Facebook", answer, posting, f", {where}" if code is not None else "")
