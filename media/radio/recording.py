"""A person's recording (a phone's M4A, a Zalo voice note, a browser's WebM, …) checked, then mastered
exactly like a synthesized clip: ends trimmed, −16 LUFS, −1 dBTP, 64 kb/s mono, the clip's jingles.

Every refusal is one line naming what is wrong and what to do: not audio, unreadable, silent, clipped
throughout, longer than the limit, larger than the limit. Nothing is written before the checks pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from media.errors import AudioError
from media.radio import _ffmpeg
from media.radio.master import MasteredFile, master_speech
from media.radio.settings import MasteringSettings
from media.radio.trim import trim_silence

# how each accepted container starts (offset, magic); MP3 may also start with a bare frame header
CONTAINERS = (("wav", 0, b"RIFF"), ("mp3", 0, b"ID3"), ("m4a", 4, b"ftyp"), ("ogg", 0, b"OggS"),
              ("amr", 0, b"#!AMR"), ("webm", 0, b"\x1a\x45\xdf\xa3"), ("aac", 0, b"\xff\xf1"),
              ("aac", 0, b"\xff\xf9"))
ACCEPTED = "MP3, M4A/AAC, WAV, OGG/Opus, AMR or WebM"
SILENT_DBFS = -50.0  # the loudest 10 ms of a recording under this: nothing was recorded
CLIP_LEVEL = 0.98  # a sample this close to full scale is clipped
CLIPPED_SHARE = 0.3  # of the sounding 50 ms blocks: more than this are clipped, the whole take is
BLOCK_MS = 50


@dataclass(frozen=True)
class RecordingLimits:
    max_seconds: float = 30 * 60.0
    max_bytes: int = 50 * 1024 * 1024


def container(head: bytes) -> str | None:
    """The recording's container from its first bytes, or None when it is none Loa takes."""
    for name, at, magic in CONTAINERS:
        if head[at:at + len(magic)] == magic:
            return "wav" if name == "wav" and head[8:12] != b"WAVE" else name
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return "mp3"
    return None


def _looks_like(head: bytes) -> str:
    text = head.lstrip().lower()
    if text.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return "an HTML or XML page"
    if text.startswith((b"{", b"[")):
        return "a JSON document"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith(b"PK"):
        return "a ZIP or Office document"
    if head[:3] == b"\xff\xd8\xff" or head.startswith(b"\x89PNG"):
        return "a picture"
    return "not audio Loa knows"


def check_file(path: Path, limits: RecordingLimits) -> str:
    """The container of the file at `path`; AudioError when it is missing, empty, too large or not audio."""
    try:
        size = path.stat().st_size
        with path.open("rb") as source:
            head = source.read(64)
    except OSError as exc:
        raise AudioError("recording.unreadable", path=path, why_en=exc.strerror or exc) from None
    if size == 0:
        raise AudioError("recording.empty", name=path.name)
    if size > limits.max_bytes:
        raise AudioError("recording.too_big", name=path.name, size_mb=size / 1e6, limit_mb=limits.max_bytes / 1e6)
    kind = container(head)
    if kind is None:
        raise AudioError("recording.not_audio", name=path.name, looks_en=_looks_like(head), accepted_en=ACCEPTED)
    return kind


def decode(path: Path, limits: RecordingLimits, rate: int) -> np.ndarray:
    """Mono float32 PCM, at most a minute past the limit (enough to tell that it is too long)."""
    seconds = f"{limits.max_seconds + 60:.0f}"
    try:
        raw = _ffmpeg.run(["-i", str(path), "-t", seconds, "-vn", "-f", "f32le", "-ac", "1", "-ar", str(rate),
                           "pipe:1"])
    except AudioError as exc:
        detail = exc.params["detail_en"] if exc.code == "audio.ffmpeg_failed" else str(exc).split(";")[0]
        raise AudioError("recording.undecodable", name=path.name, detail_en=detail, accepted_en=ACCEPTED) from None
    pcm = np.frombuffer(raw, dtype=np.float32)
    if len(pcm) == 0:
        raise AudioError("recording.no_samples", name=path.name)
    return pcm


def problem(pcm: np.ndarray, rate: int, limits: RecordingLimits) -> tuple[str, dict[str, float]] | None:
    """Why these samples cannot go on air (silent, clipped throughout, too long): a catalogue code and its
    numbers (the file's name goes with them once raised), or None."""
    frame = rate // 100
    count = len(pcm) // frame
    rms = np.sqrt(np.mean(np.square(pcm[: count * frame].reshape(count, frame), dtype=np.float64), axis=1)) \
        if count else np.zeros(1)
    loudest = 20 * np.log10(max(float(rms.max()), 1e-10))
    if loudest < SILENT_DBFS:
        return "recording.silent", {"loudest": loudest}
    spoken = trim_silence(pcm, rate)
    if len(spoken) / rate > limits.max_seconds:
        more = "_at_least" if len(pcm) / rate >= limits.max_seconds + 59 else ""
        return "recording.too_long" + more, {"minutes": len(spoken) / rate / 60, "limit": limits.max_seconds / 60}
    block = rate * BLOCK_MS // 1000
    blocks = spoken[: len(spoken) // block * block].reshape(-1, block)
    sounding = blocks[np.sqrt(np.mean(np.square(blocks, dtype=np.float64), axis=1)) > 10 ** (SILENT_DBFS / 20)]
    if len(sounding):
        hot = np.abs(sounding) >= CLIP_LEVEL
        runs = hot[:, :-2] & hot[:, 1:-1] & hot[:, 2:]  # three full-scale samples in a row: a flat top
        share = float(np.mean(runs.any(axis=1)))
        if share > CLIPPED_SHARE:
            return "recording.clipped", {"share": share}
    return None


def master_recording(path: Path, *, limits: RecordingLimits, tags: Mapping[str, str], out_dir: Path,
                     settings: MasteringSettings | None = None) -> tuple[MasteredFile, str]:
    """The recording at `path` as a finished clip in `out_dir` and its container; AudioError (one line) when
    it cannot go on air."""
    settings = settings or MasteringSettings()
    kind = check_file(path, limits)
    pcm = decode(path, limits, settings.sample_rate)
    reason = problem(pcm, settings.sample_rate, limits)
    if reason is not None:
        raise AudioError(reason[0], name=path.name, **reason[1])
    return master_speech([(pcm, "paragraph")], settings.sample_rate, settings, tags=tags, out_dir=out_dir), kind
