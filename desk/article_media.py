"""What an editor hears and sees of an article before it goes out: its clip as the loudspeakers will play it,
the clip of a text not saved yet, and its short vertical videos with their captions (made on first asking,
one render at a time per text)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from fastapi import Request
from starlette.responses import FileResponse, Response

from app.articles import draft_audio
from app.lexicon import readings_of
from desk.guard import Reader, Writer
from desk.voices import listen_tags
from desk.web import desk_of
from media.errors import MediaError
from media.speech.normalize import commune_readings
from storage import articles
from storage.models import AudioClip

if TYPE_CHECKING:
    from media.video.vertical import VerticalVideo

_render_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def listen(request: Request, ctx: Reader, article_id: int, phien_ban: int = 0) -> Response:
    """The clip of a version as the loudspeakers will play it: the produced clip when there is one, else
    rendered now (cached by content, so listening again costs nothing)."""
    from app.production.audio import render
    from media.speech.speakable import spoken_paragraphs

    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        article = articles.get(session, article_id, commune=commune)
        version = next((v for v in article.versions if v.number == phien_ban), article.current)
        produced = session.query(AudioClip).filter(AudioClip.article_version_id == version.id).one_or_none()
        path = desk.rt.settings.home / produced.path if produced else None
        with commune_readings(readings_of(session, commune)):  # as produce_audio will say it
            paragraphs = spoken_paragraphs(version.title, version.body)
        title, key = version.title, version.content_hash
        plan = desk.plan(commune)
    if path is None or not path.is_file():
        with _lock_for(key):
            path = render(desk.rt, paragraphs, plan=plan, tags=listen_tags(title)).path
    return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "private, max-age=3600"})


def short_video(request: Request, ctx: Reader, article_id: int, phan: int, phien_ban: int = 0) -> Response:
    """Part `phan` of the version's vertical video (TikTok, Reels, Shorts), made now if it is not made yet."""
    made = _short(request, ctx, article_id, phan, phien_ban)
    return FileResponse(made.video, media_type="video/mp4", headers={"Cache-Control": "private, max-age=3600"})


def short_captions(request: Request, ctx: Reader, article_id: int, phan: int, phien_ban: int = 0) -> Response:
    made = _short(request, ctx, article_id, phan, phien_ban)
    return FileResponse(made.captions, media_type="text/vtt; charset=utf-8",
                        headers={"Cache-Control": "private, max-age=3600"})


def _short(request: Request, ctx: Reader, article_id: int, part: int, number: int) -> VerticalVideo:
    from app.production.video import version_videos

    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        article = articles.get(session, article_id, commune=commune)
        version = next((v for v in article.versions if v.number == number), article.current)
        version_id, code = version.id, commune.code
    if not 1 <= part <= 999:
        raise MediaError("video.no_part_from_one", part=part)
    return version_videos(desk.rt, version_id, code=code, part=part)[0]


def listen_draft(request: Request, ctx: Writer, key: str) -> Response:
    """The clip of a text being written, not saved yet (app.articles.draft_audio)."""
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        plan, own = desk.plan(commune), readings_of(session, commune)
    name = key.removesuffix(".mp3")
    with _lock_for(name), commune_readings(own):
        path = draft_audio.clip(desk.rt.settings, person_id=ctx.person_id, key=name, plan=plan)
    return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "private, max-age=3600"})


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        return _render_locks.setdefault(key, threading.Lock())
