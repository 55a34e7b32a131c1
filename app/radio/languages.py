"""A slot's language sequence (`languages: [vi, hmn]`): each item is played in its own language, then in every
listed language that has an approved recording; an item whose translation is missing is played alone and
named as missing (in the manifest, `loa radio show` and the desk)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from media.radio.program import ProgramItem
from schedules.languages import language_name
from storage import translations

if TYPE_CHECKING:
    from app.radio.fill import Item


@dataclass(frozen=True)
class Spoken:
    """An approved reading of an item in another language."""

    language: str
    title: str
    path: Path
    duration_s: float
    sha256: str


def with_languages(session: Session, items: list[Item], languages: list[str], *, home: Path,
                   gap_s: float, room_s: float) -> list[Item]:
    """`items` with their readings in `languages`, their length counted in so the fill stays within the slot; a
    reading that would make an item longer than the slot (`room_s`) is left out and listed as missing, so an
    item is never kept off the air by its translations."""
    wanted = [code for code in languages if code != "vi"]
    if not wanted or not items:
        return items
    found = translations.approved_readings(session, article_ids={i.article_id for i in items}, languages=wanted)
    out = []
    for item in items:
        spoken, missing, extra = [], [], 0.0
        for code in wanted:
            row = found.get((item.article_id, code))
            path = home / row.audio_path if row is not None and row.audio_path else None
            seconds = (row.duration_s or 0.0) + gap_s if row is not None else 0.0
            if row is None or path is None or not path.is_file() or item.duration_s + extra + seconds > room_s:
                missing.append(code)
                continue
            spoken.append(Spoken(code, row.title, path, row.duration_s or 0.0, row.audio_sha256 or ""))
            extra += seconds
        out.append(dataclasses.replace(item, spoken=tuple(spoken), missing_languages=tuple(missing),
                                       duration_s=item.duration_s + extra))
    return out


def sequence(item: Item, first: ProgramItem) -> list[ProgramItem]:
    """The item's clip (`first`, perhaps in the slot's voice) and its readings in the slot's other languages."""
    return [first, *(ProgramItem(s.path, f"{s.title} ({language_name(s.language)})", f"lang:{s.language}:{item.key}",
                                 s.language) for s in item.spoken)]


def missing(items: list[Item]) -> list[dict[str, str]]:
    """What the manifest lists as missing: one entry per item and language without an approved recording."""
    return [{"key": i.key, "article": str(i.article_id), "title": i.title, "language": code,
             "language_name": language_name(code)} for i in items for code in i.missing_languages]
