"""The short pieces a program is joined from besides its clips: intro (jingle, then a gap), the pause
between clips, outro (a gap, then the jingle), encoded once as MP3 in the program's format and kept
in a cache folder, so assembling a program never decodes or re-encodes the clips themselves.

Jingles sit a little under the voice: the clips are mastered to `target_lufs`, the jingles to
`JINGLE_UNDER_SPEECH_LU` below it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from media.errors import AudioError
from media.files import sha256_file, temp_path
from media.radio.mp3frames import scan
from media.radio.settings import MasteringSettings

if TYPE_CHECKING:  # numpy and the mastering stack load only when a part has to be made (once per cache)
    import numpy as np

BETWEEN_CLIPS_MS = 1_200
PART_RATE = 22_050


@dataclass(frozen=True)
class Part:
    path: Path | None  # None: nothing (jingles off)
    duration_s: float


@dataclass(frozen=True)
class ProgramParts:
    intro: Part
    pause: Part
    outro: Part


def program_parts(cache_dir: Path, settings: MasteringSettings) -> ProgramParts:
    """Intro, pause and outro for `settings` (jingle files, loudness, format), from the cache or made now."""
    intro = _part(cache_dir, settings, "intro") if settings.jingles else Part(None, 0.0)
    outro = _part(cache_dir, settings, "outro") if settings.jingles else Part(None, 0.0)
    return ProgramParts(intro, _part(cache_dir, settings, "pause"), outro)


def _part(cache_dir: Path, settings: MasteringSettings, kind: str) -> Part:
    source = settings.intro_jingle if kind == "intro" else settings.outro_jingle if kind == "outro" else None
    if source is not None and not Path(source).is_file():
        raise AudioError("radio.bad_jingle", kind=kind, source=source)
    key = json.dumps({"kind": kind, "v": 1, "source": sha256_file(Path(source)) if source else None,
                      "lufs": settings.target_lufs, "bitrate": settings.bitrate, "rate": settings.sample_rate})
    path = cache_dir / f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.mp3"
    if not path.is_file():
        _encode(_pcm(kind, source, settings), settings, path)
    return Part(path, scan(path.read_bytes(), name=str(path)).duration_s)


def _pcm(kind: str, source: Path | None, settings: MasteringSettings) -> np.ndarray:
    import numpy as np

    from media.radio.jingles import jingle
    from media.radio.loudness import integrated_lufs, true_peak_db
    from media.radio.master import JINGLE_GAP_MS, JINGLE_UNDER_SPEECH_LU
    from media.radio.pauses import silence

    if kind == "pause":
        return silence(BETWEEN_CLIPS_MS, PART_RATE)
    music = jingle(source, PART_RATE, outro=kind == "outro")
    level = integrated_lufs(music, PART_RATE)
    if np.isfinite(level):
        gain_db = settings.target_lufs - JINGLE_UNDER_SPEECH_LU - level
        gain_db = min(gain_db, settings.true_peak_db - 1.0 - true_peak_db(music, PART_RATE))
        music = music * np.float32(10 ** (gain_db / 20))
    gap = silence(JINGLE_GAP_MS, PART_RATE)
    return np.concatenate([music, gap] if kind == "intro" else [gap, music])


def _encode(pcm: np.ndarray, settings: MasteringSettings, path: Path) -> None:
    import numpy as np

    from media.radio import _ffmpeg

    tmp = temp_path(path.parent, ".mp3")
    try:
        _ffmpeg.run(["-y", "-f", "f32le", "-ac", "1", "-ar", str(PART_RATE), "-i", "pipe:0", "-c:a", "libmp3lame",
                     "-b:a", settings.bitrate, "-ac", "1", "-ar", str(settings.sample_rate), "-map_metadata", "-1",
                     "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3", str(tmp)],
                    stdin=np.ascontiguousarray(pcm, dtype=np.float32).tobytes())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
