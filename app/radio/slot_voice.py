"""A radio slot with its own reader (`voice:` in the slot): each item of its program read again in that
voice; a person's recording stays as it is. The clip is rendered through the same caches as the article's
own clip, so a program rebuilt with the same items sends nothing again; an item no voice of the chain can
read keeps the commune's clip, with an alert."""

from __future__ import annotations

from app.lexicon import speaking
from app.notify import alert
from app.recordings.attach import recording_of
from app.runtime import Runtime
from app.voices.choice import voice_for
from media.errors import SpeechError
from media.radio.program import ProgramItem
from media.speech.speakable import spoken_paragraphs
from schedules.plan import Plan, RadioSlot
from storage.models import ArticleVersion


def revoiced(rt: Runtime, *, plan: Plan, slot: RadioSlot, items: list[tuple[ProgramItem, int]],
             label: str) -> list[ProgramItem]:
    """`items` (each with its article version id) with clips in the slot's voice; unchanged without one."""
    if slot.voice is None:
        return [item for item, _ in items]
    from app.production.audio import render  # the audio stack: only for a slot that has its own reader

    voice = voice_for(rt.settings, plan, slot)
    out: list[ProgramItem] = []
    for item, version_id in items:
        with rt.tx() as session:
            version = session.get(ArticleVersion, version_id)
            assert version is not None
            if recording_of(session, version_id) is not None:  # a person's reading is never read over
                out.append(item)
                continue
            with speaking(session, rt.commune(session, plan.commune.code)):
                paragraphs = spoken_paragraphs(version.title, version.body)
            tags = {"title": version.title, "artist": version.article.unit.name, "album": plan.commune.name}
        try:
            clip = render(rt, paragraphs, plan=plan, tags=tags, voice=voice)
        except SpeechError as exc:
            alert(rt.settings, kind="radio.slot-voice", commune=plan.commune.code, slot=slot.slug,
                  message=f"{label}: {item.title!r} kept the commune's voice: {exc}")
            out.append(item)
            continue
        for warning in clip.warnings:
            alert(rt.settings, kind="radio.slot-voice", commune=plan.commune.code, slot=slot.slug,
                  message=f"{label}: {item.title!r}: {warning}")
        out.append(ProgramItem(clip.path, item.title, item.key))
    return out
