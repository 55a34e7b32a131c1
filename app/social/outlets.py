"""Which outlet each social channel of a commune uses this pass, and the request each post becomes.

A channel with its credentials gets its adapter (Facebook: LOA_FACEBOOK_TOKEN; Zalo: a refresh token
stored with `loa channel token zalo` and LOA_ZALO_APP_ID/SECRET, or LOA_ZALO_TOKEN; YouTube and Shorts: a
stored refresh token and LOA_YOUTUBE_CLIENT_ID/SECRET; TikTok: a stored refresh token and
LOA_TIKTOK_CLIENT_KEY/SECRET; Reels: the Page's LOA_FACEBOOK_TOKEN); one without them writes to the
dry-run outbox. TikTok, Reels and Shorts post the article's vertical videos, one part after another.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import requests
from requests.adapters import HTTPAdapter

from app.runtime import Runtime
from app.social import tokens as channel_tokens
from app.social.public_link import base_url_problem
from app.social.series import Series, SeriesOutlet
from media.errors import OutletError
from media.social import (
    DryRunOutbox,
    FacebookAdapter,
    PostContent,
    PreparedRequest,
    StaticToken,
    YouTubeAdapter,
    ZaloAdapter,
    build_facebook_post,
    build_youtube_upload,
    build_zalo_article,
)
from media.social.reels import build_reel
from media.social.reels_adapter import ReelsAdapter
from media.social.tiktok import build_tiktok_post
from media.social.tiktok_adapter import TikTokAdapter
from media.social.youtube import SHORTS
from media.social.zalo import check_cover_url
from media.video import CardText, draw_card, render_video
from storage import tokens
from storage.models import Publication

if TYPE_CHECKING:
    from app.social.posts import Context
    from media.secret import Secret

VIDEO_CHANNELS = ("tiktok", "reels", "shorts")
DRY_RUN_COVER = "https://cover.invalid/set-LOA_ZALO_COVER_URL.jpg"  # shows in the outbox what is missing


Req = TypeVar("Req", contravariant=True)


class Outlet(Protocol[Req]):
    """Sends one kind of request: a PreparedRequest, or a Series of them (TikTok, Reels, Shorts). Which kind
    goes to which outlet follows from the channel (open_outlets, build_request): an outlet of any channel is
    an Outlet[Any]."""

    def send(self, req: Req, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str: ...
    def find_existing(self, req: Req, *, since: datetime, handle: str | None = None) -> str | None: ...


class Outbox:
    """The dry-run outbox with the adapters' shape: one JSON file per post, named by its key."""

    def __init__(self, root: Path) -> None:
        self.outbox = DryRunOutbox(root)

    def send(self, req: PreparedRequest, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str:
        return self.outbox.send(req, key=_key(req))

    def find_existing(self, req: PreparedRequest, *, since: datetime, handle: str | None = None) -> str | None:
        return self.outbox.find_existing(_key(req), channel=req.channel)


def _key(req: PreparedRequest) -> str:
    if not req.key:
        raise OutletError("post.no_key", channel=req.channel)
    return req.key


def live(rt: Runtime, ctx: Context, channel: str) -> str | None:
    """How `channel` sends for real ("token", "stored"), or None for the dry-run outbox."""
    s = rt.settings
    if channel in ("facebook", "reels"):
        return "token" if s.facebook_token and s.facebook_page_id else None
    if channel == "zalo" and s.zalo_token:
        return "token"
    kept = "youtube" if channel == SHORTS else channel  # Shorts go up to the YouTube channel with its token
    if channel_tokens.configured(s, kept):
        with rt.tx() as session:
            stored = tokens.find(session, commune_id=ctx.commune_id, channel=kept) is not None
        return "stored" if stored else "missing"
    return None


def channel_problems(rt: Runtime, ctx: Context, channels: set[str]) -> dict[str, str]:
    """Set-up mistakes that stop a channel before anything is sent, one line each."""
    problems = {}
    no_link = base_url_problem(rt.settings)
    for channel in sorted(channels):
        mode = live(rt, ctx, channel)
        if mode and no_link:
            problems[channel] = no_link
        elif mode == "missing":
            kept = "youtube" if channel == SHORTS else channel
            problems[channel] = (f"the app credentials are set but no {kept} refresh token is stored for "
                                 f"{ctx.code}: run `loa channel token {kept}` and paste it on stdin")
        elif channel == "zalo" and mode:
            try:
                check_cover_url(rt.settings.zalo_cover_url)
            except OutletError as exc:
                problems[channel] = str(exc)
    return problems


def open_outlets(rt: Runtime, ctx: Context, channels: set[str]) -> dict[str, Outlet[Any]]:
    s = rt.settings
    timeout = (3.05, s.http_timeout_s)
    outlets: dict[str, Outlet[Any]] = {}
    for channel in channels:
        mode = live(rt, ctx, channel)
        if mode is None:
            outlets[channel] = Outbox(s.dir("outbox"))
            continue
        session = requests.Session()
        pool = HTTPAdapter(pool_connections=4, pool_maxsize=max(4, s.social_concurrency))
        session.mount("http://", pool)
        session.mount("https://", pool)
        if channel == "facebook":
            outlets[channel] = FacebookAdapter(graph_url=s.facebook_graph_url, api_version=s.facebook_api_version,
                                               page_id=s.facebook_page_id or "",
                                               token=_credential(s.facebook_token, "LOA_FACEBOOK_TOKEN"),
                                               timeout=timeout, session=session)
        elif channel == "zalo":
            source = (StaticToken(_credential(s.zalo_token, "LOA_ZALO_TOKEN"),
                                  "set LOA_ZALO_TOKEN to a new OA access token") if mode == "token"
                      else channel_tokens.StoredTokens(rt, commune_id=ctx.commune_id, channel="zalo", session=session))
            outlets[channel] = ZaloAdapter(api_url=s.zalo_api_url, tokens=source, timeout=timeout, session=session,
                                           verify_within_s=s.zalo_verify_within_s,
                                           verify_first_wait_s=min(0.5, s.zalo_verify_within_s / 8),
                                           listing_wait_s=s.zalo_listing_wait_s, clock=s.clock)
        elif channel in ("youtube", SHORTS):
            source = channel_tokens.StoredTokens(rt, commune_id=ctx.commune_id, channel="youtube", session=session)
            youtube = YouTubeAdapter(upload_url=s.youtube_upload_url, tokens=source, channel=channel,
                                     timeout=(3.05, max(60.0, s.http_timeout_s)), session=session)
            outlets[channel] = SeriesOutlet(youtube) if channel == SHORTS else youtube
        elif channel == "tiktok":
            source = channel_tokens.StoredTokens(rt, commune_id=ctx.commune_id, channel="tiktok", session=session)
            outlets[channel] = SeriesOutlet(TikTokAdapter(api_url=s.tiktok_api_url, tokens=source, session=session,
                                                          timeout=(3.05, max(60.0, s.http_timeout_s)),
                                                          status_within_s=s.zalo_verify_within_s))
        elif channel == "reels":
            outlets[channel] = SeriesOutlet(ReelsAdapter(
                graph_url=s.facebook_graph_url, api_version=s.facebook_api_version, page_id=s.facebook_page_id or "",
                token=_credential(s.facebook_token, "LOA_FACEBOOK_TOKEN"), upload_url=s.facebook_upload_url,
                timeout=(3.05, max(60.0, s.http_timeout_s)), session=session,
                publish_within_s=s.zalo_verify_within_s))
    return outlets


def _credential(secret: Secret | None, variable: str) -> Secret:
    """A credential `live` found set (it sends with a token only then)."""
    if secret is None:
        raise OutletError(f"{variable} is not set")
    return secret


def post_content(rt: Runtime, ctx: Context, pub: Publication) -> PostContent:
    """The post of a publication: its version's title and text, the article's page on the portal, the hashtags."""
    version = pub.version
    return PostContent(key=f"pub-{pub.id}-v{version.number}", title=version.title, body=version.body,
                       link=rt.settings.article_url(pub.article_id), hashtags=ctx.hashtags)


def build_request(rt: Runtime, ctx: Context, channel: str, content: PostContent,
                  clip: tuple[str, float] | None, version_id: int | None = None) -> PreparedRequest | Series:
    s = rt.settings
    if channel in VIDEO_CHANNELS:
        if not clip or version_id is None:
            raise OutletError("post.no_clip", key=content.key)
        return video_series(rt, ctx, channel, content, version_id)
    if channel == "facebook":
        req = build_facebook_post(content, graph_url=s.facebook_graph_url, api_version=s.facebook_api_version,
                                  page_id=s.facebook_page_id or "PAGE_ID", now=s.clock())
    elif channel == "zalo":
        cover = s.zalo_cover_url if s.zalo_cover_url and s.zalo_cover_url.startswith("https://") else DRY_RUN_COVER
        req = build_zalo_article(content, api_url=s.zalo_api_url, author=ctx.name, cover_photo_url=cover,
                                 now=s.clock())
    else:
        if not clip:
            raise OutletError("post.no_clip", key=content.key)
        height = min(max(s.video_height, 180), 1080)
        card = draw_card(CardText(commune=ctx.name, title=content.title), width=height * 16 // 9, height=height)
        video = render_video(card, s.home / clip[0], s.dir("media", "video"), seconds=clip[1])
        req = build_youtube_upload(content, video, upload_url=s.youtube_upload_url,
                                   privacy=ctx.social.youtube_privacy)
    return req


def video_series(rt: Runtime, ctx: Context, channel: str, content: PostContent, version_id: int) -> Series:
    """The requests of every part of the version's vertical video (rendered once, shared by the three channels)."""
    from app.production.video import version_videos

    s = rt.settings
    videos = version_videos(rt, version_id, code=ctx.code)
    parts = []
    for video in videos:
        label = video.part.label
        part = PostContent(key=f"{content.key}-p{video.part.number}", title=content.title, body=content.body,
                           link=content.link, hashtags=content.hashtags)
        if channel == "tiktok":
            parts.append(build_tiktok_post(part, video.video, api_url=s.tiktok_api_url,
                                           privacy=ctx.social.tiktok_privacy_sent, part_label=label,
                                           seconds=video.part.seconds))
        elif channel == "reels":
            parts.append(build_reel(part, video.video, graph_url=s.facebook_graph_url,
                                    api_version=s.facebook_api_version, page_id=s.facebook_page_id or "PAGE_ID",
                                    part_label=label))
        else:
            parts.append(build_youtube_upload(part, video.video, upload_url=s.youtube_upload_url,
                                              privacy=ctx.social.youtube_privacy, channel=SHORTS, part_label=label))
    return Series(channel=channel, key=content.key, parts=tuple(parts))
