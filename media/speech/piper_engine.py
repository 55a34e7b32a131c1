"""Piper: an offline neural voice. The operator supplies a Vietnamese `.onnx` voice file and the
`.onnx.json` beside it (LOA_PIPER_MODEL); nothing is downloaded. piper-tts phonemizes with its own
espeak-ng and runs the model with onnxruntime, one sentence at a time.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from media.errors import SpeechError
from media.speech.engine import SpeechAudio
from media.speech.espeak_engine import wav_bytes

if TYPE_CHECKING:
    from piper import PiperVoice

_FIX = "set LOA_PIPER_MODEL to a Piper voice file (.onnx) with its .onnx.json beside it"


def model_files(model: str | Path) -> tuple[Path, Path]:
    """The voice file and its config, both present; SpeechError naming what is missing otherwise."""
    onnx = Path(model).expanduser()
    config = onnx.with_name(onnx.name + ".json")
    if not onnx.is_file():
        raise SpeechError(f"Piper voice {onnx}: no such file; {_FIX}")
    if not config.is_file():
        raise SpeechError(f"Piper voice {onnx}: its config {config.name} is missing; {_FIX}")
    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
        settings["phoneme_id_map"], settings["espeak"]["voice"], settings["audio"]["sample_rate"]  # noqa: B018
    except (OSError, ValueError, KeyError, TypeError):
        raise SpeechError(f"Piper voice config {config} is not a Piper .onnx.json (phoneme_id_map, espeak.voice, "
                          f"audio.sample_rate); {_FIX}") from None
    return onnx, config


class PiperEngine:
    """A Piper voice loaded once per process; one piece at a time (2 cores: the model uses them)."""

    name = "piper"
    concurrency = 1
    requests_sent = 0
    _loaded: dict[tuple[str, float], PiperVoice] = {}
    _lock = threading.Lock()

    def __init__(self, model: str | Path, voice: str = "0", speed: float = 1.0) -> None:
        self.onnx, self.config = model_files(model)
        self.voice, self.speed = voice or "0", speed
        if not self.voice.isdigit():
            raise SpeechError(f"Piper voice {self.voice!r}: give the speaker number of the model (0 for one voice)")

    def cache_key_parts(self) -> tuple[str, ...]:
        stat = self.onnx.stat()
        return ("piper", self.onnx.name, f"size={stat.st_size}", f"mtime={int(stat.st_mtime)}", self.voice,
                f"speed={self.speed:g}")

    def _voice(self) -> PiperVoice:
        key = (str(self.onnx.resolve()), self.onnx.stat().st_mtime)
        with self._lock:
            if key not in self._loaded:
                from piper import PiperVoice  # onnxruntime: only when something is spoken

                try:
                    self._loaded[key] = PiperVoice.load(self.onnx, config_path=self.config)
                except Exception as exc:  # onnxruntime raises its own types for a broken model
                    raise SpeechError(f"Piper could not load {self.onnx.name} ({type(exc).__name__}); "
                                      f"{_FIX}") from None
            return self._loaded[key]

    def synthesize(self, chunk: str) -> SpeechAudio:
        from piper import SynthesisConfig

        voice = self._voice()
        speaker = int(self.voice) if voice.config.num_speakers > 1 else None
        if speaker is not None and speaker >= voice.config.num_speakers:
            raise SpeechError(f"Piper voice {self.onnx.name} has speakers 0–{voice.config.num_speakers - 1}, "
                              f"not {speaker}")
        options = SynthesisConfig(speaker_id=speaker, length_scale=voice.config.length_scale / self.speed)
        try:
            pieces = [part.audio_int16_bytes for part in voice.synthesize(chunk, syn_config=options)]
        except Exception as exc:  # a model whose outputs do not fit Piper's
            raise SpeechError(f"Piper could not speak with {self.onnx.name} ({type(exc).__name__}: {exc}); "
                              f"{_FIX}") from None
        if not pieces:
            raise SpeechError(f"Piper said nothing for {chunk[:40]!r}; check the voice's espeak language")
        return SpeechAudio(wav_bytes(b"".join(pieces), voice.config.sample_rate), "wav")
