"""Facebook and Zalo posts: claim one due publication, send it once, store the remote id.

Without a channel's credentials the exact request goes to the dry-run outbox instead. A publication
whose earlier attempt ended with an unknown outcome first asks the remote side whether the post exists.
"""

from __future__ import annotations

import logging
from typing import Protocol

from flows.runtime import Runtime
from media.errors import OutletError
from media.social import (
    DryRunOutbox,
    FacebookAdapter,
    OutcomeUnknown,
    PostContent,
    PreparedRequest,
    RetryableOutletError,
    ZaloAdapter,
    build_facebook_post,
    build_zalo_article,
)
from storage import publications
from storage.models import Publication

log = logging.getLogger(__name__)
CHANNELS = ("facebook", "zalo")


class Outlet(Protocol):
    def send(self, req: PreparedRequest) -> str: ...
    def find_existing(self, key: str) -> str | None: ...


class _Outbox:
    """The dry-run outbox with the adapters' shape."""

    def __init__(self, outbox: DryRunOutbox, channel: str, key: str) -> None:
        self.outbox, self.channel, self.key = outbox, channel, key

    def send(self, req: PreparedRequest) -> str:
        return self.outbox.send(req, key=self.key)

    def find_existing(self, key: str) -> str | None:
        return self.outbox.find_existing(key, channel=self.channel)


def due_posts(rt: Runtime) -> list[int]:
    with rt.tx() as session:
        commune = rt.commune(session)
        return [p.id for p in publications.due(session, commune_id=commune.id, channels=CHANNELS,
                                               now=rt.settings.clock())]


def send_post(rt: Runtime, publication_id: int) -> str:
    """Returns what happened, in a word: published, dry-run, taken, unknown, retry or failed."""
    s = rt.settings
    now = s.clock()
    with rt.tx() as session:
        retrying = _attempts(session, publication_id) > 0
        if not publications.claim(session, publication_id=publication_id, now=now):
            return "taken"
        pub = session.get(Publication, publication_id)
        assert pub is not None
        key = f"pub-{pub.id}-v{pub.version.number}"
        content = post_content(key, pub.version.title, pub.version.body)
        commune_name, channel = pub.article.unit.commune.name, pub.channel
    outlet, dry = _outlet(rt, channel, key)
    try:
        req = build_request(rt, channel, content, commune_name)
        remote_id = outlet.find_existing(key) if retrying else None
        if remote_id is None:
            remote_id = outlet.send(req)
    except OutcomeUnknown as exc:
        log.warning("publication %s: outcome unknown (%s); the next pass asks %s first", publication_id, exc, channel)
        return "unknown"  # stays `sending`; the stale claim is retried with find_existing
    except OutletError as exc:
        with rt.tx() as session:
            pub = session.get(Publication, publication_id)
            assert pub is not None
            publications.mark_failed(session, publication=pub, error=str(exc), now=s.clock(),
                                     retry=isinstance(exc, RetryableOutletError))
        return "retry" if isinstance(exc, RetryableOutletError) else "failed"
    with rt.tx() as session:
        pub = session.get(Publication, publication_id)
        assert pub is not None
        publications.mark_published(session, publication=pub, remote_id=remote_id, at=s.clock())
    return "dry-run" if dry else "published"


def _attempts(session, publication_id: int) -> int:  # type: ignore[no-untyped-def]
    pub = session.get(Publication, publication_id)
    return pub.attempts if pub is not None else 0


def _outlet(rt: Runtime, channel: str, key: str) -> tuple[Outlet, bool]:
    s = rt.settings
    timeout = (3.05, s.http_timeout_s)
    if channel == "facebook" and s.facebook_token and s.facebook_page_id:
        return FacebookAdapter(graph_url=s.facebook_graph_url, api_version=s.facebook_api_version,
                               page_id=s.facebook_page_id, token=s.facebook_token, timeout=timeout), False
    if channel == "zalo" and s.zalo_token:
        return ZaloAdapter(api_url=s.zalo_api_url, token=s.zalo_token, timeout=timeout), False
    return _Outbox(DryRunOutbox(s.dir("outbox")), channel, key), True


def post_content(key: str, title: str, body: str) -> PostContent:
    """What a post says: the title, a blank line, the text (the desk previews exactly this)."""
    return PostContent(key=key, message=f"{title}\n\n{body}")


def build_request(rt: Runtime, channel: str, content: PostContent, commune_name: str) -> PreparedRequest:
    s = rt.settings
    if channel == "facebook":
        return build_facebook_post(content, graph_url=s.facebook_graph_url, api_version=s.facebook_api_version,
                                   page_id=s.facebook_page_id or "PAGE_ID", now=s.clock())
    cover = s.zalo_cover_url or f"{s.public_base}media/cover.png"
    return build_zalo_article(content, api_url=s.zalo_api_url, author=commune_name, cover_photo_url=cover,
                              now=s.clock())
