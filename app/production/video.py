"""An article's short vertical videos (TikTok, Reels, Shorts): its clip as the loudspeakers hear it, cut into
parts of under a minute with captions of the written text. No Prefect.

The clip is rendered as `produce_audio` renders it (same voice, mastering and tags), so it is found
in the clip cache, with the time each piece is spoken; only an older cache entry is mastered again.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from app.lexicon import readings_of
from app.runtime import Runtime
from media.errors import MediaError
from media.speech.normalize import commune_readings
from media.video.parts import Part
from media.video.shorts import article_lines, plan_parts, render_parts
from media.video.vertical import Frame, VerticalVideo
from storage import articles
from storage.models import ArticleVersion

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from media.speech.render import Clip
    from schedules.plan import Plan

_RENDERING: defaultdict[int, threading.Lock] = defaultdict(threading.Lock)  # TikTok, Reels, Shorts: one render


def version_videos(rt: Runtime, version_id: int, *, code: str | None = None,
                   part: int | None = None) -> list[VerticalVideo]:
    """The vertical videos of one article version (all parts, or part `part`), under LOA_HOME/media/shorts.

    The channels' threads of one pass ask at once: the first renders, the others find its files."""
    with _RENDERING[version_id]:
        return _version_videos(rt, version_id, code=code, part=part)


def _version_videos(rt: Runtime, version_id: int, *, code: str | None, part: int | None) -> list[VerticalVideo]:
    from app.production.audio import clip_tags  # the audio stack loads only here

    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        version = session.get(ArticleVersion, version_id)
        if version is None or version.article.commune_id != commune.id:
            raise MediaError("production.no_version", version_id=version_id, commune=commune.code)
        title, body = version.title, version.body
        tags = clip_tags(version, commune.name, plan.tz)
        frame = Frame(commune=commune.name, title=title)
        recorded = _recording(rt, session, version_id)
        own = readings_of(session, commune)
    with commune_readings(own):  # the commune's own readings, in the clip and in the captions
        return _made_videos(rt, frame, title, body, tags, plan, recorded, part)


def _made_videos(rt: Runtime, frame: Frame, title: str, body: str, tags: dict[str, str], plan: Plan,
                 recorded: tuple[Path, float] | None, part: int | None) -> list[VerticalVideo]:
    from app.production.audio import render
    from media.speech.speakable import spoken_paragraphs

    if recorded is not None:  # a person's reading goes out instead of the voice
        path, seconds = recorded
        return render_parts(frame, _recorded_parts(title, body, seconds), path, rt.settings.dir("media", "shorts"),
                            only=part)
    clip = render(rt, spoken_paragraphs(title, body), plan=plan, tags=tags)
    parts: list[Part] = plan_parts(article_lines(title, body), clip.pieces, clip.duration_s,
                                   _read(clip, spoken_paragraphs(title, body)))
    return render_parts(frame, parts, clip.path, rt.settings.dir("media", "shorts"), only=part)


def known_parts(rt: Runtime, version_id: int, *, code: str | None = None) -> list[Part] | None:
    """The version's parts when its clip was made already (no voice speaks, nothing is rendered), else None."""
    from app.production.audio import clip_tags

    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        version = session.get(ArticleVersion, version_id)
        if version is None or version.article.commune_id != commune.id:
            return None
        title, body, tags = version.title, version.body, clip_tags(version, commune.name, plan.tz)
        recorded = _recording(rt, session, version_id)
        own = readings_of(session, commune)
    with commune_readings(own):
        return _known_parts(rt, title, body, tags, plan, recorded)


def _known_parts(rt: Runtime, title: str, body: str, tags: dict[str, str], plan: Plan,
                 recorded: tuple[Path, float] | None) -> list[Part] | None:
    from app.production.audio import made_clip, stored_keys
    from app.voices.choice import voice_for
    from media.speech.speakable import spoken_paragraphs

    if recorded is not None:
        return _recorded_parts(title, body, recorded[1])
    try:
        voice = voice_for(rt.settings, plan, stored=stored_keys(rt, plan))
        clip = made_clip(rt.settings, spoken_paragraphs(title, body), plan=plan, tags=tags, voice=voice)
    except MediaError:
        return None
    if clip is None:
        return None
    paragraphs = spoken_paragraphs(title, body)
    return plan_parts(article_lines(title, body), clip.pieces, clip.duration_s, _read(clip, paragraphs))


def _recording(rt: Runtime, session: Session, version_id: int) -> tuple[Path, float] | None:
    """The version's recording by a person (its file and seconds), or None."""
    from app.recordings.attach import recording_of

    row = recording_of(session, version_id)
    return (rt.settings.home / row.path, row.duration_s) if row is not None else None


def _recorded_parts(title: str, body: str, seconds: float) -> list[Part]:
    """A recording has no piece timings: its captions share the speech between its jingles by characters."""
    from media.radio.master import speech_span
    from media.radio.settings import MasteringSettings
    from media.speech.speakable import spoken_paragraphs

    spoken = " ".join(spoken_paragraphs(title, body))
    return plan_parts(article_lines(title, body), [speech_span(seconds, MasteringSettings())], seconds, [spoken])


def _read(clip: Clip, paragraphs: list[str]) -> list[str]:
    """The text of each piece the clip's voice was sent (a cloud voice packs Loa's chunks together)."""
    from media.speech.pieces import pieces_for

    return [piece.text for piece in pieces_for(clip.engine_used, paragraphs)]


def article_videos(rt: Runtime, article_id: int, *, part: int | None = None) -> list[VerticalVideo]:
    """`loa article video ID`: the videos of the article's latest version."""
    with rt.tx() as session:
        commune = rt.commune(session)
        version_id = articles.get(session, article_id, commune=commune).current.id
        code = commune.code
    return version_videos(rt, version_id, code=code, part=part)


def copy_out(videos: list[VerticalVideo], output: Path, *, numbered: bool) -> list[Path]:
    """Each video to `output` (or `stem-N.mp4` when several parts), its WebVTT beside it (`.vtt`)."""
    written = []
    for video in videos:
        target = output.with_name(f"{output.stem}-{video.part.number}{output.suffix or '.mp4'}") if numbered \
            else output
        target.parent.mkdir(parents=True, exist_ok=True)
        for source, dest in ((video.video, target), (video.captions, target.with_suffix(".vtt"))):
            tmp = dest.with_name(f".{dest.name}.part")
            tmp.write_bytes(source.read_bytes())
            tmp.replace(dest)
        written.append(target)
    return written
