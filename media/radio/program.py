"""One radio program: intro, the clips with a pause between them, outro, as one MP3 file with its M3U
and manifest.

The clips are already mastered MP3s; the program is their frames joined as they are (tags left out),
streamed clip by clip into the file, so an hour of program costs a few seconds and the memory of
one clip, never an hour of PCM. A clip in another format (an older sample rate) is converted alone
by ffmpeg, file to file. What the items are is decided before (schedules.radio_fit); here a clip that
is missing or unreadable is skipped and reported, and nothing ever runs past the slot.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from media.errors import AudioError, MediaError
from media.files import temp_path
from media.radio.mp3frames import Scan, scan
from media.radio.parts import ProgramParts
from media.radio.playlist import write_m3u, write_manifest
from media.radio.tags import write_tags

PROGRAM_FILE, PLAYLIST_FILE, MANIFEST_FILE = "program.mp3", "program.m3u", "manifest.json"


@dataclass(frozen=True)
class ProgramItem:
    path: Path
    title: str
    key: str = ""  # what the caller knows it by (pub:12, evergreen:7, lang:hmn:pub:12)
    language: str = "vi"  # ISO 639-3 of what is spoken (schedules.languages)


@dataclass(frozen=True)
class ProgramEntry:
    title: str
    path: Path
    duration_s: float
    start_s: float
    key: str = ""
    language: str = "vi"


@dataclass(frozen=True)
class Program:
    mp3_path: Path
    m3u_path: Path
    manifest_path: Path
    sha256: str
    duration_s: float
    slot_s: float
    entries: tuple[ProgramEntry, ...]
    left_over: tuple[ProgramItem, ...]  # did not fit after all (a clip longer than recorded)
    skipped: tuple[tuple[ProgramItem, str], ...] = field(default=())  # missing or unreadable, with the reason

    @property
    def fits(self) -> bool:
        return not self.left_over and self.duration_s <= self.slot_s


def build_program(items: Sequence[ProgramItem], *, title: str, slot_s: float, out_dir: Path, parts: ProgramParts,
                  tags: Mapping[str, str] | None = None, extra: Mapping[str, Any] | None = None) -> Program:
    """Write program.mp3, program.m3u and manifest.json into `out_dir`, each atomically."""
    out_dir = Path(out_dir)
    outro_at = None
    entries: list[ProgramEntry] = []
    left_over: list[ProgramItem] = []
    skipped: list[tuple[ProgramItem, str]] = []
    tmp = temp_path(out_dir, ".mp3")
    converted: list[Path] = []
    try:
        digest = hashlib.sha256()
        with tmp.open("wb") as out:
            head = _tag_bytes(out_dir, {"title": title, **(tags or {})})
            out.write(head)
            digest.update(head)
            fmt = scan(parts.pause.path.read_bytes()).format if parts.pause.path else None  # the program's format
            if parts.intro.path:
                _append(out, digest, parts.intro.path, fmt)
            cursor = parts.intro.duration_s
            for item in items:
                try:
                    data = Path(item.path).read_bytes()
                    audio = scan(data, name=str(item.path))
                except (OSError, MediaError) as exc:
                    skipped.append((item, _reason(item.path, exc)))
                    continue
                if fmt is not None and audio.format != fmt:
                    converted.append(_convert(item.path, fmt, out_dir))
                    data = converted[-1].read_bytes()
                    audio = scan(data, name=str(item.path))
                gap = parts.pause.duration_s if entries else 0.0
                if cursor + gap + audio.duration_s + parts.outro.duration_s > slot_s:
                    left_over.append(item)
                    continue
                if entries and parts.pause.path:
                    _append(out, digest, parts.pause.path, fmt)
                fmt = _write(out, digest, data, audio, fmt)
                del data
                entries.append(ProgramEntry(item.title, Path(item.path), audio.duration_s, round(cursor + gap, 3),
                                            item.key, item.language))
                cursor += gap + audio.duration_s
            if not entries:
                why = "; ".join(reason for _, reason in skipped) or "none of the clips fits the slot"
                raise AudioError("radio.program_empty", title=title, why_en=why)
            outro_at = cursor
            if parts.outro.path:
                _append(out, digest, parts.outro.path, fmt)
                cursor += parts.outro.duration_s
            out.flush()
            os.fsync(out.fileno())
        mp3_path = out_dir / PROGRAM_FILE
        os.replace(tmp, mp3_path)
    finally:
        tmp.unlink(missing_ok=True)
        for path in converted:
            path.unlink(missing_ok=True)
    m3u_path = write_m3u(out_dir / PLAYLIST_FILE, [(PROGRAM_FILE, cursor, title)])
    manifest = {
        "title": title, "slot_s": slot_s, "program": PROGRAM_FILE, "sha256": digest.hexdigest(),
        "total_s": round(cursor, 3), "outro_at_s": round(outro_at, 3), "fits": not left_over and cursor <= slot_s,
        **(extra or {}),
        "items": [{"key": e.key, "title": e.title, "path": str(e.path), "duration_s": round(e.duration_s, 3),
                   "start_s": e.start_s, "language": e.language} for e in entries],
        "left_over": [{"key": i.key, "title": i.title, "path": str(i.path)} for i in left_over],
        "skipped": [{"key": i.key, "title": i.title, "path": str(i.path), "reason": r} for i, r in skipped],
    }
    manifest_path = write_manifest(out_dir / MANIFEST_FILE, manifest)
    return Program(mp3_path, m3u_path, manifest_path, digest.hexdigest(), cursor, slot_s, tuple(entries),
                   tuple(left_over), tuple(skipped))


def _write(out: BinaryIO, digest: Any, data: bytes, audio: Scan, fmt: tuple[int, int, int] | None
           ) -> tuple[int, int, int]:
    view = memoryview(data)
    for start, end in audio.segments:
        out.write(view[start:end])
        digest.update(view[start:end])
    return fmt or audio.format


def _append(out: BinaryIO, digest: Any, path: Path, fmt: tuple[int, int, int] | None) -> tuple[int, int, int]:
    data = path.read_bytes()
    audio = scan(data, name=str(path))
    if fmt is not None and audio.format != fmt:
        raise AudioError("radio.part_format", path=path)
    return _write(out, digest, data, audio, fmt)


def _convert(path: Path, fmt: tuple[int, int, int], out_dir: Path) -> Path:
    """A clip in another format, re-encoded alone into the program's (file to file, in ffmpeg)."""
    from media.radio import _ffmpeg

    _, rate, channels = fmt
    target = temp_path(out_dir, ".mp3")
    _ffmpeg.run(["-y", "-i", str(path), "-c:a", "libmp3lame", "-b:a", "64k", "-ar", str(rate), "-ac", str(channels),
                 "-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3", str(target)])
    return target


def _tag_bytes(out_dir: Path, tags: Mapping[str, str]) -> bytes:
    """The program's ID3v2 tag, made on an empty file so it can be written first."""
    holder = temp_path(out_dir, ".id3")
    try:
        write_tags(holder, tags)
        return holder.read_bytes()
    finally:
        holder.unlink(missing_ok=True)


def _reason(path: Path, exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"clip {path} is missing on disk"
    if isinstance(exc, OSError):
        return f"clip {path} cannot be read ({exc.strerror or exc})"
    return f"clip {path}: {exc}"
