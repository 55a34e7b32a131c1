"""`loa article recording ID FILE --by NAME` and the desk's upload and "Thu âm": a person's reading becomes the
clip of the article's current version, in place of (or before) any synthesized one.

The file is checked and mastered outside any transaction; nothing is stored when it is refused. An approved
article's audio is what its leader heard and approved: a recording for it needs a new version first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.production.clips import clip_tags
from app.recordings.limits import recording_limits
from storage import articles, audit, publications
from storage.errors import InvalidState
from storage.models import Article, ArticleTranslation, ArticleVersion, AudioClip

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.runtime import Runtime
    from media.radio.master import MasteredFile
    from schedules.plan import Plan

ENGINE = "recording"  # AudioClip.engine of a person's recording; AudioClip.voice names the reader
OPEN = ("draft", "submitted", "rejected")


@dataclass(frozen=True)
class Recorded:
    article: int
    version: int
    path: str  # relative to LOA_HOME
    duration_s: float
    lufs: float
    container: str
    reader: str


def attach_recording(rt: Runtime, *, article_id: int, source: Path, by: str, code: str | None = None,
                     language: str | None = None) -> Recorded:
    """Master `source` and make it the clip of the article's current version (or of its current version in
    `language`); AudioError / InvalidState / Forbidden (one line each) and nothing stored when it cannot be."""
    from media.radio.recording import master_recording

    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        article = articles.get(session, article_id, commune=commune)
        reader = articles.require_editor(session, commune, by, article, "record")
        translated = _translation(session, plan, article, language)
        _check_open(article.id, translated.status if translated else article.status, language)
        version = article.current
        target_id, number = (translated.id, translated.number) if translated else (version.id, version.number)
        tags = clip_tags(version, commune.name, plan.tz)
        if translated is not None:
            tags["title"] = translated.title
        limits = recording_limits(plan, article.channel_list)
    done, kind = master_recording(source, limits=limits, tags=tags, out_dir=rt.settings.dir("media"))
    now = rt.settings.clock()
    with rt.tx() as session:
        article = articles.get(session, article_id, commune=commune)
        translated = _translation(session, plan, article, language)
        _check_open(article.id, translated.status if translated else article.status, language)
        if (translated.id if translated else article.current.id) != target_id:
            raise InvalidState("recording.new_version", article_id=article_id)
        path = str(done.path.resolve().relative_to(rt.settings.home.resolve()))
        if translated is not None:
            translated.audio_path, translated.audio_sha256, translated.audio_bytes = path, done.sha256, \
                done.path.stat().st_size
            translated.duration_s, translated.lufs, translated.reader_id = done.duration_s, done.lufs, reader.id
            translated.updated_at = now
            subject, content = f"loa.article.{article_id}", translated.content_hash
        else:
            row = _store(session, version_id=target_id, path=path, done=done, reader=reader.name, now=now)
            subject, content = f"loa.audio.{row.id}", article.current.content_hash
            publications.media_ready(session, version_id=target_id, now=now)
        audit.record(
            session, at=now, actor=reader.name, action="audio.recorded", subject=subject,
            commune=commune.code, unit=article.unit.code, content_hash=content, audio_hash=done.sha256,
            details={"article": article_id, "version": number, "language": language or article.language,
                     "reader": reader.name, "format": kind, "file": source.name[:200],
                     "duration_s": round(done.duration_s, 2), "lufs": round(done.lufs, 2)},
        )
    return Recorded(article_id, number, path, done.duration_s, done.lufs, kind, reader.name)


def _translation(session: Session, plan: Plan, article: Article, language: str | None) -> ArticleTranslation | None:
    """The current version in `language` when it is not the article's own, else None."""
    if language is None or language == article.language:
        return None
    from app.articles.languages import used_language
    from storage import translations

    return translations.require(session, article, used_language(plan, language))


def recording_of(session: Session, version_id: int) -> AudioClip | None:
    """The version's clip when it is a person's recording, else None."""
    clip = session.scalar(select(AudioClip).where(AudioClip.article_version_id == version_id))
    return clip if clip is not None and clip.engine == ENGINE else None


def _check_open(article_id: int, status: str, language: str | None = None) -> None:
    which = "recording.translation_" if language else "recording.article_"
    if status == "approved":
        raise InvalidState(which + "approved", article_id=article_id, language=language)
    if status not in OPEN:
        raise InvalidState(which + "closed", article_id=article_id, language=language, status=status)


def _store(session: Session, *, version_id: int, path: str, done: MasteredFile, reader: str,
           now: datetime) -> AudioClip:
    """The version's clip row (a synthesized clip it had is replaced: the recording goes out instead)."""
    row = session.scalar(select(AudioClip).where(AudioClip.article_version_id == version_id))
    if row is None:
        row = AudioClip(article_version_id=version_id)
        session.add(row)
    row.sha256, row.path, row.bytes = done.sha256, path, done.path.stat().st_size
    row.duration_s, row.lufs, row.true_peak_db = done.duration_s, done.lufs, done.true_peak_db
    row.engine, row.voice, row.speed, row.created_at = ENGINE, reader[:64], None, now
    session.flush()
    return row


def keep_recording(session: Session, *, old: ArticleVersion, new: ArticleVersion, by: str, now: datetime) -> AudioClip:
    """The editor keeps the old version's recording for the new text (`loa article edit --keep-recording`)."""
    from storage.errors import InvalidInput

    kept = recording_of(session, old.id)
    if kept is None:
        raise InvalidInput("recording.version_none_to_keep", version=old.number, article_id=old.article_id)
    row = AudioClip(article_version_id=new.id, sha256=kept.sha256, path=kept.path, bytes=kept.bytes,
                    duration_s=kept.duration_s, lufs=kept.lufs, true_peak_db=kept.true_peak_db, engine=ENGINE,
                    voice=kept.voice, speed=None, created_at=now)
    session.add(row)
    session.flush()
    return row
