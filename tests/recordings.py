"""Recordings made by the real ffmpeg, as a phone, Zalo or a browser would hand them over (tests only)."""

from __future__ import annotations

from pathlib import Path

from media.radio import _ffmpeg

# how each format is encoded: file suffix and ffmpeg's output options
FORMATS = {
    "mp3": (".mp3", ["-c:a", "libmp3lame", "-b:a", "64k"]),
    "m4a": (".m4a", ["-c:a", "aac", "-b:a", "64k"]),
    "aac": (".aac", ["-c:a", "aac", "-b:a", "64k", "-f", "adts"]),
    "wav": (".wav", ["-c:a", "pcm_s16le"]),
    "ogg": (".ogg", ["-c:a", "libopus", "-b:a", "32k"]),
    "amr": (".amr", ["-ar", "8000", "-c:a", "libopencore_amrnb", "-b:a", "12.2k"]),
    "webm": (".webm", ["-c:a", "libopus", "-b:a", "32k"]),
}
# a voice-like tone (a wobbling 220 Hz) between 1 s and 4 s, silence around it
READING = "0.3*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*3*t))*between(t,1,4)"


def make_recording(folder: Path, fmt: str, *, expr: str = READING, seconds: float = 5.0, name: str = "doc") -> Path:
    suffix, options = FORMATS[fmt]
    path = folder / f"{name}{suffix}"
    _ffmpeg.run(["-y", "-f", "lavfi", "-i", f"aevalsrc='{expr}':s=16000:d={seconds}", "-ac", "1", *options, str(path)])
    return path
