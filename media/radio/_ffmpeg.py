"""The ffmpeg binary from imageio-ffmpeg: run it (`run`, `spawn`), and decode any audio into PCM.

Running the process (`run`) is kept apart from what the callers make of its output. There is no
ffprobe: every call names its input format or lets ffmpeg sniff the bytes itself.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from media.errors import AudioError


@functools.cache
def executable() -> str:
    try:
        path: str = imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as exc:
        raise AudioError("audio.no_ffmpeg", detail_en=exc) from exc
    return path


def run(args: list[str], stdin: bytes | None = None) -> bytes:
    """ffmpeg with `args`; returns stdout, raises AudioError with ffmpeg's last message on failure."""
    command = [executable(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    result = subprocess.run(command, input=stdin, capture_output=True, check=False)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise AudioError("audio.ffmpeg_failed", detail_en=lines[-1])
    return result.stdout


def decode(source: bytes | Path, sample_rate: int) -> np.ndarray:
    """Any audio ffmpeg reads, as mono float32 PCM at `sample_rate`."""
    if isinstance(source, Path):
        raw = run(["-i", str(source), "-f", "f32le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"])
    else:
        raw = run(["-i", "pipe:0", "-f", "f32le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"], stdin=source)
    return np.frombuffer(raw, dtype=np.float32)


def spawn(args: list[str]) -> subprocess.Popen[bytes]:
    """ffmpeg with `args` as a process with its three pipes open (the caller drains them)."""
    command = [executable(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
