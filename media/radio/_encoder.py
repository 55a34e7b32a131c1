"""LAME through ffmpeg: mastered PCM in, an MP3 file out, and that MP3 decoded again as it comes.

Each part of the audio runs its own pair of processes: the encoder, whose MP3 goes (as it comes) into
a decoder, so the check decode costs no time of its own. Several parts run at once, one per core:
LAME is single-threaded, and a clip cut at its pauses encodes in about half the time on two cores.
The parts' MP3 streams are joined in order: constant-bitrate frames without a Xing header make one
valid stream; each later part starts with the encoder's priming (~25 ms of silence), inside a pause.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO

import numpy as np

from media.errors import AudioError
from media.radio._ffmpeg import spawn


def _sixteen_bits(block: np.ndarray) -> np.ndarray:
    """float samples in [-1, 1] as 16-bit integers (rounded, clipped): half the bytes through the pipe, and
    what LAME takes in anyway."""
    scaled = np.multiply(block, np.float32(32767), dtype=np.float32)
    np.rint(scaled, out=scaled)
    np.clip(scaled, -32768, 32767, out=scaled)
    samples: np.ndarray = scaled.astype("<i2")
    return samples


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes], IO[bytes]]:
    """stdin, stdout and stderr of a process `spawn` started (it opens all three)."""
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    return process.stdin, process.stdout, process.stderr


class _Part:
    """One encoder and its check decoder, fed from `blocks` (float32 arrays in order)."""

    def __init__(self, blocks: Iterable[np.ndarray], encoder: list[str], decoder: list[str]) -> None:
        self.blocks = blocks
        self.encoder, self.decoder = spawn(encoder), spawn(decoder)
        self.mp3: list[bytes] = []
        self.heard: list[bytes] = []
        self.errors: dict[str, bytes] = {}
        self.failed: list[BaseException] = []
        self.to_encoder, self.from_encoder, encoder_errors = _pipes(self.encoder)
        self.to_decoder, from_decoder, decoder_errors = _pipes(self.decoder)
        self.jobs = [threading.Thread(target=self._feed), threading.Thread(target=self._relay),
                     threading.Thread(target=lambda: self.heard.append(from_decoder.read())),
                     threading.Thread(target=lambda: self.errors.update(encoder=encoder_errors.read())),
                     threading.Thread(target=lambda: self.errors.update(decoder=decoder_errors.read()))]

    def _feed(self) -> None:
        stdin = self.to_encoder
        try:
            for block in self.blocks:
                stdin.write(_sixteen_bits(block).data.cast("B"))  # the array's own buffer, as bytes
        except BrokenPipeError:  # the encoder died: its stderr says why
            pass
        except BaseException as exc:  # the audio could not be produced: end the encoder, raise it after
            self.failed.append(exc)
        finally:
            with suppress(BrokenPipeError):
                stdin.close()

    def _relay(self) -> None:
        for chunk in iter(lambda: self.from_encoder.read(1 << 16), b""):
            self.mp3.append(chunk)
            with suppress(BrokenPipeError):
                self.to_decoder.write(chunk)
        with suppress(BrokenPipeError):
            self.to_decoder.close()

    def finish(self) -> None:
        for job in self.jobs:
            job.join()
        codes = {"encoder": self.encoder.wait(), "decoder": self.decoder.wait()}
        if self.failed:
            raise self.failed[0]
        for name, code in codes.items():
            if code != 0:
                lines = self.errors.get(name, b"").decode("utf-8", "replace").strip().splitlines() or ["no message"]
                raise AudioError("audio.encoder_failed", name=name, detail_en=lines[-1])


def encode_mp3(
    parts: np.ndarray | Sequence[Iterable[np.ndarray]], *, input_rate: int, output_rate: int, bitrate: str,
    path: Path, heard_rate: int,
) -> np.ndarray:
    """Write mono float PCM (sent as 16-bit) to `path` as one constant-bitrate MP3 (LAME, no tags) at `output_rate`, and
    return the MP3 as a listener will hear it: decoded again, as 16-bit samples (int16) at `heard_rate`.

    `parts` is one array, or the audio cut into parts (each float32 blocks in order), encoded at once.
    """
    encoder = ["-f", "s16le", "-ac", "1", "-ar", str(input_rate), "-i", "pipe:0", "-c:a", "libmp3lame",
               "-b:a", bitrate, "-ac", "1", "-ar", str(output_rate), "-map_metadata", "-1", "-id3v2_version", "0",
               "-write_xing", "0", "-f", "mp3", "pipe:1"]
    decoder = ["-f", "mp3", "-i", "pipe:0", "-ac", "1", "-ar", str(heard_rate), "-f", "s16le", "pipe:1"]
    pieces: Sequence[Iterable[np.ndarray]] = [[parts]] if isinstance(parts, np.ndarray) else parts
    running = [_Part(blocks, encoder, decoder) for blocks in pieces]
    for part in running:
        for job in part.jobs:
            job.start()
    failures = []
    for part in running:  # every process is waited for, even after one failed
        try:
            part.finish()
        except Exception as exc:
            failures.append(exc)
    if failures:
        raise failures[0]
    with path.open("wb") as out:
        for part in running:
            out.writelines(part.mp3)
    # 16-bit is plenty to measure by and halves the bytes through the pipe; a clipped peak still reads
    # as 0 dBFS, far over the limit, so an overshooting encode is never missed.
    heard = [np.frombuffer(part.heard[0], dtype="<i2") for part in running]
    return heard[0] if len(heard) == 1 else np.concatenate(heard)
