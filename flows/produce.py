"""Audio production for approved article versions: the steps the Prefect tasks call.

Each step is its own transaction; rendering happens outside any transaction, so a slow TTS service
never holds a database lock.
"""

from __future__ import annotations

from sqlalchemy import select

from flows.audio import render
from flows.runtime import Runtime
from media.speech.speakable import spoken_paragraphs
from storage import audit, publications
from storage.models import Article, ArticleVersion, AudioClip, Publication


def versions_needing_audio(rt: Runtime, *, article_id: int | None = None) -> list[int]:
    """Approved versions with a radio or web publication waiting and no clip yet."""
    with rt.tx() as session:
        commune = rt.commune(session)
        query = (
            select(ArticleVersion.id).distinct()
            .join(Publication, Publication.article_version_id == ArticleVersion.id)
            .outerjoin(AudioClip, AudioClip.article_version_id == ArticleVersion.id)
            .where(Publication.commune_id == commune.id, Publication.status == "planned",
                   Publication.channel.in_(publications.NEEDS_AUDIO), AudioClip.id.is_(None))
            .order_by(ArticleVersion.id)
        )
        if article_id is not None:
            query = query.where(ArticleVersion.article_id == article_id)
        return list(session.scalars(query))


def produce_audio(rt: Runtime, version_id: int) -> dict[str, object]:
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        version = session.get(ArticleVersion, version_id)
        if version is None:
            raise LookupError(f"no article version {version_id}")
        article: Article = version.article
        paragraphs = spoken_paragraphs(version.title, version.body)
        tags = {"title": version.title, "artist": article.unit.name, "album": commune.name,
                "date": (version.approved_at or version.created_at).astimezone(plan.tz).date().isoformat()}
        existing = session.scalar(select(AudioClip).where(AudioClip.article_version_id == version_id))
        if existing is not None:
            return {"version": version_id, "clip": existing.path, "skipped": True}
    clip = render(rt, paragraphs, plan=plan, tags=tags)
    now = rt.settings.clock()
    with rt.tx() as session:
        version = session.get(ArticleVersion, version_id)
        assert version is not None
        row = AudioClip(
            article_version_id=version_id, sha256=clip.sha256,
            path=str(clip.path.resolve().relative_to(rt.settings.home.resolve())), bytes=clip.path.stat().st_size,
            duration_s=clip.duration_s, lufs=clip.lufs, true_peak_db=clip.true_peak_db, engine=clip.engine_used,
            created_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, at=now, actor="loa", action="audio.rendered", subject=f"loa.audio.{row.id}",
            commune=version.article.unit.commune.code, unit=version.article.unit.code,
            content_hash=version.content_hash, audio_hash=clip.sha256,
            details={"article": version.article_id, "version": version.number, "engine": clip.engine_used,
                     "duration_s": round(clip.duration_s, 2), "lufs": round(clip.lufs, 2),
                     "warnings": list(clip.warnings)},
        )
        publications.media_ready(session, version_id=version_id, now=now)
    return {"version": version_id, "clip": row.path, "duration_s": clip.duration_s, "engine": clip.engine_used,
            "warnings": list(clip.warnings)}
