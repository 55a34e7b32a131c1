"""`loa speak` as whole processes, the way a user runs it, against yardsticks run in the same way.

All on the ~3-4 minute article of benchmarks/audio.py, offline voice (espeak-ng), each figure the best
of several interleaved runs (so that load on the shared machine falls on all alike):
  1. unchanged re-render (clip already made): no TTS, no mastering, no audio stack imported
     (checked from the process's import log): target ≤ 1.3× `loa article list`;
  2. first render (empty caches): target ≤ 2× ffmpeg encoding the same audio alone
     (benchmarks/scripts/encode_alone.sh), and ≥ 3× faster than a tutorial pydub script doing the
     same job (benchmarks/scripts/pydub_tutorial.py: espeak-ng → strip_silence → normalize → jingles → export);
  3. peak memory (max RSS) of the first render: target < 150 MB.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.audio import article
from media.radio import _blas, _ffmpeg  # noqa: F401  (_blas before numpy: one BLAS thread, as in loa speak)
from media.radio.jingles import default_chime
from media.speech.espeak_engine import wav_bytes

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "benchmarks" / "scripts"
PLAN = ROOT / "schedules" / "plans" / "phu-khuong.yaml"
REPEAT = 7
TUTORIAL_REPEAT = 2  # it takes several seconds a run
RATE = 22050  # the offline voice's rate: the audio `loa speak` masters
AUDIO_STACK = ("numpy", "scipy", "pyloudnorm", "pydub", "media.speech.voicing", "media.radio.master")


# Started from a small fresh Python, so that the measured process does not inherit this one's peak memory
# (Linux counts the memory of the process a child was forked from in the child's max RSS).
_LAUNCHER = """import os, subprocess, sys, time
with open(sys.argv[1], "wb") as errors:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=errors)
    _, status, usage = os.wait4(child.pid, 0)
    print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, max RSS in MB and stderr of one process; a failure stops the benchmark."""
    with tempfile.NamedTemporaryFile() as errors:
        measured = subprocess.run([sys.executable, "-c", _LAUNCHER, errors.name, *command], env=env, cwd=ROOT,
                                  capture_output=True, text=True, check=True).stdout.split()
        message = Path(errors.name).read_text(encoding="utf-8", errors="replace")
    seconds, rss_kb, code = float(measured[0]), float(measured[1]), int(measured[2])
    if code != 0:
        raise RuntimeError(f"{' '.join(command[:3])} … failed ({code}): {message[-500:]}")
    return seconds, rss_kb / 1024, message


def main() -> bool:
    work = Path(tempfile.mkdtemp(prefix="loa-bench-speak-"))
    try:
        return _run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(work: Path) -> bool:
    loa = str(Path(sys.executable).with_name("loa"))
    env = {**os.environ, "LOA_TTS_ENGINE": "espeak", "LOA_HOME": str(work / "speak")}
    data_env = {**os.environ, "LOA_HOME": str(work / "data")}
    text = work / "article.txt"
    text.write_text("\n".join(article()) + "\n", encoding="utf-8")
    run([loa, "init", "--plan", str(PLAN)], data_env)
    spoken = work / "spoken.txt"
    spoken.write_text(subprocess.run([loa, "speech-text"], input=text.read_bytes(), capture_output=True,
                                     check=True, env=env).stdout.decode("utf-8"), encoding="utf-8")
    for name, falling in (("intro", False), ("outro", True)):  # Loa's default chimes, for the tutorial
        chime = (default_chime(RATE, descending=falling) * 32767).astype("<i2").tobytes()
        (work / f"{name}.wav").write_bytes(wav_bytes(chime, RATE))
    speak = [loa, "speak", "--file", str(text), "-o", str(work / "clip.mp3")]
    best: dict[str, float] = {}
    peak_mb, imported = 0.0, []
    for round_ in range(REPEAT):
        shutil.rmtree(work / "speak", ignore_errors=True)
        first, rss, _ = run(speak, env)
        peak_mb = max(peak_mb, rss)
        if round_ == 0:  # the same audio as plain PCM, for the encoder alone
            pcm = _ffmpeg.decode(work / "clip.mp3", RATE)
            (work / "speech.wav").write_bytes(wav_bytes((pcm.clip(-1, 1) * 32767).astype("<i2").tobytes(), RATE))
        again = run(speak, env)[0]
        if round_ == 0:  # which modules an unchanged re-render loads, from Python's import log
            log = run([sys.executable, "-X", "importtime", "-c", "from cli import main; main()", *speak[1:]],
                      env)[2]
            loaded = {line.rsplit("|", 1)[-1].strip() for line in log.splitlines() if line.startswith("import time")}
            imported = [module for module in AUDIO_STACK if module in loaded]
        listing = run([loa, "article", "list"], data_env)[0]
        encode = run(["sh", str(SCRIPTS / "encode_alone.sh"), _ffmpeg.executable(), str(work / "speech.wav"),
                      str(work / "alone.mp3")], env)[0]
        timings = {"first": first, "again": again, "list": listing, "encode": encode}
        if round_ < TUTORIAL_REPEAT:
            timings["tutorial"] = run([sys.executable, "-W", "ignore", str(SCRIPTS / "pydub_tutorial.py"), str(spoken),
                                       str(work / "intro.wav"), str(work / "outro.wav"), str(work / "tutorial.mp3")],
                                      env)[0]
        for key, seconds in timings.items():
            best[key] = min(best.get(key, float("inf")), seconds)
    print(f"loa speak, first render: {best['first']:.2f} s, peak memory {peak_mb:.0f} MB; "
          f"unchanged re-render: {best['again']:.2f} s (audio stack imported: {', '.join(imported) or 'none'})")
    print(f"loa article list: {best['list']:.2f} s; ffmpeg encoding the same audio alone: {best['encode']:.2f} s; "
          f"pydub tutorial script: {best['tutorial']:.2f} s")
    checks = [
        (best["again"] / best["list"], "<=", 1.3, "unchanged re-render / loa article list"),
        (best["first"] / best["encode"], "<=", 2.0, "first render / ffmpeg encode alone"),
        (best["tutorial"] / best["first"], ">=", 3.0, "pydub tutorial script / first render"),
        (peak_mb, "<", 150.0, "first render peak memory (MB)"),
    ]
    ok = not imported
    if imported:
        print(f"the unchanged re-render imported the audio stack ({', '.join(imported)}) MISSED")
    for value, op, target, label in checks:
        met = {"<=": value <= target, ">=": value >= target, "<": value < target}[op]
        ok = ok and met
        unit = "" if "MB" in label else "x"
        print(f"{label}: {value:.2f}{unit} (target {op} {target}{unit}) {'ok' if met else 'MISSED'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
