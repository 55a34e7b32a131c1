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


def model_files(model: str | Path) -> tuple[Path, Path]:
    """The voice file and its config, both present; SpeechError naming what is missing otherwise."""
    onnx = Path(model).expanduser()
    config = onnx.with_name(onnx.name + ".json")
    if not onnx.is_file():
        raise SpeechError("piper.no_model", model=onnx)
    if not config.is_file():
        raise SpeechError("piper.no_config", model=onnx, config=config.name)
    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
        settings["phoneme_id_map"], settings["espeak"]["voice"], settings["audio"]["sample_rate"]  # noqa: B018
    except (OSError, ValueError, KeyError, TypeError):
        raise SpeechError("piper.bad_config", config=config) from None
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
            raise SpeechError("piper.bad_speaker", voice=self.voice)

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
                    raise SpeechError("piper.not_loaded", model=self.onnx.name, why_en=type(exc).__name__) from None
            return self._loaded[key]

    def synthesize(self, chunk: str) -> SpeechAudio:
        from piper import SynthesisConfig

        voice = self._voice()
        speaker = int(self.voice) if voice.config.num_speakers > 1 else None
        if speaker is not None and speaker >= voice.config.num_speakers:
            raise SpeechError("piper.no_speaker", model=self.onnx.name, last=voice.config.num_speakers - 1,
                              speaker=speaker)
        options = SynthesisConfig(speaker_id=speaker, length_scale=voice.config.length_scale / self.speed)
        try:
            pieces = [part.audio_int16_bytes for part in voice.synthesize(chunk, syn_config=options)]
        except Exception as exc:  # a model whose outputs do not fit Piper's
            raise SpeechError("piper.failed", model=self.onnx.name, why_en=f"{type(exc).__name__}: {exc}") from None
        if not pieces:
            raise SpeechError("piper.silent", text=chunk[:40])
        return SpeechAudio(wav_bytes(b"".join(pieces), voice.config.sample_rate), "wav")
