"""The mastering pipeline: trim → pauses → jingles → loudness → encode → tags, into one MP3 file.

The program (intro, body, outro) is laid out once in one float32 buffer. Parts are separated by at
least 400 ms of silence and start on a limiter frame, so each part is measured on its own and the
frame statistics put side by side are those of the whole program: the speech is measured once, both
to set the jingles under it and to find the program's gain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from media.errors import AudioError
from media.files import publish_content_addressed, temp_path
from media.radio.encode import encode_mastered
from media.radio.gain import Analysis
from media.radio.jingles import jingle
from media.radio.loudness import integrated_lufs, limiter_frame
from media.radio.pauses import fill, place_with_pauses
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
    pieces: tuple[tuple[float, float], ...] = ()  # (start, end) seconds of each spoken piece in the file


def _level_matched(music: np.ndarray, rate: int, speech_lufs: float) -> np.ndarray:
    level = integrated_lufs(music, rate)
    if not (np.isfinite(level) and np.isfinite(speech_lufs)):
        return music
    return music * np.float32(10 ** ((speech_lufs - JINGLE_UNDER_SPEECH_LU - level) / 20))


def _on_frame(samples: int, frame: int) -> int:
    return -(-samples // frame) * frame


def finish(
    pcm: np.ndarray, rate: int, settings: MasteringSettings, tags: Mapping[str, str], out_dir: Path,
    analysis: Analysis | None = None,
) -> MasteredFile:
    """Loudness, encode, tags; the MP3 lands atomically as `out_dir/<sha256>.mp3`."""
    if len(pcm) == 0:
        raise AudioError("audio.nothing_audible")
    tmp = temp_path(out_dir, ".mp3")
    try:
        encoded = encode_mastered(pcm, rate, settings, tmp, analysis)
        write_tags(tmp, tags)
        path, digest = publish_content_addressed(tmp, out_dir, ".mp3")
    finally:
        tmp.unlink(missing_ok=True)
    return MasteredFile(path, digest, encoded.duration_s, encoded.lufs, encoded.true_peak_db)


def master_speech(
    pieces: Iterable[tuple[np.ndarray, str]],
    rate: int,
    settings: MasteringSettings,
    *,
    tags: Mapping[str, str],
    out_dir: Path,
) -> MasteredFile:
    """Spoken pieces (int16 or float PCM, and the pause after each) as one finished, tagged broadcast MP3.

    The pieces are not kept once they are laid out in the program (give an iterator to let them go)."""
    trimmed = [(trim_silence(pcm, rate), pause) for pcm, pause in pieces]
    placed, body_length = place_with_pauses(trimmed, rate, settings)
    spans = _piece_spans([len(pcm) for pcm, _ in trimmed], placed)
    del trimmed
    if body_length == 0:
        raise AudioError("audio.only_silence")
    frame, gap = limiter_frame(rate), rate * JINGLE_GAP_MS // 1000
    intro = outro = np.zeros(0, np.float32)
    if settings.jingles:
        intro = jingle(settings.intro_jingle, rate, outro=False)
        outro = jingle(settings.outro_jingle, rate, outro=True)
    body_start = _on_frame(len(intro) + gap, frame) if len(intro) else 0
    body_end = _on_frame(body_start + body_length + gap, frame) if len(outro) else body_start + body_length
    program = np.zeros(body_end + len(outro), np.float32)
    for start, pcm in placed:
        fill(program, body_start + start, pcm)
    del placed, pcm
    body = Analysis.of(program[body_start:body_end], rate)
    parts = [body]
    if settings.jingles:
        speech_lufs = body.loudness()
        program[: len(intro)] = _level_matched(intro, rate, speech_lufs)
        program[body_end:] = _level_matched(outro, rate, speech_lufs)
        parts = [Analysis.of(program[:body_start], rate), body, Analysis.of(program[body_end:], rate)]
    whole = Analysis(rate, frame, np.concatenate([p.energies for p in parts]), np.concatenate([p.peaks for p in parts]))
    done = finish(program, rate, settings, tags, out_dir, whole)
    timings = tuple((round((body_start + a) / rate, 3), round((body_start + b) / rate, 3)) for a, b in spans)
    return MasteredFile(done.path, done.sha256, done.duration_s, done.lufs, done.true_peak_db, timings)


def _piece_spans(lengths: list[int], placed: list[tuple[int, np.ndarray]]) -> list[tuple[int, int]]:
    """(start, end) samples of every piece in the body, in order; a piece trimmed to nothing is an empty
    span where the next one starts (it was not placed), so the spans line up with the chunks spoken."""
    spans: list[tuple[int, int]] = []
    starts = iter(start for start, _ in placed)
    for length in lengths:
        start = next(starts) if length else -1
        spans.append((start, start + length))
    following = max((end for start, end in spans if start >= 0), default=0)  # where the body ends
    for i in range(len(spans) - 1, -1, -1):  # an empty piece sits where the next sounding one starts
        if spans[i][0] < 0:
            spans[i] = (following, following)
        following = spans[i][0]
    return spans


def speech_span(duration_s: float, settings: MasteringSettings) -> tuple[float, float]:
    """Where the speech of a clip `master_speech` made starts and ends (seconds, within a limiter frame): the
    whole clip but its jingles and their gaps (a recording keeps no piece timings)."""
    if not settings.jingles:
        return 0.0, duration_s
    rate = settings.sample_rate
    frame, gap = limiter_frame(rate), rate * JINGLE_GAP_MS // 1000
    intro = len(jingle(settings.intro_jingle, rate, outro=False))
    outro = len(jingle(settings.outro_jingle, rate, outro=True))
    start = _on_frame(intro + gap, frame) / rate if intro else 0.0
    end = duration_s - ((gap + outro) / rate if outro else 0.0)
    return round(start, 3), round(max(start, end), 3)
