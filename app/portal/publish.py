"""The portal's "Cải cách hành chính" section: publish due web items, then write the feeds.

The feeds are rebuilt from the database each time (never appended to), so they always show exactly
what is recorded as published, and rebuilding unchanged feeds leaves the files byte-identical. Each
commune has its own: LOA_HOME/feeds/<commune>/ (cchc.xml, cchc-podcast.xml, cchc.atom).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.audit.feed_files import page_state
from app.audit.files import Shown
from app.notify import alert
from app.portal.due import behind, published_web
from app.portal.stamp import STAMP, edited_feeds, write_digests
from app.runtime import Runtime
from media import owner
from media.feeds import FEED_FILES, FeedInfo, FeedItem, render_feeds, write_feeds
from media.files import write_atomic
from storage import audit, checkpoints, publications
from storage.models import Article, AudioClip, Publication

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def feeds_stale(rt: Runtime, code: str) -> bool:
    """Something was published on the web since the feeds were written (or a write failed)."""
    with rt.tx() as session:
        commune = rt.commune(session, code)
        published = session.execute(published_web([commune.id])).tuples().one_or_none()
    return behind(rt.settings.home, code, published[1] if published else 0)


def publish_due_web(rt: Runtime, code: str | None = None, *, feeds: bool = True) -> int:
    """Web publications of commune `code` whose audio is ready and time has come are published now (and,
    with `feeds`, its feeds rewritten); returns how many."""
    now, me = rt.settings.clock(), owner.current()
    count = 0
    with rt.tx() as session:
        commune = rt.commune(session, code)
        for pub in publications.due(session, commune_id=commune.id, channels=("web",), now=now, is_dead=owner.is_dead):
            if publications.claim(session, publication_id=pub.id, now=now, owner=me, is_dead=owner.is_dead):
                session.refresh(pub)
                _write_page(rt, pub)
                publications.mark_published(session, publication=pub, remote_id=f"web:article-{pub.article_id}",
                                            at=now, audio_hash=_clip_hash(session, pub.article_version_id))
                count += 1
        code = commune.code
    if count and feeds:
        build_feeds(rt, code)
    return count


@dataclass
class FeedData:
    info: FeedInfo
    items: list[FeedItem]
    shown: list[Shown]  # the version behind each item, as it was published (checked by `verify --files`)
    pages: dict[str, bytes]  # each item's article page (relative to LOA_HOME), as Loa writes it
    published: int  # published web publications the feeds were built from


def feed_data(rt: Runtime, code: str | None = None) -> FeedData:
    """What the commune's feeds hold, read from the database: the newest publication of each article."""
    with rt.tx() as session:
        commune = rt.commune(session, code)
        rows = session.execute(
            select(Publication, AudioClip)
            .outerjoin(AudioClip, AudioClip.article_version_id == Publication.article_version_id)
            .where(Publication.commune_id == commune.id, Publication.channel == "web",
                   Publication.status == "published")
            .order_by(Publication.published_at.desc(), Publication.id.desc())
            .options(selectinload(Publication.version), selectinload(Publication.article).selectinload(Article.topic))
        ).all()
        items, shown, pages, seen = [], [], {}, set()
        for pub, clip in rows:
            if pub.article_id in seen:  # the newest publication of each article
                continue
            seen.add(pub.article_id)
            v = pub.version
            items.append(FeedItem(
                guid=f"loa:{commune.code}:article:{pub.article_id}:v{v.number}",
                title=v.title, body=v.body, link=f"articles/{pub.article_id}.html",
                published_at=pub.published_at or pub.updated_at, author=pub.article.unit.name,
                category=pub.article.topic.name if pub.article.topic else None, language=pub.article.language,
                audio_url=clip.path if clip else None, audio_bytes=clip.bytes if clip else None,
                audio_duration_s=clip.duration_s if clip else None,
            ))
            shown.append(Shown(pub.id, pub.article_id, v.number, v.title, v.body, pub.article.language,
                               v.content_hash))
            pages[page_path(pub.article_id)] = _page(pub)
        signed = checkpoints.latest(session, commune.code)
        info = FeedInfo(commune_code=commune.code, commune_name=commune.name, base_url=rt.settings.public_base,
                        checkpoint=signed.text if signed else None)
    return FeedData(info, items, shown, pages, len(rows))


def build_feeds(rt: Runtime, code: str | None = None) -> dict[str, Path]:
    """Rewrite the commune's feeds from the database. A feed found changed on disk since Loa wrote it (edited,
    replaced, removed), or an article page of its items, is rewritten too, and that is recorded in the log
    and alerted."""
    data = feed_data(rt, code)
    folder = rt.settings.dir("feeds", data.info.commune_code)
    edited = edited_feeds(folder) + _restore_pages(rt.settings.home, data.pages)
    written = write_feeds(data.info, data.items, folder)
    write_atomic(folder / STAMP, str(data.published).encode())
    write_digests(folder, written.values())
    if edited:
        _repaired(rt, data.info.commune_code, edited)
    return written


def _restore_pages(home: Path, pages: dict[str, bytes]) -> list[str]:
    """Article pages of the feeds' items found missing or edited on disk, written again; their paths."""
    restored = []
    for relative, data in pages.items():
        if page_state(home / relative, data):
            write_atomic(home / relative, data)
            restored.append(relative)
    return restored


def _repaired(rt: Runtime, code: str, edited: list[str]) -> None:
    with rt.tx() as session:
        commune = rt.commune(session, code)
        audit.record(session, at=rt.settings.clock(), actor="loa", action="feeds.repaired", subject=f"loa.feeds.{code}",
                     commune=code, channel="web", details={"files": edited})
    alert(rt.settings, kind="feeds.repaired", commune=commune.code,
          message=f"{code}: the feed(s) {', '.join(edited)} were changed on disk outside Loa: rewritten from the "
                  "database (`loa audit verify --files` checks every item against the log)")


def expected_feeds(rt: Runtime, code: str) -> tuple[dict[str, bytes], list[Shown], dict[str, bytes]]:
    """{file name: bytes} of the feeds as Loa would write them now, the versions behind their items, and
    {path under LOA_HOME: bytes} of their article pages."""
    data = feed_data(rt, code)
    return {FEED_FILES[k]: b for k, b in render_feeds(data.info, data.items).items()}, data.shown, data.pages


def _clip_hash(session: Session, version_id: int) -> str:
    clip = session.scalar(select(AudioClip).where(AudioClip.article_version_id == version_id))
    return clip.sha256 if clip else ""


def _write_page(rt: Runtime, pub: Publication) -> None:
    """A plain HTML page per article, the feed items' link (the portal may host its own instead)."""
    write_atomic(rt.settings.home / page_path(pub.article_id), _page(pub))


def page_path(article_id: int) -> str:
    return f"articles/{article_id}.html"


def _page(pub: Publication) -> bytes:
    v = pub.version
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in v.body.split("\n") if p.strip())
    return (f'<!doctype html>\n<html lang="{html.escape(pub.article.language)}"><meta charset="utf-8">'
            f"<title>{html.escape(v.title)}</title>\n<h1>{html.escape(v.title)}</h1>\n"
            f"<p><em>{html.escape(pub.article.unit.name)}</em></p>\n{paragraphs}\n</html>\n").encode()
