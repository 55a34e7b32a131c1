"""The ffmpeg binary from imageio-ffmpeg: run it, and turn audio into PCM and PCM into MP3.

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
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as exc:
        raise AudioError(f"ffmpeg was not found ({exc}); reinstall imageio-ffmpeg in the virtualenv") from exc


def run(args: list[str], stdin: bytes | None = None) -> bytes:
    """ffmpeg with `args`; returns stdout, raises AudioError with ffmpeg's last message on failure."""
    command = [executable(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    result = subprocess.run(command, input=stdin, capture_output=True, check=False)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise AudioError(f"ffmpeg failed: {lines[-1]}; check that the input is a readable audio file")
    return result.stdout


def decode(source: bytes | Path, sample_rate: int) -> np.ndarray:
    """Any audio ffmpeg reads, as mono float32 PCM at `sample_rate`."""
    if isinstance(source, Path):
        raw = run(["-i", str(source), "-f", "f32le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"])
    else:
        raw = run(["-i", "pipe:0", "-f", "f32le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"], stdin=source)
    return np.frombuffer(raw, dtype=np.float32)


def encode_mp3(
    pcm: np.ndarray, *, input_rate: int, output_rate: int, bitrate: str, path: Path, heard_rate: int
) -> np.ndarray:
    """Write mono float PCM to `path` as a constant-bitrate MP3 (LAME, no tags) at `output_rate`.

    ffmpeg decodes its own output in the same pass (a loopback decoder), so the MP3 as a listener
    will hear it comes back as PCM (float32 in Python) at `heard_rate` at almost no extra wall time.
    """
    raw = run(
        [
            "-y", "-f", "f32le", "-ac", "1", "-ar", str(input_rate), "-i", "pipe:0",
            "-map", "0:a", "-c:a", "libmp3lame", "-b:a", bitrate, "-ac", "1", "-ar", str(output_rate),
            "-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3", str(path),
            "-dec", "0:0", "-filter_complex", f"[dec:0]aresample={heard_rate}[heard]",
            "-map", "[heard]", "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1",
        ],
        stdin=np.ascontiguousarray(pcm, dtype=np.float32).tobytes(),
    )
    # 16-bit is plenty to measure by and halves the bytes through the pipe; a clipped peak still reads
    # as 0 dBFS, far over the limit, so an overshooting encode is never missed.
    return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
