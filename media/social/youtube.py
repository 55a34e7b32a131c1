"""YouTube videos through the YouTube Data API v3: the upload request (pure) and how its errors read.

Modelled on Google's "Resumable uploads" guide (youtube/v3/guides/using_resumable_upload_protocol):
`POST {upload_url}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status` with the video
resource as JSON and `X-Upload-Content-Length` / `X-Upload-Content-Type`; the answer's `Location` is
the upload session. The file goes up with `PUT` to the session (`Content-Range: bytes a-b/total`); a
308 "Resume Incomplete" answer's `Range: bytes=0-n` says what arrived; `PUT` with
`Content-Range: bytes */total` and no body asks for the status after a break. 200/201 carries the video.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from media.errors import OutletError
from media.social._http import Answer, http_status_error
from media.social.errors import QuotaReached, RetryableOutletError, TokenRejected, one_line, redact
from media.social.model import PostContent, PreparedRequest, Upload, check_key, member
from media.social.text import youtube_description, youtube_tags, youtube_title

CHANNEL = "youtube"
SHORTS = "shorts"  # the same channel's vertical videos under a minute: YouTube shows them as Shorts
CATEGORY_NEWS_AND_POLITICS = "25"
PRIVACY = ("public", "unlisted", "private")
UPLOAD_PATH = "/upload/youtube/v3/videos"


def upload_start_url(upload_url: str) -> str:
    return f"{upload_url.rstrip('/')}{UPLOAD_PATH}?uploadType=resumable&part=snippet,status"


def build_youtube_upload(content: PostContent, video: Path, *, upload_url: str, privacy: str,
                         language: str = "vi", channel: str = CHANNEL, part_label: str = "") -> PreparedRequest:
    """The request that starts the resumable upload of `video` with `content`'s title and description.

    `channel="shorts"`: the vertical video of a part (≤ 60 s), "#Shorts" in its title and description."""
    key = check_key(content.key)
    if privacy not in PRIVACY:
        raise OutletError(f"YouTube privacy {privacy!r} is not one of {', '.join(PRIVACY)}; fix social.youtube_privacy "
                          "in the plan")
    if not video.is_file() or video.stat().st_size == 0:
        raise OutletError(f"post {key}: the video {video} is missing or empty; render it again")
    src = content.source
    title = youtube_title(src)
    description = youtube_description(src)
    if channel == SHORTS:
        suffix = (f" ({part_label})" if part_label else "") + " #Shorts"
        title = youtube_title(type(src)(src.title[: 100 - len(suffix)].rstrip() + suffix, src.body))
        description = f"{description}\n\n#Shorts"
    if not title:
        raise OutletError(f"post {key} has an empty title; give the article a title before posting")
    resource = {
        "snippet": {"title": title, "description": description, "tags": youtube_tags(src),
                    "categoryId": CATEGORY_NEWS_AND_POLITICS, "defaultLanguage": language,
                    "defaultAudioLanguage": language},
        "status": {"privacyStatus": privacy, "selfDeclaredMadeForKids": False},
    }
    media: Upload = {"path": str(video), "content_type": "video/mp4", "bytes": video.stat().st_size,
             "sha256": hashlib.sha256(video.read_bytes()).hexdigest()}
    return PreparedRequest(channel=channel, method="POST", url=upload_start_url(upload_url), json=resource,
                           media=media, key=key)


def youtube_error(answer: Answer, *, token: str, starting: bool) -> OutletError:
    """What a YouTube error answer means; never quotes the token."""
    err = member(answer.body, "error")
    reasons: set[str] = {e["reason"] for e in err.get("errors") or []
                         if isinstance(e, dict) and isinstance(e.get("reason"), str)}
    said = redact(one_line(err.get("message", "")), token)
    where = f"HTTP {answer.status}" + (f": {said}" if said else "") + (f" ({', '.join(sorted(reasons))})"
                                                                     if reasons else "")
    if answer.status == 401:
        return TokenRejected(f"YouTube rejected the access token ({where}); Loa refreshes it with the stored "
                             "refresh token (`loa channel token youtube` stores a new one)")
    if reasons & {"quotaExceeded", "uploadLimitExceeded", "dailyLimitExceeded"}:
        return QuotaReached(f"the YouTube API quota is used up ({where}); the video goes up when it resets",
                            retry_after=answer.retry_after or 3600.0)
    if reasons & {"rateLimitExceeded", "userRateLimitExceeded"} or answer.status == 429:
        return RetryableOutletError(f"YouTube rate limit reached ({where}); retry later",
                                    retry_after=answer.retry_after)
    if answer.status == 403:
        return OutletError(f"YouTube denied the upload ({where}); give the OAuth client the youtube.upload scope "
                           "and check the channel")
    if starting and answer.status >= 500:  # no video exists before its bytes arrive: safe to start again
        return RetryableOutletError(f"YouTube failed to start the upload ({where}); retry later",
                                    retry_after=answer.retry_after)
    return http_status_error("YouTube", answer, posting=False, detail=f", {where}")
