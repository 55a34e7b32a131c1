"""Where a radio program is built and delivered, and what it is joined from (the slot's jingles).

    LOA_HOME/programs/<commune>/<slot>/<day>/    built here (program.mp3, program.m3u, manifest.json)
    <LOA_RADIO_DROP_DIR or LOA_HOME/radio>/<slot>/<day>/    the station player's copy

<day> is YYYY-MM-DD, or YYYY-MM-DD-HHMM when the slot airs more than once that day (and always for
an emergency broadcast).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.settings import Settings
from media.errors import AudioError
from media.radio.parts import ProgramParts, program_parts
from media.radio.settings import MasteringSettings
from schedules.plan import RadioSlot
from schedules.recurrence import day_occurrences
from storage.errors import InvalidInput


def folder_name(slot: RadioSlot | None, start: datetime, tz: ZoneInfo) -> str:
    local = start.astimezone(tz)
    if slot is None:
        return f"{local:%Y-%m-%d-%H%M%S}"
    same_day = day_occurrences(slot.rrule, tz, local.date(), anchor=slot.starts)
    return f"{local:%Y-%m-%d}" if len(same_day) <= 1 else f"{local:%Y-%m-%d-%H%M}"


def build_dir(settings: Settings, commune: str, slot_slug: str, folder: str) -> Path:
    return settings.dir("programs", commune, slot_slug, folder)


def drop_root(settings: Settings, commune: str) -> Path:
    if settings.radio_drop_dir:
        return Path(settings.radio_drop_dir.replace("{commune}", commune))
    return settings.home / "radio"


def drop_dir(settings: Settings, commune: str, slot_slug: str, folder: str) -> Path:
    return drop_root(settings, commune) / slot_slug / folder


def mastering(slot: RadioSlot | None, home: Path) -> MasteringSettings:
    if slot is None:
        return MasteringSettings()
    return MasteringSettings(jingles=slot.jingles, intro_jingle=_resolve(slot.intro_jingle, home),
                             outro_jingle=_resolve(slot.outro_jingle, home))


def parts_for(settings: Settings, slot: RadioSlot | None) -> tuple[ProgramParts, str | None]:
    """The slot's intro, pause and outro; a jingle file that cannot be read falls back to the default chime,
    with the problem returned for an alert."""
    wanted = mastering(slot, settings.home)
    cache = settings.dir("cache", "radio")
    try:
        return program_parts(cache, wanted), None
    except AudioError as exc:
        fallback = dataclasses.replace(wanted, intro_jingle=None, outro_jingle=None)
        return program_parts(cache, fallback), f"{exc}; the default chime is used meanwhile"


def find_slot(slots: list[RadioSlot], slug: str) -> RadioSlot:
    slot = next((s for s in slots if s.slug == slug), None)
    if slot is None:
        known = ", ".join(s.slug for s in slots) or "none"
        raise InvalidInput(f"unknown radio slot {slug!r}; the plan's slots are: {known}")
    return slot


def _resolve(path: str | None, home: Path) -> Path | None:
    if not path:
        return None
    candidate = Path(path).expanduser()
    return candidate if candidate.is_absolute() else home / candidate
