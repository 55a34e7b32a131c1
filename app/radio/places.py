"""Where a radio program is built and delivered, and what it is joined from (the slot's jingles).

    LOA_HOME/programs/<commune>/<slot>/<day>/    built here (program.mp3, program.m3u, manifest.json)
    <LOA_RADIO_DROP_DIR or LOA_HOME/radio/<commune>>/<slot>/<day>/    the station player's copy

The default drop folder is per commune. An installation from before (its programs in
LOA_HOME/radio/<slot>/<day>/) keeps that layout for the commune whose programs are there, so its station
player finds the next one where it found the last; every other commune gets its own folder. An address
set by hand (drop folder, Icecast mount, upload URL) must hold {commune} once the installation serves
more than one commune: two communes never share a folder, a mount or a URL.

<day> is YYYY-MM-DD, or YYYY-MM-DD-HHMM when the slot airs more than once that day (and always for
an emergency broadcast).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app.settings import Settings
from media.errors import AudioError
from media.radio.parts import ProgramParts, program_parts
from media.radio.program import MANIFEST_FILE
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
    shared = settings.home / "radio"
    return shared if commune in legacy_owners(shared) else shared / commune


_legacy: dict[Path, tuple[int, frozenset[str]]] = {}  # root -> (its mtime, the owners found then)


def legacy_owners(root: Path) -> frozenset[str]:
    """The communes whose programs sit in `root`/<slot>/<day>/ (the layout before drop folders were per
    commune): the newest manifest of each slot folder says whose it is. The per-commune layout has its
    manifests a level deeper, so it never counts here. Read again only when `root` itself changes (a folder
    added or removed in it), so a province's thousands of commune folders are not listed at every pass."""
    try:
        stamp = root.stat().st_mtime_ns
    except OSError:
        return frozenset()
    known = _legacy.get(root)
    if known is None or known[0] != stamp:
        _legacy[root] = known = (stamp, frozenset(_read_owners(root)))
    return known[1]


def _read_owners(root: Path) -> set[str]:
    try:
        slots = [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return set()
    owners = set()
    for slot in slots:
        for manifest in sorted(slot.glob(f"*/{MANIFEST_FILE}"), reverse=True)[:1]:
            try:
                owners.add(str(json.loads(manifest.read_text(encoding="utf-8")).get("commune") or ""))
            except (OSError, ValueError, AttributeError):
                continue
    return owners - {""}


SETTING_OF = {"drop-folder": "LOA_RADIO_DROP_DIR", "icecast": "LOA_ICECAST_URL", "upload": "LOA_RADIO_UPLOAD_URL"}


def shared_address(settings: Settings, outlet: str, communes: int) -> str | None:
    """Why `outlet`'s address cannot serve this installation (None: it can): with more than one commune, an
    address set by hand must hold {commune}. The upload URL without any placeholder gets /{commune}/… added."""
    template = {"drop-folder": settings.radio_drop_dir, "icecast": settings.icecast_url,
                "upload": settings.radio_upload_url}.get(outlet)
    if communes < 2 or not template or "{commune}" in template:
        return None
    if outlet == "upload" and not any(f"{{{k}}}" in template for k in ("slot", "starts")):
        return None
    return (f"{SETTING_OF[outlet]} has no {{commune}} but this installation serves {communes} communes: they would "
            f"share one {'folder' if outlet == 'drop-folder' else 'mount' if outlet == 'icecast' else 'URL'}; "
            f"put {{commune}} in it")


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
        raise InvalidInput("radio.unknown_slot", slot=slug, known=known)
    return slot


def _resolve(path: str | None, home: Path) -> Path | None:
    if not path:
        return None
    candidate = Path(path).expanduser()
    return candidate if candidate.is_absolute() else home / candidate
