"""The one entry point the orchestration calls: spoken paragraphs in, a finished broadcast MP3 out.

Light until there is work: a clip already made for the same chunks, voice, mastering and tags is
found by its key and returned without importing the audio stack (numpy, the encoder, the voices),
so re-rendering an unchanged article costs about what reading its text does.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from media.errors import SpeechError
from media.radio.settings import MasteringSettings
from media.speech import clip_cache
from media.speech.cache import ChunkCache
from media.speech.engines import engine_plan, note_failure
from media.speech.settings import VoiceSettings
from media.speech.speakable import MAX_SPOKEN_CHARS, checked_chunks
from media.speech.synthesis import synthesize_chunks

if TYPE_CHECKING:
    import requests

__all__ = ["MAX_SPOKEN_CHARS", "Clip", "MasteringSettings", "VoiceSettings", "made_clip", "render_clip"]

log = logging.getLogger(__name__)


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
    pieces: tuple[tuple[float, float], ...] = ()  # (start, end) seconds of each chunk spoken, in order


def made_clip(paragraphs: Sequence[str], *, voice: VoiceSettings, mastering: MasteringSettings, cache_dir: Path,
              out_dir: Path, tags: Mapping[str, str], http: requests.Session | None = None) -> Clip | None:
    """The clip `render_clip` would return if it was made before, else None: never speaks (for pages that show it)."""
    chunks = checked_chunks(paragraphs)
    candidates, warnings = engine_plan(voice, http)
    keys = [clip_cache.clip_key(candidate.key_parts, chunks, mastering, tags) for candidate in candidates]
    return _made(candidates, keys, warnings, Path(cache_dir), Path(out_dir))


def _made(candidates: list, keys: list[str], warnings: list[str], cache_dir: Path, out_dir: Path) -> Clip | None:
    """The clip made earlier by any engine the voice may use (the fallback's with a warning), or None."""
    for position, (candidate, key) in enumerate(zip(candidates, keys, strict=True)):
        known = clip_cache.lookup(cache_dir, key, out_dir)
        if known is not None:
            if position:
                warnings.append(f"reused the {candidate.name} clip made when {candidates[0].name} failed; "
                                f"clear {cache_dir / 'clips'} to try {candidates[0].name} again")
            return Clip(known["path"], known["sha256"], known["duration_s"], known["lufs"],  # type: ignore[arg-type]
                        known["true_peak_db"], candidate.name, 0, tuple(warnings),  # type: ignore[arg-type]
                        tuple(tuple(p) for p in known["pieces"]))  # type: ignore[attr-defined,misc]
    return None


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
    """Speak already-normalized paragraphs and master them into `out_dir/<sha256>.mp3`.

    Every engine the voice may use is looked up first: a clip made earlier by the fallback voice is
    reused (with a warning) rather than asking the network again.
    """
    chunks = checked_chunks(paragraphs)
    cache_dir, out_dir = Path(cache_dir), Path(out_dir)
    candidates, warnings = engine_plan(voice, http)
    keys = [clip_cache.clip_key(candidate.key_parts, chunks, mastering, tags) for candidate in candidates]
    known = _made(candidates, keys, warnings, cache_dir, out_dir)
    if known is not None:
        return known
    texts = [chunk.text for chunk in chunks]
    for position, (candidate, key) in enumerate(zip(candidates, keys, strict=True)):
        engine = candidate.build()
        with ThreadPoolExecutor(max_workers=1) as pool:  # the voice speaks while the audio stack loads
            speaking = pool.submit(synthesize_chunks, engine, texts, ChunkCache(cache_dir))
            from media.speech.voicing import master_spoken  # numpy, the encoder: only when a clip must be made

            try:
                audios, requests_sent = speaking.result()
            except SpeechError as error:
                note_failure(engine, error)
                if position == len(candidates) - 1:
                    raise
                warning = f"{engine.name} failed ({error}); fell back to {candidates[position + 1].name}"
                log.warning(warning)
                warnings.append(warning)
                continue
        done = master_spoken(audios, chunks, mastering, tags=tags, out_dir=out_dir)
        facts = {"sha256": done.sha256, "duration_s": done.duration_s, "lufs": done.lufs,
                 "true_peak_db": done.true_peak_db, "pieces": [list(p) for p in done.pieces]}
        clip_cache.store(cache_dir, key, facts, done.path)
        return Clip(done.path, done.sha256, done.duration_s, done.lufs, done.true_peak_db, engine.name,
                    requests_sent, tuple(warnings), done.pieces)
    raise SpeechError("no TTS engine is configured; set LOA_TTS_ENGINE to auto, gtts or espeak")
