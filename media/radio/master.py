"""The mastering pipeline: trim → pauses → jingles → loudness → encode → tags, into one MP3 file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from media.errors import AudioError
from media.files import publish_content_addressed, temp_path
from media.radio.encode import encode_mastered
from media.radio.jingles import jingle
from media.radio.loudness import integrated_lufs
from media.radio.pauses import join_with_pauses, silence
from media.radio.settings import MasteringSettings
from media.radio.tags import write_tags
from media.radio.trim import trim_silence

JINGLE_GAP_MS = 400
JINGLE_UNDER_SPEECH_LU = 3.0  # jingles sit a little under the voice


@dataclass(frozen=True)
class MasteredFile:
    path: Path
    sha256: str
    duration_s: float
    lufs: float
    true_peak_db: float


def _level_matched(music: np.ndarray, rate: int, speech_lufs: float) -> np.ndarray:
    level = integrated_lufs(music, rate)
    if not (np.isfinite(level) and np.isfinite(speech_lufs)):
        return music
    return music * np.float32(10 ** ((speech_lufs - JINGLE_UNDER_SPEECH_LU - level) / 20))


def with_jingles(body: np.ndarray, rate: int, settings: MasteringSettings) -> np.ndarray:
    """Intro jingle, `body`, outro jingle, each matched to the body's loudness; no-op when jingles are off."""
    if not settings.jingles:
        return body
    speech_lufs = integrated_lufs(body[::4], rate // 4)  # a rough level is enough to sit jingles under it
    intro = _level_matched(jingle(settings.intro_jingle, rate, outro=False), rate, speech_lufs)
    outro = _level_matched(jingle(settings.outro_jingle, rate, outro=True), rate, speech_lufs)
    gap = silence(JINGLE_GAP_MS, rate)
    return np.concatenate([intro, gap, body, gap, outro])


def finish(
    pcm: np.ndarray, rate: int, settings: MasteringSettings, tags: Mapping[str, str], out_dir: Path
) -> MasteredFile:
    """Loudness, encode, tags; the MP3 lands atomically as `out_dir/<sha256>.mp3`."""
    if len(pcm) == 0:
        raise AudioError("nothing audible to master; check that the text or clips are not empty")
    tmp = temp_path(out_dir, ".mp3")
    try:
        encoded = encode_mastered(pcm, rate, settings, tmp)
        write_tags(tmp, tags)
        path, digest = publish_content_addressed(tmp, out_dir, ".mp3")
    finally:
        tmp.unlink(missing_ok=True)
    return MasteredFile(path, digest, encoded.duration_s, encoded.lufs, encoded.true_peak_db)


def master_speech(
    pieces: Sequence[tuple[np.ndarray, str]],
    rate: int,
    settings: MasteringSettings,
    *,
    tags: Mapping[str, str],
    out_dir: Path,
) -> MasteredFile:
    """Spoken pieces (PCM and the pause after each) as one finished, tagged broadcast MP3."""
    trimmed = [(trim_silence(pcm, rate), pause) for pcm, pause in pieces]
    body = join_with_pauses(trimmed, rate, settings)
    if len(body) == 0:
        raise AudioError("the speech engine produced only silence; check the text or try another voice")
    return finish(with_jingles(body, rate, settings), rate, settings, tags, out_dir)
