"""The one entry point the orchestration calls: spoken paragraphs in, a finished broadcast MP3 out."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import requests

from media.errors import SpeechError
from media.radio.decode import pcm_from_encoded, pcm_from_wav
from media.radio.master import master_speech
from media.radio.settings import MasteringSettings
from media.speech import clip_cache
from media.speech.cache import ChunkCache
from media.speech.chunking import Chunk
from media.speech.engine import SpeechAudio
from media.speech.engines import engine_plan, note_failure
from media.speech.settings import VoiceSettings
from media.speech.speakable import MAX_SPOKEN_CHARS, checked_chunks
from media.speech.synthesis import synthesize_chunks

__all__ = ["MAX_SPOKEN_CHARS", "Clip", "MasteringSettings", "VoiceSettings", "render_clip"]

log = logging.getLogger(__name__)

MP3_DECODE_RATE = 24_000  # gTTS speaks at 24 kHz


@dataclass(frozen=True)
class Clip:
    path: Path
    sha256: str
    duration_s: float
    lufs: float
    true_peak_db: float
    engine_used: str
    tts_requests: int
    warnings: tuple[str, ...]


def _pieces(audios: Sequence[SpeechAudio], chunks: Sequence[Chunk]) -> tuple[list[tuple], int]:
    if all(audio.format == "wav" for audio in audios):
        decoded = [pcm_from_wav(audio.data) for audio in audios]
        rate = decoded[0][1]
        return [(pcm, chunk.pause_after) for (pcm, _), chunk in zip(decoded, chunks, strict=True)], rate
    pcms = pcm_from_encoded([audio.data for audio in audios], MP3_DECODE_RATE)
    return [(pcm, chunk.pause_after) for pcm, chunk in zip(pcms, chunks, strict=True)], MP3_DECODE_RATE


def render_clip(
    paragraphs: Sequence[str],
    *,
    voice: VoiceSettings,
    mastering: MasteringSettings,
    cache_dir: Path,
    out_dir: Path,
    tags: Mapping[str, str],
    http: requests.Session | None = None,
) -> Clip:
    """Speak already-normalized paragraphs and master them into `out_dir/<sha256>.mp3`."""
    chunks = checked_chunks(paragraphs)
    cache_dir, out_dir = Path(cache_dir), Path(out_dir)
    engines, warnings = engine_plan(voice, http)
    for position, engine in enumerate(engines):
        key = clip_cache.clip_key(engine.cache_key_parts(), chunks, mastering, tags)
        known = clip_cache.lookup(cache_dir, key, out_dir)
        if known is not None:
            return Clip(
                known["path"], known["sha256"], known["duration_s"], known["lufs"],  # type: ignore[arg-type]
                known["true_peak_db"], engine.name, 0, tuple(warnings),  # type: ignore[arg-type]
            )
        try:
            audios, requests_sent = synthesize_chunks(engine, [c.text for c in chunks], ChunkCache(cache_dir))
        except SpeechError as error:
            note_failure(engine, error)
            if position == len(engines) - 1:
                raise
            warning = f"{engine.name} failed ({error}); fell back to {engines[position + 1].name}"
            log.warning(warning)
            warnings.append(warning)
            continue
        pieces, rate = _pieces(audios, chunks)
        done = master_speech(pieces, rate, mastering, tags=tags, out_dir=out_dir)
        facts = {"sha256": done.sha256, "duration_s": done.duration_s, "lufs": done.lufs,
                 "true_peak_db": done.true_peak_db}
        clip_cache.store(cache_dir, key, facts, done.path)
        return Clip(done.path, done.sha256, done.duration_s, done.lufs, done.true_peak_db, engine.name,
                    requests_sent, tuple(warnings))
    raise SpeechError("no TTS engine is configured; set LOA_TTS_ENGINE to auto, gtts or espeak")
