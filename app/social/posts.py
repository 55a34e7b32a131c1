"""Facebook, Zalo OA and YouTube posts of one commune: claim each due publication, send it once, keep the id.

`dispatch_due_posts(rt, code)` is the step the publish pass calls per commune (no Prefect here):
late posts first found more than the plan's `social.late_minutes` after their time become `missed`
(unless `social.send_late`), then every due publication is sent by a small pool per channel
(LOA_SOCIAL_CONCURRENCY in flight at once on each channel). Without a channel's credentials the exact
request goes to the dry-run outbox. A publication whose earlier attempt may have reached the platform
(`sent_at` set) is first looked up there; a Zalo create token or a YouTube upload session kept in
`remote_handle` is confirmed or resumed, never created again. A Zalo article still being processed stays
`scheduled` between passes (verify is asked again with backoff) until LOA_ZALO_PROCESSING_HOURS after
its create, then fails for a person to look at.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.runtime import Runtime
from app.social import held
from app.social import tokens as channel_tokens
from app.social.outlets import Outbox, Outlet, build_request, channel_problems, open_outlets, post_content
from media import owner
from media.errors import MediaError, OutletError
from media.social import (
    DuplicatePost,
    OutcomeUnknown,
    PostContent,
    QuotaReached,
    RetryableOutletError,
    StillProcessing,
)
from media.social.links import link_problem, private_links
from schedules.periods import month_of
from schedules.plan import Social
from storage import publications
from storage.models import Publication

log = logging.getLogger(__name__)
CHANNELS = publications.SOCIAL
NEEDS_VIDEO = ("youtube", "tiktok", "reels", "shorts")
MAX_UNKNOWN_ATTEMPTS = 12  # then a human looks: the platform never confirmed the post either way
BACKOFF_FIRST_S, BACKOFF_MAX_S = 30.0, 15 * 60.0


@dataclass(frozen=True)
class Outcome:
    """What happened to one publication in this pass: `result` is published, dry-run, missed, taken,
    unknown (looked up next time), retry (not before retry_at), failed, or skipped (channel not set up)."""

    publication_id: int
    channel: str
    result: str
    remote_id: str | None = None
    detail: str = ""


def dispatch_due_posts(rt: Runtime, code: str | None = None) -> list[Outcome]:
    """Send every social post of commune `code` that is due now; one Outcome per publication touched."""
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        missed = [] if plan.social.send_late else publications.miss_late(
            session, commune_id=commune.id, channels=CHANNELS, now=now,
            late_after=timedelta(minutes=plan.social.late_minutes))
        outcomes = [Outcome(p.id, p.channel, "missed", detail=f"due {p.due_at:%Y-%m-%d %H:%M} UTC") for p in missed]
        due = [(p.id, p.channel) for p in publications.due(session, commune_id=commune.id, channels=CHANNELS, now=now,
                                                           is_dead=owner.is_dead)]
        ctx = Context(commune_id=commune.id, code=commune.code, name=commune.name, tz=plan.tz,
                      hashtags=tuple(plan.hashtags), social=plan.social)
    channel_tokens.keep_fresh(rt, ctx.commune_id)
    channel_tokens.alert(rt, channel_tokens.expiring_refresh_tokens(rt, ctx.code))
    if not due:
        return outcomes
    by_channel: dict[str, list[int]] = defaultdict(list)
    for pub_id, channel in due:
        by_channel[channel].append(pub_id)
    problems = channel_problems(rt, ctx, set(by_channel))
    held.report(rt, ctx.code, problems)  # one line per cause, however many channels and posts
    for channel, problem in problems.items():  # not claimed: they stay due and go once the cause is fixed
        outcomes += [Outcome(p, channel, "skipped", detail=problem) for p in by_channel.pop(channel)]
    outlets = open_outlets(rt, ctx, set(by_channel))
    width = max(1, rt.settings.social_concurrency)
    pools = {channel: ThreadPoolExecutor(max_workers=width, thread_name_prefix=f"loa-{channel}")
             for channel in by_channel}
    try:
        futures = [pools[c].submit(send_post, rt, ctx, outlets[c], p) for c, ids in by_channel.items() for p in ids]
        outcomes += [f.result() for f in futures]
    finally:
        for pool in pools.values():
            pool.shutdown(wait=True)
    if "zalo" in outlets and ctx.social.zalo_broadcast:
        from app.social.broadcast import send_broadcasts

        outcomes += send_broadcasts(rt, ctx, outlets["zalo"])
    return outcomes


@dataclass(frozen=True)
class Context:
    """What every post of one commune needs from its plan, read once per pass."""

    commune_id: int
    code: str
    name: str
    tz: ZoneInfo
    hashtags: tuple[str, ...]
    social: Social


def send_post(rt: Runtime, ctx: Context, outlet: Outlet, publication_id: int) -> Outcome:
    """Claim one publication and send it once (or find it already there); never raises for a platform's answer."""
    now = rt.settings.clock()
    with rt.tx() as session:
        if not publications.claim(session, publication_id=publication_id, now=now, owner=owner.current(),
                                  is_dead=owner.is_dead):
            return Outcome(publication_id, "", "taken")
        pub = session.get(Publication, publication_id)
        assert pub is not None
        channel, sent_at, handle, attempts = pub.channel, pub.sent_at, pub.remote_handle, pub.attempts
        content = post_content(rt, ctx, pub)
        clip = publications.clip_of(session, pub) if channel in NEEDS_VIDEO else None
        version_id = pub.article_version_id
    try:
        if not isinstance(outlet, Outbox):
            check_links(content)
        req = build_request(rt, ctx, channel, content, clip, version_id)
        remote_id = outlet.find_existing(req, since=sent_at, handle=handle) if sent_at else None
        if remote_id is None:
            with rt.tx() as session:
                publications.note_sending(session, publication_id=publication_id, now=now, new_create=handle is None)
            remote_id = outlet.send(req, handle=handle, on_handle=lambda h: _keep_handle(rt, publication_id, h))
    except DuplicatePost as exc:
        try:
            remote_id = outlet.find_existing(req, since=sent_at or now - timedelta(days=2), handle=handle)
        except OutletError as again:
            return _settle(rt, ctx, publication_id, channel, again, attempts, sent_at)
        if remote_id is None:
            return _settle(rt, ctx, publication_id, channel, OutletError(f"{exc}, but it was not found on the Page"),
                           attempts, sent_at)
    except (OutletError, MediaError) as exc:
        return _settle(rt, ctx, publication_id, channel, exc, attempts, sent_at or now)
    with rt.tx() as session:
        pub = session.get(Publication, publication_id)
        assert pub is not None
        publications.mark_published(session, publication=pub, remote_id=remote_id, at=rt.settings.clock(),
                                    broadcast=channel == "zalo" and ctx.social.zalo_broadcast)
    return Outcome(publication_id, channel, "dry-run" if remote_id.startswith("dryrun:") else "published", remote_id)


def check_links(content: PostContent) -> None:
    """A live post never carries a link its readers cannot open (a file, a machine of the office network)."""
    bad = private_links(f"{content.title}\n{content.body}")
    if bad:
        raise OutletError(f"bài có đường dẫn người đọc không mở được ({link_problem(bad[0])}); sửa bài "
                          "(`loa article edit` hoặc trên bàn làm việc) để bỏ hay thay bằng địa chỉ công khai, "
                          "rồi duyệt lại")


def _keep_handle(rt: Runtime, publication_id: int, handle: str) -> None:
    with rt.tx() as session:
        publications.note_sending(session, publication_id=publication_id, now=rt.settings.clock(), handle=handle)


def _settle(rt: Runtime, ctx: Context, publication_id: int, channel: str, exc: Exception, attempts: int,
            sent_at: datetime | None) -> Outcome:
    """Record how an attempt ended: unknown (look up next time), retry later, or failed."""
    now, tz = rt.settings.clock(), ctx.tz
    message = str(exc)
    deadline = (sent_at or now) + timedelta(hours=rt.settings.zalo_processing_hours)
    if isinstance(exc, StillProcessing) and now >= deadline and (exc.said or attempts >= MAX_UNKNOWN_ATTEMPTS):
        # Zalo itself said "being processed" that late (a busy or silent answer after a long stop is asked again)
        exc = OutletError(f"{message}; but it has been processing since {(sent_at or now):%Y-%m-%d %H:%M} UTC: "
                          "look for it in the OA's article list; `loa publication retry` confirms it with its token")
        message = str(exc)
    with rt.tx() as session:
        pub = session.get(Publication, publication_id)
        assert pub is not None
        if isinstance(exc, StillProcessing):  # its create token is kept: asked again, however many passes
            publications.release_unknown(session, publication=pub, error=message, now=now,
                                         retry_at=now + _wait(exc.retry_after, min(attempts, 6)))
            return Outcome(publication_id, channel, "unknown", detail=message)
        if isinstance(exc, OutcomeUnknown) and attempts < MAX_UNKNOWN_ATTEMPTS:
            log.warning("publication %s (%s): outcome unknown (%s); it is looked up first next time",
                        publication_id, channel, message)
            publications.release_unknown(session, publication=pub, error=message, now=now,
                                         retry_at=now + _wait(exc.retry_after, attempts))
            return Outcome(publication_id, channel, "unknown", detail=message)
        if isinstance(exc, RetryableOutletError):
            retry_at = _next_month(now, tz) if isinstance(exc, QuotaReached) and not exc.retry_after \
                else now + _wait(exc.retry_after, attempts)
            log.warning("publication %s (%s): %s; retried after %s", publication_id, channel, message,
                        retry_at.isoformat(timespec="minutes"))
            publications.mark_failed(session, publication=pub, error=message, now=now, retry=True, retry_at=retry_at)
            return Outcome(publication_id, channel, "retry", detail=message)
        log.error("publication %s (%s) failed: %s", publication_id, channel, message)
        publications.mark_failed(session, publication=pub, error=message, now=now, retry=False)
        return Outcome(publication_id, channel, "failed", detail=message)


def _wait(retry_after: float | None, attempts: int) -> timedelta:
    """The platform's Retry-After when it gave one, else 30 s doubling per attempt up to 15 minutes."""
    if retry_after is not None:
        return timedelta(seconds=max(0.0, retry_after))
    return timedelta(seconds=min(BACKOFF_FIRST_S * 2 ** max(0, attempts - 1), BACKOFF_MAX_S))


def _next_month(now: datetime, tz: ZoneInfo) -> datetime:
    return month_of(now, tz).local_bounds(tz)[1]
