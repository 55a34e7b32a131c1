"""The portal's "Cải cách hành chính" section: publish due web items, then write the feeds.

The feeds are rebuilt from the database each time (never appended to), so they always show exactly
what is recorded as published, and rebuilding unchanged feeds leaves the files byte-identical. Each
commune has its own: LOA_HOME/feeds/<commune>/ (cchc.xml, cchc-podcast.xml, cchc.atom).
"""

from __future__ import annotations

import html
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from flows.runtime import Runtime
from flows.web_stamp import STAMP, published_in_feeds
from media import owner
from media.feeds import FeedInfo, FeedItem, write_feeds
from media.files import write_atomic
from storage import checkpoints, publications
from storage.models import Article, AudioClip, Publication


def feeds_stale(rt: Runtime, code: str) -> bool:
    """Something was published on the web since the feeds were written (or a write failed)."""
    with rt.tx() as session:
        commune = rt.commune(session, code)
        count = session.scalar(select(func.count(Publication.id)).where(
            Publication.commune_id == commune.id, Publication.channel == "web", Publication.status == "published"))
    return count != (published_in_feeds(rt.settings.home, code) or 0)


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


def build_feeds(rt: Runtime, code: str | None = None) -> dict[str, Path]:
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
        items, seen = [], set()
        for pub, clip in rows:
            if pub.article_id in seen:  # the newest publication of each article
                continue
            seen.add(pub.article_id)
            items.append(FeedItem(
                guid=f"loa:{commune.code}:article:{pub.article_id}:v{pub.version.number}",
                title=pub.version.title, body=pub.version.body, link=f"articles/{pub.article_id}.html",
                published_at=pub.published_at or pub.updated_at, author=pub.article.unit.name,
                category=pub.article.topic.name if pub.article.topic else None, language=pub.article.language,
                audio_url=clip.path if clip else None, audio_bytes=clip.bytes if clip else None,
                audio_duration_s=clip.duration_s if clip else None,
            ))
        signed = checkpoints.latest(session, commune.code)
        info = FeedInfo(commune_code=commune.code, commune_name=commune.name, base_url=rt.settings.public_base,
                        checkpoint=signed.text if signed else None)
        published = len(rows)
    folder = rt.settings.dir("feeds", info.commune_code)
    written = write_feeds(info, items, folder)
    write_atomic(folder / STAMP, str(published).encode())
    return written


def _clip_hash(session, version_id: int) -> str:  # type: ignore[no-untyped-def]
    clip = session.scalar(select(AudioClip).where(AudioClip.article_version_id == version_id))
    return clip.sha256 if clip else ""


def _write_page(rt: Runtime, pub: Publication) -> None:
    """A plain HTML page per article, the feed items' link (the portal may host its own instead)."""
    v = pub.version
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in v.body.split("\n") if p.strip())
    page = (f'<!doctype html>\n<html lang="{html.escape(pub.article.language)}"><meta charset="utf-8">'
            f"<title>{html.escape(v.title)}</title>\n<h1>{html.escape(v.title)}</h1>\n"
            f"<p><em>{html.escape(pub.article.unit.name)}</em></p>\n{paragraphs}\n</html>\n")
    write_atomic(rt.settings.home / "articles" / f"{pub.article_id}.html", page.encode())
