"""The voices on the desk: which voice read a clip (beside *Nghe thử*), one paragraph in each voice of an
engine side by side before choosing, and (for an admin) this month's characters against the budget."""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, Response

from app.lexicon import speaking
from app.voices.catalogue import engine_lines
from app.voices.choice import voice_for
from app.voices.heard import heard_line, voice_label
from app.voices.usage import usage
from desk import vi
from desk.guard import Reader, Writer
from desk.web import desk_of
from media.errors import MediaError
from media.speech.engines import chain
from media.speech.voices import PROVIDERS
from storage.models import ArticleVersion, AudioClip

SAMPLE = ("Ủy ban nhân dân xã thông báo: từ ngày mười lăm tháng ba, bà con có thể nộp hồ sơ trực tuyến "
          "trên Cổng dịch vụ công quốc gia, không phải đến trụ sở.")
MAX_SAMPLE_CHARS = 500
_SHA = re.compile(r"[0-9a-f]{64}")


def listen_tags(title: str) -> dict[str, str]:
    """The tags of a clip the desk renders for listening (the same ones find and render use)."""
    return {"title": title[:120]}


def voice_line(desk: Any, session: Any, plan: Any, version: ArticleVersion) -> str:
    """Who read (or will read) the version's clip, for the line under *Nghe thử*."""
    from app.production.audio import made_clip
    from media.speech.speakable import spoken_paragraphs

    chosen = voice_for(desk.rt.settings, plan)
    row = session.query(AudioClip).filter(AudioClip.article_version_id == version.id).one_or_none()
    if row is not None:
        return heard_line(row.engine, row.voice, row.speed, chosen=chosen.engine, duration_s=row.duration_s)
    try:
        with speaking(session, desk.rt.commune(session, plan.commune.code)):  # as produce_audio said it
            paragraphs = spoken_paragraphs(version.title, version.body)
        clip = made_clip(desk.rt.settings, paragraphs, plan=plan, tags=listen_tags(version.title))
    except MediaError:
        return ""
    if clip is None:
        engine, voice_id = chain(chosen)[0]  # the voice ids the engine really uses (its default for "vi")
        return heard_line(None, voice_id, chosen.speed, chosen=engine)
    return heard_line(clip.engine_used, clip.voice, clip.speed, chosen=chosen.engine)


def _context(request: Request, ctx: Any) -> dict[str, Any]:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        plan = desk.plan(commune)
    from app.production.audio import stored_keys

    stored = stored_keys(desk.rt, plan)
    lines = [line for line in engine_lines(desk.rt.settings, plan, check=False, stored=stored) if line.configured]
    rows = usage(desk.rt.settings, plan) if ctx.has("admin") else []
    chosen = voice_for(desk.rt.settings, plan)
    return {"ctx": ctx, "engines": lines, "usage": rows, "plan": plan, "tz": commune.timezone,
            "chosen": voice_label(chosen.engine, chosen.voice, chosen.speed), "sample": SAMPLE, "samples": [],
            "engine": "", "stored": stored}


def index(request: Request, ctx: Writer) -> Response:
    return desk_of(request).page(request, "voices/index.html", _context(request, ctx))


async def samples(request: Request, ctx: Writer) -> Response:
    form = await request.form()
    text, engine = str(form.get("doan", "")).strip(), str(form.get("giong", ""))
    return await run_in_threadpool(_samples, request, ctx, text, engine)


def _samples(request: Request, ctx: Any, text: str, engine: str) -> Response:
    from dataclasses import replace

    from app.production.audio import render_text

    desk = desk_of(request)
    context = _context(request, ctx) | {"sample": text, "engine": engine}
    configured = {line.engine for line in context["engines"]}
    problem = ("Nhập một đoạn văn để nghe thử." if not text else
               f"Đoạn nghe thử dài tối đa {MAX_SAMPLE_CHARS} ký tự." if len(text) > MAX_SAMPLE_CHARS else
               "Chọn một giọng đã cài đặt." if engine not in configured else "")
    if problem:
        return desk.page(request, "voices/index.html", context | {"problem": problem}, 400)
    base = voice_for(desk.rt.settings.replace(tts_engine=engine), context["plan"], stored=context["stored"])
    heard = []
    for voice in PROVIDERS[engine].voices:  # one voice each, no fallback: what is heard is that voice
        chosen = replace(base, voice=voice.id, fallback=())
        try:
            clip = render_text(desk.rt, text, output=desk.rt.settings.dir("cache", "samples") / "last.mp3",
                               plan=context["plan"], voice=chosen)
            heard.append({"label": voice_label(engine, voice.id), "sha": clip.sha256, "error": ""})
        except MediaError as exc:
            heard.append({"label": voice_label(engine, voice.id), "sha": "", "error": vi.reason(exc)})
    return desk.page(request, "voices/index.html", context | {"samples": heard})


def sample_audio(request: Request, ctx: Reader, sha: str) -> Response:
    desk = desk_of(request)
    path = desk.rt.settings.home / "media" / f"{sha}.mp3"
    if not _SHA.fullmatch(sha) or not path.is_file():
        return desk.page(request, "error.html", {"ctx": ctx, "status": 404, "message": "Không có tệp âm thanh này."},
                         404)
    return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "private, max-age=3600"})
