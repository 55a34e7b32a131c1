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
from media.speech.budget import budget_warning, over_budget
from media.speech.cache import ChunkCache, chunk_key
from media.speech.chunking import Chunk
from media.speech.engines import Candidate, engine_plan, note_failure
from media.speech.pieces import pieces_for
from media.speech.settings import VoiceSettings
from media.speech.speakable import MAX_SPOKEN_CHARS
from media.speech.synthesis import synthesize_chunks
from media.speech.voices import PROVIDERS

if TYPE_CHECKING:
    import requests

    from media.speech.usage import UsageLedger

__all__ = ["MAX_SPOKEN_CHARS", "Clip", "MasteringSettings", "VoiceSettings", "render_clip"]

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
    voice: str = ""
    speed: float = 1.0
    chars_sent: int = 0  # characters billed by a paid voice for this render
    pieces: tuple[tuple[float, float], ...] = ()  # (start, end) seconds of each piece the voice was sent, in order


def _fallback_warning(failed: str, reason: str, fallback: str) -> str:
    return f"{failed} failed ({reason}); fell back to {fallback} (đọc bằng giọng dự phòng {fallback})"


def _budget_check(candidate: Candidate, pieces: list[Chunk], voice: VoiceSettings, cache: ChunkCache,
                  usage: UsageLedger | None, warnings: list[str]) -> str | None:
    """Why a paid voice must not be used for this clip (its budget), or None; adds the 80 % warning."""
    info = PROVIDERS[candidate.name]
    budget = voice.budgets.get(candidate.name)
    if not info.paid or usage is None or not budget:
        return None
    spent = usage.spent(candidate.name)
    needed = sum(len(p.text) for p in pieces if not cache.has(chunk_key(candidate.key_parts, p.text)))
    reason = over_budget(info.title, spent, budget, needed)
    if reason is None and (warning := budget_warning(info.title, spent + needed, budget)):
        log.warning(warning)
        warnings.append(warning)
    return reason


def _planned(candidates: list[Candidate], paragraphs: Sequence[str], mastering: MasteringSettings,
             tags: Mapping[str, str]) -> list[tuple[Candidate, list[Chunk], str]]:
    """Each engine of the chain with its pieces and its clip's key."""
    planned = []
    for candidate in candidates:
        pieces = pieces_for(candidate.name, paragraphs)
        planned.append((candidate, pieces, clip_cache.clip_key(candidate.key_parts, pieces, mastering, tags)))
    if not planned:
        raise SpeechError("voice.none_configured")
    return planned


def _known(planned: list[tuple[Candidate, list[Chunk], str]], cache_dir: Path, out_dir: Path,
           warnings: list[str]) -> Clip | None:
    """The clip made earlier by an engine of the chain (the first one's, else a fallback's), or None."""
    for position, (candidate, _, key) in enumerate(planned):
        known = clip_cache.lookup(cache_dir, key, out_dir)
        if known is not None:
            if position:
                warnings.append(f"reused the {candidate.name} clip made when {planned[0][0].name} failed; "
                                f"clear {cache_dir / 'clips'} to try {planned[0][0].name} again")
            return Clip(known["path"], known["sha256"], known["duration_s"], known["lufs"],
                        known["true_peak_db"], candidate.name, 0, tuple(warnings),
                        candidate.voice, candidate.speed,
                        pieces=tuple((start, end) for start, end in known["pieces"]))
    return None


def find_clip(paragraphs: Sequence[str], *, voice: VoiceSettings, mastering: MasteringSettings, cache_dir: Path,
              out_dir: Path, tags: Mapping[str, str]) -> Clip | None:
    """The clip `render_clip` would return without making anything, or None (nothing is sent or encoded)."""
    candidates, warnings = engine_plan(voice, None)
    return _known(_planned(candidates, paragraphs, mastering, tags), Path(cache_dir), Path(out_dir), warnings)


def render_clip(
    paragraphs: Sequence[str],
    *,
    voice: VoiceSettings,
    mastering: MasteringSettings,
    cache_dir: Path,
    out_dir: Path,
    tags: Mapping[str, str],
    http: requests.Session | None = None,
    usage: UsageLedger | None = None,
) -> Clip:
    """Speak already-normalized paragraphs and master them into `out_dir/<sha256>.mp3`.

    One voice reads the whole clip: when an engine fails, the next one in the chain renders all of it
    again. Every engine the voice may use is looked up first: a clip made earlier by the fallback voice
    is reused (with a warning) rather than asking the network again. `usage` counts the characters
    each paid voice accepted and keeps each within its monthly budget.
    """
    cache_dir, out_dir = Path(cache_dir), Path(out_dir)
    candidates, warnings = engine_plan(voice, http, on_sent=usage.add if usage is not None else None)
    planned = _planned(candidates, paragraphs, mastering, tags)
    known = _known(planned, cache_dir, out_dir, warnings)
    if known is not None:
        return known
    cache = ChunkCache(cache_dir)
    for position, (candidate, pieces, key) in enumerate(planned):
        last = position == len(planned) - 1
        refusal = _budget_check(candidate, pieces, voice, cache, usage, warnings)
        try:
            if refusal is not None:
                raise SpeechError(refusal)
            engine = candidate.build()
            with ThreadPoolExecutor(max_workers=1) as pool:  # the voice speaks while the audio stack loads
                speaking = pool.submit(synthesize_chunks, engine, [p.text for p in pieces], cache)
                from media.speech.voicing import master_spoken  # numpy, the encoder: only when a clip is made

                audios, requests_sent = speaking.result()
        except SpeechError as error:
            note_failure(candidate.name, error)
            if last:
                raise
            warning = _fallback_warning(candidate.name, str(error), planned[position + 1][0].name)
            log.warning(warning)
            warnings.append(warning)
            continue
        done = master_spoken(audios, pieces, mastering, tags=tags, out_dir=out_dir)
        facts = {"sha256": done.sha256, "duration_s": done.duration_s, "lufs": done.lufs,
                 "true_peak_db": done.true_peak_db, "pieces": [list(p) for p in done.pieces]}
        clip_cache.store(cache_dir, key, facts, done.path)
        return Clip(done.path, done.sha256, done.duration_s, done.lufs, done.true_peak_db, candidate.name,
                    requests_sent, tuple(warnings), candidate.voice, candidate.speed,
                    getattr(engine, "chars_sent", 0), done.pieces)
    raise AssertionError("unreachable")  # the last candidate returned or raised
