"""Audio production for approved article versions of one commune: the steps the publish pass calls.

Each step is its own transaction; rendering happens outside any transaction, so a slow TTS service
never holds a database lock. A version is claimed before it is rendered (storage.renders), so two
processes never render one clip. A text that cannot be spoken (only emoji, too long for one clip)
is not retried: its radio, web and YouTube publications are marked failed with the reason and an
alert goes out, and the pass goes on with every other item.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import select

from app.lexicon import speaking
from app.notify import alert
from app.production.audio import clip_tags
from app.production.due import needing_audio
from app.runtime import Runtime
from media import owner
from media.errors import SpeechError
from media.speech.speakable import check_speakable, spoken_paragraphs
from schedules.languages import needs_recording
from storage import audit, publications, renders
from storage.errors import NotFound
from storage.models import Article, ArticleVersion, AudioClip, Publication

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClipResult:
    """What happened to one version's clip in this pass: rendered, done (a clip was there already),
    taken (another process renders it now) or failed (`reason`: the text cannot be spoken)."""

    version: int
    article: int
    number: int
    outcome: str
    clip: str = ""
    duration_s: float = 0.0
    engine: str = ""
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


class _Ids(TypedDict):  # the version a ClipResult is about
    version: int
    article: int
    number: int


def versions_needing_audio(rt: Runtime, code: str | None = None, *, article_id: int | None = None) -> list[int]:
    """Approved versions of commune `code` with a radio, web or YouTube publication waiting and no clip yet
    (app.production.due.needing_audio: what the pass's overview counts too)."""
    with rt.tx() as session:
        commune = rt.commune(session, code)
        query = needing_audio([commune.id])
        if article_id is not None:
            query = query.where(Publication.article_id == article_id)
        return [version_id for _, version_id in session.execute(query)]


def produce_audio(rt: Runtime, version_id: int, code: str | None = None) -> ClipResult:
    """Render one version's clip (when nobody else is) and make its publications due."""
    me = owner.current()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        version = session.get(ArticleVersion, version_id)
        if version is None or version.article.commune_id != commune.id:
            raise NotFound("production.no_version", version_id=version_id, commune=commune.code)
        article: Article = version.article
        ids: _Ids = {"version": version_id, "article": article.id, "number": version.number}
        existing = session.scalar(select(AudioClip).where(AudioClip.article_version_id == version_id))
        if existing is not None:
            return ClipResult(**ids, outcome="done", clip=existing.path, duration_s=existing.duration_s,
                              engine=existing.engine)
        try:
            if needs_recording(article.language):  # never read a H'Mông text with a Vietnamese voice
                raise SpeechError("speech.no_voice", language=article.language, article_id=article.id)
            with speaking(session, commune):
                check_speakable(version.title, version.body)
            unspeakable = None
        except SpeechError as exc:
            unspeakable = _mark_unspeakable(rt, session, version, str(exc))
        if unspeakable is None and not renders.claim(session, version_id=version_id, owner=me, now=datetime.now(UTC),
                                                      is_dead=owner.is_dead):
            return ClipResult(**ids, outcome="taken")
        code = commune.code
        with speaking(session, commune):  # the commune's own readings: its clip is keyed on what is said
            paragraphs = [] if unspeakable else spoken_paragraphs(version.title, version.body)
        tags = clip_tags(version, commune.name, plan.tz)
    if unspeakable is not None:  # alerted once the failure is recorded, outside the transaction
        result, message = unspeakable
        alert(rt.settings, kind="audio.failed", commune=code, article=result.article, version=result.number,
              message=message)
        return result
    from app.production.audio import render  # the audio stack (numpy, ffmpeg) loads only when there is something to say

    try:
        clip = render(rt, paragraphs, plan=plan, tags=tags)
    except BaseException:
        _release_quietly(rt, version_id, me)
        raise
    now = rt.settings.clock()
    with rt.tx() as session:
        version = session.get(ArticleVersion, version_id)
        assert version is not None
        row = AudioClip(
            article_version_id=version_id, sha256=clip.sha256,
            path=str(clip.path.resolve().relative_to(rt.settings.home.resolve())), bytes=clip.path.stat().st_size,
            duration_s=clip.duration_s, lufs=clip.lufs, true_peak_db=clip.true_peak_db, engine=clip.engine_used,
            voice=clip.voice or None, speed=clip.speed, created_at=now,
        )
        session.add(row)
        session.flush()
        renders.release(session, version_id=version_id, owner=me)
        audit.record(
            session, at=now, actor="loa", action="audio.rendered", subject=f"loa.audio.{row.id}",
            commune=commune.code, unit=version.article.unit.code,
            content_hash=version.content_hash, audio_hash=clip.sha256,
            details={"article": version.article_id, "version": version.number, "engine": clip.engine_used,
                     "voice": clip.voice, "speed": clip.speed,
                     "duration_s": round(clip.duration_s, 2), "lufs": round(clip.lufs, 2),
                     "warnings": list(clip.warnings)},
        )
        publications.media_ready(session, version_id=version_id, now=now)
    for warning in clip.warnings:  # a fallback voice, a budget nearly spent: the officers hear of it
        alert(rt.settings, kind="audio.voice", commune=code, article=ids["article"], version=ids["number"],
              message=f"article {ids['article']} (version {ids['number']}): {warning}")
    return ClipResult(**ids, outcome="rendered", clip=row.path, duration_s=clip.duration_s, engine=clip.engine_used,
                      warnings=list(clip.warnings))


def _mark_unspeakable(rt: Runtime, session: Session, version: ArticleVersion,
                      reason: str) -> tuple[ClipResult, str]:
    """A text no voice can read: its publications that wait for audio fail with the reason."""
    now = rt.settings.clock()
    waiting = session.scalars(select(Publication).where(
        Publication.article_version_id == version.id, Publication.status == "planned",
        Publication.channel.in_(publications.NEEDS_AUDIO))).all()
    for pub in waiting:
        publications.mark_failed(session, publication=pub, error=f"no audio: {reason}", now=now, retry=False)
    channels = ", ".join(p.channel for p in waiting) or "none"
    commune = version.article.unit.commune.code
    message = (f"{commune}: article {version.article_id} (version {version.number}) cannot be read aloud: "
               f"{reason}. Its publications on {channels} are marked failed; edit the article (a new version) "
               "or withdraw it")
    return ClipResult(version=version.id, article=version.article_id, number=version.number, outcome="failed",
                      reason=reason), message


def _release_quietly(rt: Runtime, version_id: int, me: str) -> None:
    """Give the claim back after a failed render; if even that fails, the claim's lease runs out."""
    try:
        with rt.tx() as session:
            renders.release(session, version_id=version_id, owner=me)
    except Exception as exc:  # the render's own error is the one to raise
        log.warning("render claim of version %d not released (%s); it lapses", version_id, type(exc).__name__)
