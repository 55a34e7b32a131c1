"""TikTok videos through the Content Posting API (direct post): the init request (pure) and how errors read.

From TikTok for Developers' "Direct Post" and "Media Transfer" references: `POST {api}/v2/post/publish/
video/init/` with `post_info` (title, privacy_level…) and `source_info` (FILE_UPLOAD, video_size,
chunk_size, total_chunk_count) answers `{data: {publish_id, upload_url}, error: {code: "ok"}}`. The file
goes to `upload_url` with `PUT` and `Content-Range: bytes a-b/total`, chunks in order: every chunk 5-64 MB
except the last (which takes the trailing bytes, up to 128 MB), a file under 5 MB in one chunk,
total_chunk_count = video_size // chunk_size. `POST {api}/v2/post/publish/status/fetch/` with the
publish_id says PROCESSING_UPLOAD, PROCESSING_DOWNLOAD, PUBLISH_COMPLETE or FAILED (with fail_reason).
Errors are `{error: {code, message, log_id}}` with the HTTP status: access_token_invalid (401),
rate_limit_exceeded (429; 6 inits a minute per token), spam_risk_* (too many posts today), internal_error.
Unaudited API clients may only post SELF_ONLY (to private accounts, at most 5 users a day).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from media.errors import OutletError
from media.social._http import Answer, http_status_error
from media.social.errors import OutcomeUnknown, QuotaReached, RetryableOutletError, TokenRejected, one_line, redact
from media.social.model import PostContent, PreparedRequest, Upload, check_key, member
from media.social.text import cut, hashtag_line, lead
from media.text import clean_line

CHANNEL = "tiktok"
INIT_PATH = "/v2/post/publish/video/init/"
STATUS_PATH = "/v2/post/publish/status/fetch/"
CREATOR_PATH = "/v2/post/publish/creator_info/query/"
PRIVACY = ("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY")
MIN_CHUNK, MAX_CHUNK = 5 * 1024 * 1024, 64 * 1024 * 1024
CHUNK = 10 * 1024 * 1024
CAPTION_CHARS = 2200
TOKEN_ERRORS = {"access_token_invalid"}
BUSY_ERRORS = {"rate_limit_exceeded"}
DAILY_ERRORS = {"spam_risk_too_many_posts", "spam_risk_too_many_pending_share", "reached_active_user_cap"}


def chunk_plan(size: int, chunk: int = CHUNK) -> tuple[int, int]:
    """(chunk_size, total_chunk_count) for a file of `size` bytes, as TikTok's chunk rules require."""
    if size <= 0:
        raise OutletError("the video is empty; render it again")
    if size < MIN_CHUNK:
        return size, 1
    if not MIN_CHUNK <= chunk <= MAX_CHUNK:
        raise OutletError(f"TikTok chunks are 5-64 MB, not {chunk} bytes")
    return chunk, max(1, size // chunk)


def chunks(size: int, chunk_size: int, count: int) -> list[tuple[int, int]]:
    """(first byte, last byte) of each chunk; the last one takes the trailing bytes."""
    return [(i * chunk_size, (size if i == count - 1 else (i + 1) * chunk_size) - 1) for i in range(count)]


def caption(content: PostContent, part_label: str = "") -> str:
    """The post's caption: the title (with "Phần 1/3"), the lead and the hashtags; no link (TikTok shows none)."""
    src = content.source
    head = clean_line(src.title) + (f" ({part_label})" if part_label else "")
    tags = hashtag_line(src.hashtags)
    room = CAPTION_CHARS - len(head) - len(tags) - 4
    body = cut(lead(src.body, max(0, room)), max(0, room)) if room > 20 else ""
    return cut("\n\n".join(p for p in (head, body, tags) if p), CAPTION_CHARS)


def build_tiktok_post(content: PostContent, video: Path, *, api_url: str, privacy: str, part_label: str = "",
                      chunk_bytes: int = CHUNK, seconds: float | None = None) -> PreparedRequest:
    """The direct-post init request for `video`; the file goes up to the upload_url it answers."""
    key = check_key(content.key)
    if privacy not in PRIVACY:
        raise OutletError(f"TikTok privacy {privacy!r} is not one of {', '.join(PRIVACY)}; fix social.tiktok_privacy "
                          "in the plan")
    if not video.is_file() or video.stat().st_size == 0:
        raise OutletError(f"post {key}: the video {video} is missing or empty; render it again")
    size = video.stat().st_size
    chunk_size, count = chunk_plan(size, chunk_bytes)
    body = {"post_info": {"title": caption(content, part_label), "privacy_level": privacy,
                          "disable_duet": False, "disable_comment": False, "disable_stitch": False,
                          "video_cover_timestamp_ms": 1000},
            "source_info": {"source": "FILE_UPLOAD", "video_size": size, "chunk_size": chunk_size,
                            "total_chunk_count": count}}
    media: Upload = {"path": str(video), "content_type": "video/mp4", "bytes": size,
             "sha256": hashlib.sha256(video.read_bytes()).hexdigest()}
    if seconds is not None:
        media["seconds"] = round(seconds, 3)  # checked against the account's longest post before init
    return PreparedRequest(channel=CHANNEL, method="POST", url=f"{api_url.rstrip('/')}{INIT_PATH}", json=body,
                           media=media, key=key)


def tiktok_error(answer: Answer, *, token: str, posting: bool) -> OutletError | None:
    """The error a TikTok answer means, or None when `error.code` is "ok"; never quotes the token."""
    err = member(answer.body, "error")
    code = err.get("code")
    if answer.status < 400 and code == "ok":
        return None
    said = redact(one_line(err.get("message", "")), token)
    where = f"HTTP {answer.status}" + (f", {code}" if code else "") + (f": {said}" if said else "")
    if code in TOKEN_ERRORS or answer.status == 401 and code != "scope_not_authorized":
        return TokenRejected(f"TikTok rejected the access token ({where}); Loa refreshes it with the stored "
                             "refresh token (`loa channel token tiktok` stores a new one)")
    if code in BUSY_ERRORS or answer.status == 429:
        return RetryableOutletError(f"TikTok rate limit reached ({where}); retry in a minute",
                                    retry_after=answer.retry_after or 60.0)
    if code in DAILY_ERRORS:
        return QuotaReached(f"TikTok will not take more posts from this account today ({where}); retried tomorrow",
                            retry_after=answer.retry_after or 6 * 3600.0)
    if code == "unaudited_client_can_only_post_to_private_accounts":
        return OutletError(f"TikTok refused the post ({where}): an app not yet audited posts only SELF_ONLY to a "
                           "private account; make the account private, or set social.tiktok_audited only once "
                           "TikTok has audited the app")
    if not code and answer.status < 400:  # an HTML page or an empty body where JSON was expected
        if posting:
            return OutcomeUnknown(f"TikTok answered without a result ({where}); it may have been done: look it up")
        return RetryableOutletError(f"TikTok answered without a result ({where}); retry later")
    if code == "internal_error" or answer.status >= 500 or not code:
        return http_status_error("TikTok", answer, posting, f", {where}")
    return OutletError(f"TikTok refused the request ({where}); fix the cause it names and send again")


def failed_post(reason: str) -> OutletError:
    """What a FAILED status means: no post was made, so sending again is safe once the cause is gone."""
    said = one_line(reason or "no reason given")
    if reason in ("internal", "video_pull_failed"):
        return RetryableOutletError(f"TikTok failed to process the video ({said}); sent again later")
    if reason in DAILY_ERRORS or reason == "spam_risk_too_many_posts":
        return QuotaReached(f"TikTok took no more posts from this account today ({said}); retried tomorrow",
                            retry_after=6 * 3600.0)
    return OutletError(f"TikTok did not publish the video ({said}); fix the cause and retry the publication")
