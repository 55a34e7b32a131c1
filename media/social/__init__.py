"""Facebook Page and Zalo OA posts: build the request (pure) apart from sending it (adapters).

Flow of a post: `build_facebook_post` / `build_zalo_article` -> PreparedRequest (no token) ->
`FacebookAdapter.send` / `ZaloAdapter.send` / `DryRunOutbox.send`. On `OutcomeUnknown`, call
`find_existing(key)` before sending again; on `RetryableOutletError`, send again later; on any other
`OutletError`, fix what the message names.
"""

from media.social.errors import OutcomeUnknown, RetryableOutletError
from media.social.facebook import build_facebook_post
from media.social.facebook_adapter import FacebookAdapter
from media.social.model import PostContent, PreparedRequest, marker
from media.social.outbox import DryRunOutbox
from media.social.zalo import build_zalo_article
from media.social.zalo_adapter import ZaloAdapter

__all__ = [
    "DryRunOutbox",
    "FacebookAdapter",
    "OutcomeUnknown",
    "PostContent",
    "PreparedRequest",
    "RetryableOutletError",
    "ZaloAdapter",
    "build_facebook_post",
    "build_zalo_article",
    "marker",
]
