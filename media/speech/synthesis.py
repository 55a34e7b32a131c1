"""Chunks to audio through the chunk cache: only chunks never spoken before reach the engine."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

from media.speech.cache import ChunkCache, chunk_key
from media.speech.engine import SpeechAudio, TtsEngine


def synthesize_chunks(
    engine: TtsEngine, texts: Sequence[str], cache: ChunkCache
) -> tuple[list[SpeechAudio], int]:
    """Audio of every text, in order, and how many were sent to the engine (cache misses).

    Up to `engine.concurrency` chunks are synthesized at once; each is cached as soon as it
    arrives, so a render that fails half-way keeps what it already has.
    """
    keys = [chunk_key(engine.cache_key_parts(), text) for text in texts]
    audio: dict[str, SpeechAudio] = {}
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key in audio or key in missing:
            continue
        cached = cache.get(key)
        if cached is None:
            missing[key] = text
        else:
            audio[key] = cached

    def speak(key: str) -> None:
        result = engine.synthesize(missing[key])
        cache.put(key, result)
        audio[key] = result

    if missing:
        with ThreadPoolExecutor(max_workers=max(1, engine.concurrency)) as pool:
            futures = [pool.submit(speak, key) for key in missing]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            for future in done:
                error = future.exception()
                if error is not None:
                    for other in futures:
                        other.cancel()
                    raise error
    return [audio[key] for key in keys], len(missing)
