"""One radio slot's finished program: intro jingle, the clips with pauses between, outro jingle.

Clips are taken in the order given while they fit the slot; the ones that do not fit are listed as
left over in the manifest, never dropped silently. The program is loudness-normalized like a clip.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from media.errors import AudioError
from media.radio import _ffmpeg
from media.radio.jingles import jingle
from media.radio.master import JINGLE_GAP_MS, finish
from media.radio.pauses import silence
from media.radio.playlist import write_m3u, write_manifest
from media.radio.settings import MasteringSettings

WORKING_RATE = 22_050
BETWEEN_CLIPS_MS = 1_200
PROGRAM_FILE, PLAYLIST_FILE, MANIFEST_FILE = "program.mp3", "program.m3u", "manifest.json"


@dataclass(frozen=True)
class ProgramItem:
    path: Path
    title: str


@dataclass(frozen=True)
class ProgramEntry:
    title: str
    path: Path
    duration_s: float
    start_s: float


@dataclass(frozen=True)
class Program:
    mp3_path: Path
    m3u_path: Path
    manifest_path: Path
    duration_s: float
    slot_s: float
    fits: bool
    entries: tuple[ProgramEntry, ...]
    left_over: tuple[ProgramItem, ...]
    lufs: float
    true_peak_db: float


def _parts(mastering: MasteringSettings) -> tuple[np.ndarray, np.ndarray]:
    if not mastering.jingles:
        return np.zeros(0, np.float32), np.zeros(0, np.float32)
    gap = silence(JINGLE_GAP_MS, WORKING_RATE)
    intro = np.concatenate([jingle(mastering.intro_jingle, WORKING_RATE, outro=False), gap])
    outro = np.concatenate([gap, jingle(mastering.outro_jingle, WORKING_RATE, outro=True)])
    return intro, outro


def build_program(
    items: Sequence[ProgramItem], *, title: str, slot_minutes: int, out_dir: Path, mastering: MasteringSettings
) -> Program:
    """Write program.mp3, program.m3u and manifest.json into `out_dir` (each atomically)."""
    out_dir = Path(out_dir)
    intro, outro = _parts(mastering)
    pause = silence(BETWEEN_CLIPS_MS, WORKING_RATE)
    slot_s, used = slot_minutes * 60.0, (len(intro) + len(outro)) / WORKING_RATE
    pieces: list[np.ndarray] = [intro]
    entries: list[ProgramEntry] = []
    left_over: list[ProgramItem] = []
    cursor = len(intro) / WORKING_RATE
    for item in items:
        pcm = _ffmpeg.decode(Path(item.path), WORKING_RATE)
        extra = (len(pause) if entries else 0) / WORKING_RATE
        duration = len(pcm) / WORKING_RATE
        if used + extra + duration > slot_s:
            left_over.append(item)
            continue
        if entries:
            pieces.append(pause)
        entries.append(ProgramEntry(item.title, Path(item.path), duration, round(cursor + extra, 3)))
        pieces.append(pcm)
        used, cursor = used + extra + duration, cursor + extra + duration
    if not entries:
        raise AudioError(
            f"no clip fits the {slot_minutes}-minute slot {title!r}; give it a longer slot or shorter clips"
        )
    done = finish(np.concatenate([*pieces, outro]), WORKING_RATE, mastering, {"title": title}, out_dir)
    mp3_path = out_dir / PROGRAM_FILE
    os.replace(done.path, mp3_path)
    m3u_path = write_m3u(out_dir / PLAYLIST_FILE, [(PROGRAM_FILE, done.duration_s, title)])
    fits = not left_over and done.duration_s <= slot_s
    manifest = {
        "title": title, "slot_minutes": slot_minutes, "program": PROGRAM_FILE, "sha256": done.sha256,
        "total_s": round(done.duration_s, 3), "fits": fits, "lufs": round(done.lufs, 2),
        "true_peak_db": round(done.true_peak_db, 2),
        "items": [{"title": e.title, "path": str(e.path), "duration_s": round(e.duration_s, 3),
                   "start_s": e.start_s} for e in entries],
        "left_over": [{"title": i.title, "path": str(i.path)} for i in left_over],
    }
    manifest_path = write_manifest(out_dir / MANIFEST_FILE, manifest)
    return Program(mp3_path, m3u_path, manifest_path, done.duration_s, slot_s, fits, tuple(entries),
                   tuple(left_over), done.lufs, done.true_peak_db)
