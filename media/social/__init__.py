"""Facebook Page, Zalo OA and YouTube posts: build the request (pure) apart from sending it (adapters).

Flow of a post: `build_facebook_post` / `build_zalo_article` / `build_youtube_upload` -> PreparedRequest
(no token) -> `FacebookAdapter.send` / `ZaloAdapter.send` / `YouTubeAdapter.send` / `DryRunOutbox.send`.
Adapters share one shape: `send(req, handle=…, on_handle=…)` and `find_existing(req, since=…, handle=…)`.
On `OutcomeUnknown`, call `find_existing` before sending again (on `StillProcessing`, send again with
the same handle: it confirms, never creates); on `RetryableOutletError`, send again
later; on `DuplicatePost`, look the post up; on any other `OutletError`, fix what the message names.
"""

from media.social.errors import (
    DuplicatePost,
    OutcomeUnknown,
    QuotaReached,
    RetryableOutletError,
    StillProcessing,
    TokenRejected,
)
from media.social.facebook import build_facebook_post
from media.social.facebook_adapter import FacebookAdapter
from media.social.model import PostContent, PreparedRequest
from media.social.oauth import Grant, StaticToken, TokenSource
from media.social.outbox import DryRunOutbox
from media.social.text import PostSource, preview
from media.social.youtube import build_youtube_upload
from media.social.youtube_adapter import YouTubeAdapter
from media.social.zalo import build_zalo_article
from media.social.zalo_adapter import ZaloAdapter

__all__ = [
    "DryRunOutbox",
    "DuplicatePost",
    "FacebookAdapter",
    "Grant",
    "OutcomeUnknown",
    "PostContent",
    "PostSource",
    "PreparedRequest",
    "QuotaReached",
    "RetryableOutletError",
    "StaticToken",
    "StillProcessing",
    "TokenRejected",
    "TokenSource",
    "YouTubeAdapter",
    "ZaloAdapter",
    "build_facebook_post",
    "build_youtube_upload",
    "build_zalo_article",
    "preview",
]
