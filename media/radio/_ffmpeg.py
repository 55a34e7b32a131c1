"""The ffmpeg binary from imageio-ffmpeg: run it, and turn audio into PCM and PCM into MP3.

Running the process (`run`) is kept apart from what the callers make of its output. There is no
ffprobe: every call names its input format or lets ffmpeg sniff the bytes itself.
"""

from __future__ import annotations

import functools
import subprocess
import threading
from contextlib import suppress
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
    """Write mono float PCM to `path` as a constant-bitrate MP3 (LAME, no tags) at `output_rate`, and
    return the MP3 as a listener will hear it: decoded again, as float32 PCM at `heard_rate`.

    Two processes side by side: the encoder's MP3 goes to the file and, as it comes, into a decoder,
    so decoding runs on the other core while LAME encodes (an ffmpeg loopback decoder runs in step
    with the encoder instead, and costs its whole decoding time on top).
    """
    encoder = _spawn(["-f", "f32le", "-ac", "1", "-ar", str(input_rate), "-i", "pipe:0", "-c:a", "libmp3lame",
                      "-b:a", bitrate, "-ac", "1", "-ar", str(output_rate), "-map_metadata", "-1",
                      "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3", "pipe:1"])
    decoder = _spawn(["-f", "mp3", "-i", "pipe:0", "-ac", "1", "-ar", str(heard_rate), "-f", "s16le", "pipe:1"])
    heard: list[bytes] = []
    errors: dict[str, bytes] = {}

    def feed() -> None:
        with suppress(BrokenPipeError):  # the encoder died: its stderr says why
            encoder.stdin.write(np.ascontiguousarray(pcm, dtype=np.float32).tobytes())  # type: ignore[union-attr]
        with suppress(BrokenPipeError):
            encoder.stdin.close()  # type: ignore[union-attr]

    def relay() -> None:
        with path.open("wb") as out:
            for chunk in iter(lambda: encoder.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
                out.write(chunk)
                with suppress(BrokenPipeError):
                    decoder.stdin.write(chunk)  # type: ignore[union-attr]
        with suppress(BrokenPipeError):
            decoder.stdin.close()  # type: ignore[union-attr]

    jobs = [threading.Thread(target=feed), threading.Thread(target=relay),
            threading.Thread(target=lambda: heard.append(decoder.stdout.read())),  # type: ignore[union-attr]
            threading.Thread(target=lambda: errors.update(encoder=encoder.stderr.read())),  # type: ignore[union-attr]
            threading.Thread(target=lambda: errors.update(decoder=decoder.stderr.read()))]  # type: ignore[union-attr]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    for name, process in (("encoder", encoder), ("decoder", decoder)):
        if process.wait() != 0:
            lines = errors.get(name, b"").decode("utf-8", "replace").strip().splitlines() or ["no message"]
            raise AudioError(f"ffmpeg ({name}) failed: {lines[-1]}; check the mastering settings (bitrate, rate)")
    # 16-bit is plenty to measure by and halves the bytes through the pipe; a clipped peak still reads
    # as 0 dBFS, far over the limit, so an overshooting encode is never missed.
    return np.frombuffer(heard[0], dtype="<i2").astype(np.float32) / 32768.0


def _spawn(args: list[str]) -> subprocess.Popen[bytes]:
    command = [executable(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
