"""Audio benchmark: mastering against encode-only and the naive pydub chain, and the cached re-render.

All on the same ~3-minute article built from the seed plans, spoken offline by espeak-ng.
  1. first render: TTS + mastering + encode (cold caches).
  2. mastering render (best of 7, runs interleaved with the encode-only runs so that load on the
     shared machine falls on both alike): chunk cache warm (TTS done), clip
     cache cleared: decode chunks, trim, pauses, jingles, loudness, limiter, encode, post-encode
     check, tags. Compared with ffmpeg encoding the same assembled audio alone (same settings, same
     pipe-in/file-out call): target ≤ 1.5×.
  3. naive chain on the same audio: pydub strip_silence + normalize + export: target ≥ 3× slower.
  4. unchanged re-render: 0 TTS requests and ≥ 50× faster than the first render.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import warnings
from pathlib import Path

from benchmarks.normalizer import corpus_sentences
from media.radio import _blas, _ffmpeg  # noqa: F401  (_blas before numpy: one BLAS thread, as in loa speak)
from media.radio.settings import MasteringSettings
from media.speech.chunking import clean
from media.speech.render import VoiceSettings, render_clip

TARGET_CHARS = 3300  # ≈ 3 minutes of espeak-ng speech
REPEAT = 7


def article() -> list[str]:
    """Paragraphs of seed-plan sentences (the speech corpus, in the repository) making ~3 minutes of speech."""
    paragraphs, total = [], 0
    for sentence in corpus_sentences():
        text = clean(sentence.replace("#", " ").replace("*", " "))
        if len(text) > 120 and total < TARGET_CHARS:
            paragraphs.append(text)
            total += len(text)
    return paragraphs


def timed(action, repeat: int = 1, before=lambda: None):
    """The result and the best wall time of `repeat` runs (best-of filters out other load on the machine)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return result, best


def main() -> bool:
    work = Path(tempfile.mkdtemp(prefix="loa-bench-audio-"))
    try:
        return _run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(work: Path) -> bool:
    with warnings.catch_warnings():  # pydub looks for an `ffmpeg` on PATH at import; it is told below
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
        from pydub.effects import normalize, strip_silence
    AudioSegment.converter = _ffmpeg.executable()  # pydub's export needs to be told where ffmpeg is
    mastering = MasteringSettings()
    paragraphs = article()

    def render():
        return render_clip(paragraphs, voice=VoiceSettings(engine="espeak"), mastering=mastering,
                           cache_dir=work / "cache", out_dir=work / "out", tags={"title": "benchmark"})

    first, first_s = timed(render)
    pcm = _ffmpeg.decode(first.path, 22050)  # the same audio, as plain PCM

    def encode_only() -> bytes:
        return _ffmpeg.run(
            ["-y", "-f", "f32le", "-ac", "1", "-ar", "22050", "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a",
             mastering.bitrate, "-ac", "1", "-ar", str(mastering.sample_rate), "-f", "mp3", str(work / "e.mp3")],
            stdin=pcm.tobytes())

    master_s = encode_s = float("inf")
    for _ in range(REPEAT):  # interleaved: a burst of load on the machine hits both measurements alike
        mastered, seconds = timed(render, before=lambda: shutil.rmtree(work / "cache" / "clips"))
        master_s = min(master_s, seconds)
        encode_s = min(encode_s, timed(encode_only)[1])
    again, again_s = timed(render)
    segment = AudioSegment((pcm.clip(-1, 1) * 32767).astype("<i2").tobytes(), sample_width=2,
                           frame_rate=22050, channels=1)
    _, naive_s = timed(lambda: normalize(strip_silence(segment, silence_thresh=-45, padding=100)).export(
        str(work / "naive.mp3"), format="mp3", bitrate=mastering.bitrate,
        parameters=["-ar", str(mastering.sample_rate)]))

    print(f"article: {sum(map(len, paragraphs))} characters, clip {first.duration_s:.1f} s, "
          f"{first.tts_requests} TTS chunks, {first.lufs:.2f} LUFS, {first.true_peak_db:.2f} dBTP")
    print(f"first render (TTS + mastering + encode): {first_s:.2f} s")
    print(f"mastering render, TTS cached: {master_s:.2f} s (tts_requests={mastered.tts_requests})")
    print(f"ffmpeg encode alone of the same audio: {encode_s:.2f} s")
    print(f"naive pydub strip_silence + normalize + export: {naive_s:.2f} s")
    print(f"unchanged re-render: {again_s * 1000:.1f} ms (tts_requests={again.tts_requests})")
    checks = [
        (master_s / encode_s, "<=", 1.5, "mastering render / encode alone"),
        (naive_s / master_s, ">=", 3.0, "naive chain / mastering render"),
        (first_s / again_s, ">=", 50.0, "first render / unchanged re-render"),
    ]
    ok = again.tts_requests == 0 and mastered.tts_requests == 0
    for ratio, op, target, label in checks:
        met = ratio <= target if op == "<=" else ratio >= target
        ok = ok and met
        print(f"{label}: {ratio:.2f}x (target {op} {target}x) {'ok' if met else 'MISSED'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
