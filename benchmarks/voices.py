"""A cloud voice as `loa speak` uses it: the ~3-minute article of benchmarks/audio.py through a loopback
provider (Google's shapes, tests/media/speech/providers.py) that answers each piece after 300 ms.

Each figure is the best of several interleaved runs of whole processes, as a user runs them:
  1. whole render (empty caches): target ≤ 1.5× (the slowest single piece + the encode floor), where the
     encode floor is the same `loa speak` with every piece already cached (decode, master, encode: all but
     the network): the pieces are in flight together, not one after another;
  2. unchanged re-render: zero provider requests, target ≤ 1.3× `loa article list`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import requests

from benchmarks.audio import article
from benchmarks.speak import PLAN, run
from media.speech.cloud_http import Transport
from media.speech.google_engine import GoogleEngine
from media.speech.pieces import pieces_for
from tests.media.speech.providers import CHARS_PER_S, FakeProvider, serve

REPEAT = 3
LATENCY_S = 0.3


def main() -> bool:
    work = Path(tempfile.mkdtemp(prefix="loa-bench-voices-"))
    fake = FakeProvider("google", latency_s=LATENCY_S, chars_per_s=CHARS_PER_S)
    try:
        with serve(fake) as url:
            return _run(work, fake, url)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _slowest_piece(fake: FakeProvider, url: str, text: str) -> float:
    engine = GoogleEngine(key=fake.key, voice="vi-VN-Wavenet-A", speed=1.0, url=url,
                          transport=Transport("Google", requests.Session()))
    start = time.perf_counter()
    engine.synthesize(text)
    return time.perf_counter() - start


def _run(work: Path, fake: FakeProvider, url: str) -> bool:
    loa = str(Path(sys.executable).with_name("loa"))
    env = {**os.environ, "LOA_TTS_ENGINE": "google", "LOA_GOOGLE_TTS_URL": url, "LOA_GOOGLE_TTS_KEY": fake.key,
           "LOA_TTS_VOICE": "vi-VN-Wavenet-A", "LOA_HOME": str(work / "speak")}
    env.pop("LOA_TTS_FALLBACK", None)
    data_env = {**os.environ, "LOA_HOME": str(work / "data")}
    run([loa, "init", "--plan", str(PLAN)], data_env)
    text = work / "article.txt"
    text.write_text("\n".join(article()) + "\n", encoding="utf-8")
    speak = [loa, "speak", "--file", str(text), "-o", str(work / "clip.mp3")]
    best: dict[str, float] = {}
    requests_again = pieces = 0
    for _ in range(REPEAT):
        shutil.rmtree(work / "speak", ignore_errors=True)
        before = len(fake.syntheses())
        whole = run(speak, env)[0]
        sent = fake.syntheses()[before:]
        pieces = len(sent)
        longest = max((s.json()["input"]["text"] for s in sent), key=len)
        before = len(fake.syntheses())
        again = run(speak, env)[0]
        requests_again = max(requests_again, len(fake.syntheses()) - before)
        for folder in ("media", "cache/tts/clips"):  # every piece stays cached: all but the network
            shutil.rmtree(work / "speak" / folder, ignore_errors=True)
        floor = run(speak, env)[0]
        timings = {"whole": whole, "again": again, "floor": floor, "list": run([loa, "article", "list"], data_env)[0],
                   "piece": _slowest_piece(fake, url, longest)}
        for key, seconds in timings.items():
            best[key] = min(best.get(key, float("inf")), seconds)
    bound = best["piece"] + best["floor"]
    print(f"cloud voice (loopback, {LATENCY_S * 1000:.0f} ms a piece), {pieces} pieces of "
          f"{len(pieces_for('google', article()))} planned: whole render {best['whole']:.2f} s; slowest piece "
          f"{best['piece']:.2f} s + encode floor {best['floor']:.2f} s = {bound:.2f} s; one after another would add "
          f"{(pieces - 1) * LATENCY_S:.1f} s")
    print(f"unchanged re-render: {best['again']:.2f} s, {requests_again} provider requests; "
          f"loa article list: {best['list']:.2f} s")
    checks = [(best["whole"] / bound, 1.5, "whole render / (slowest piece + encode floor)"),
              (best["again"] / best["list"], 1.3, "unchanged re-render / loa article list")]
    ok = requests_again == 0
    print(f"provider requests on an unchanged re-render: {requests_again} (target 0) {'ok' if ok else 'MISSED'}")
    for value, target, label in checks:
        met = value <= target
        ok = ok and met
        print(f"{label}: {value:.2f}x (target <= {target}x) {'ok' if met else 'MISSED'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
