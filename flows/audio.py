"""From an article's text to a mastered clip: split, normalize to the spoken form, render. No Prefect.

Only settings are needed (no database): `loa speak` re-rendering an unchanged text stays light.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from app.voices.choice import voice_for
from app.voices.usage import ledger
from media.errors import SpeechError
from media.speech.normalize import to_spoken
from media.speech.render import Clip, MasteringSettings, VoiceSettings, find_clip, render_clip

if TYPE_CHECKING:
    from flows.runtime import Runtime
    from flows.settings import Settings
    from schedules.plan import Plan


def render(rt: Runtime | Settings, paragraphs: list[str], *, plan: Plan | None, tags: Mapping[str, str],
           voice: VoiceSettings | None = None) -> Clip:
    """The clip of spoken paragraphs; `rt` is the runtime, or only its settings (no database is needed).

    The voice is the plan's (settings over it) unless given; paid voices' characters go to the usage ledger."""
    settings: Settings = getattr(rt, "settings", rt)  # type: ignore[assignment]
    if not paragraphs:
        raise SpeechError("nothing to say: the text is empty after normalization")
    return render_clip(
        paragraphs, voice=voice or voice_for(settings, plan), mastering=MasteringSettings(),
        cache_dir=settings.dir("cache", "tts"), out_dir=settings.dir("media"), tags=tags,
        usage=ledger(settings, plan),
    )


def made_clip(settings: Settings, paragraphs: list[str], *, plan: Plan | None, tags: Mapping[str, str],
              voice: VoiceSettings | None = None) -> Clip | None:
    """The clip `render` would hand back without making one (which voice read it), or None."""
    if not paragraphs:
        return None
    return find_clip(paragraphs, voice=voice or voice_for(settings, plan), mastering=MasteringSettings(),
                     cache_dir=settings.home / "cache" / "tts", out_dir=settings.home / "media", tags=tags)


def render_text(settings: Settings, text: str, *, output: Path, plan: Plan | None = None,
                voice: VoiceSettings | None = None) -> Clip:
    """`loa speak`: the whole text as one clip, copied to `output`."""
    lines = [line for line in text.splitlines() if line.strip()]
    paragraphs = [p for p in (to_spoken(line).strip() for line in lines) if p]
    clip = render(settings, paragraphs, plan=plan, tags={"title": lines[0][:120] if lines else "Loa"}, voice=voice)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.part")
    shutil.copyfile(clip.path, tmp)
    tmp.replace(output)
    return clip
