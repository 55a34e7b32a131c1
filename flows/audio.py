"""From an article's text to a mastered clip: split, normalize to the spoken form, render. No Prefect.

Only settings are needed (no database): `loa speak` re-rendering an unchanged text stays light.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from media.errors import SpeechError
from media.speech.normalize import to_spoken
from media.speech.render import Clip, MasteringSettings, VoiceSettings, made_clip, render_clip

if TYPE_CHECKING:
    from flows.runtime import Runtime
    from flows.settings import Settings
    from schedules.plan import Plan
    from storage.models import ArticleVersion


def voice_for(settings: Settings, plan: Plan | None) -> VoiceSettings:
    speech = plan.speech if plan else None
    engine = settings.tts_engine or (speech.engine if speech else "auto")
    return VoiceSettings(engine=engine, voice=speech.voice if speech else "vi", rate=speech.rate if speech else None)


def clip_tags(version: ArticleVersion, commune_name: str, tz: tzinfo) -> dict[str, str]:
    """The MP3 tags of a version's clip (part of its cache key: the same tags find the same clip again)."""
    return {"title": version.title, "artist": version.article.unit.name, "album": commune_name,
            "date": (version.approved_at or version.created_at).astimezone(tz).date().isoformat()}


def render(rt: Runtime | Settings, paragraphs: list[str], *, plan: Plan | None, tags: Mapping[str, str]) -> Clip:
    """The clip of spoken paragraphs; `rt` is the runtime, or only its settings (no database is needed)."""
    settings: Settings = getattr(rt, "settings", rt)  # type: ignore[assignment]
    if not paragraphs:
        raise SpeechError("nothing to say: the text is empty after normalization")
    return render_clip(
        paragraphs, voice=voice_for(settings, plan), mastering=MasteringSettings(),
        cache_dir=settings.dir("cache", "tts"), out_dir=settings.dir("media"), tags=tags,
    )


def made(rt: Runtime | Settings, paragraphs: list[str], *, plan: Plan | None, tags: Mapping[str, str]) -> Clip | None:
    """The clip `render` would give if it was made before, else None: nothing is spoken."""
    settings: Settings = getattr(rt, "settings", rt)  # type: ignore[assignment]
    return made_clip(paragraphs, voice=voice_for(settings, plan), mastering=MasteringSettings(),
                     cache_dir=settings.dir("cache", "tts"), out_dir=settings.dir("media"), tags=tags)


def render_text(settings: Settings, text: str, *, output: Path, plan: Plan | None = None) -> Clip:
    """`loa speak`: the whole text as one clip, copied to `output`."""
    lines = [line for line in text.splitlines() if line.strip()]
    paragraphs = [p for p in (to_spoken(line).strip() for line in lines) if p]
    clip = render(settings, paragraphs, plan=plan, tags={"title": lines[0][:120] if lines else "Loa"})
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.part")
    shutil.copyfile(clip.path, tmp)
    tmp.replace(output)
    return clip
