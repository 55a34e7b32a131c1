"""From an article's text to a mastered clip: split, normalize to the spoken form, render. No Prefect.

Only settings are needed (no database): `loa speak` re-rendering an unchanged text stays light.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from app.production.clips import clip_tags
from app.voices.choice import voice_for
from app.voices.usage import ledger
from media.errors import SpeechError
from media.files import write_atomic
from media.speech.normalize import to_spoken
from media.speech.render import Clip, MasteringSettings, VoiceSettings, find_clip, render_clip

__all__ = ["clip_tags", "made_clip", "render", "render_text", "settings_of", "stored_keys"]

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.settings import Settings
    from media.secret import Secret
    from schedules.plan import Plan


def render(rt: Runtime | Settings, paragraphs: list[str], *, plan: Plan | None, tags: Mapping[str, str],
           voice: VoiceSettings | None = None) -> Clip:
    """The clip of spoken paragraphs; `rt` is the runtime, or only its settings (no database is needed).

    The voice is the plan's (settings over it) unless given; paid voices' characters go to the usage ledger."""
    settings = settings_of(rt)
    if not paragraphs:
        raise SpeechError("speech.nothing_to_say")
    if voice is None:
        voice = voice_for(settings, plan, stored=stored_keys(rt, plan))
    return render_clip(
        paragraphs, voice=voice, mastering=MasteringSettings(),
        cache_dir=settings.dir("cache", "tts"), out_dir=settings.dir("media"), tags=tags,
        usage=ledger(settings, plan),
    )


def settings_of(rt: Runtime | Settings) -> Settings:
    """The runtime's settings, or the settings given."""
    from app.settings import Settings

    return rt if isinstance(rt, Settings) else rt.settings


def stored_keys(rt: Runtime | Settings, plan: Plan | None) -> dict[str, Secret]:
    """Voice keys stored encrypted for the plan's commune (only with a runtime: a database to read)."""
    from app.settings import Settings

    if plan is None or isinstance(rt, Settings) or not rt.settings.secret_key:
        return {}
    from app.voices.keys import stored_voice_keys

    with rt.tx() as session:
        return stored_voice_keys(rt, session, rt.commune(session, plan.commune.code))


def made_clip(settings: Settings, paragraphs: list[str], *, plan: Plan | None, tags: Mapping[str, str],
              voice: VoiceSettings | None = None) -> Clip | None:
    """The clip `render` would hand back without making one (which voice read it), or None."""
    if not paragraphs:
        return None
    return find_clip(paragraphs, voice=voice or voice_for(settings, plan), mastering=MasteringSettings(),
                     cache_dir=settings.home / "cache" / "tts", out_dir=settings.home / "media", tags=tags)


def render_text(rt: Runtime | Settings, text: str, *, output: Path, plan: Plan | None = None,
                voice: VoiceSettings | None = None) -> Clip:
    """`loa speak`: the whole text as one clip, copied to `output`."""
    lines = [line for line in text.splitlines() if line.strip()]
    paragraphs = [p for p in (to_spoken(line).strip() for line in lines) if p]
    clip = render(rt, paragraphs, plan=plan, tags={"title": lines[0][:120] if lines else "Loa"}, voice=voice)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(output, clip.path.read_bytes())  # a full disk names `output`, and leaves no part behind
    return clip
