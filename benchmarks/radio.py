"""Radio benchmark: a 60-minute program joined from rendered clips, in a process of its own.

Four articles from the seed-plan corpus are rendered by the offline voice (espeak-ng, full
mastering) once; a 60-minute slot is filled by taking them in turn. The program build (intro,
clips with pauses, outro, tags, M3U, manifest) runs in a child process, so its peak memory is
that process's own (ru_maxrss from wait4), imports included. Compared with ffmpeg's concat demuxer
joining the same pieces with `-c copy` alone, also in its own process. Best of 3, interleaved.
Targets: built in under 10 s, peak under 150 MB.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.normalizer import corpus_sentences
from media.radio.mp3frames import scan

ROOT = Path(__file__).resolve().parent.parent
SLOT_S = 3600.0
REPEAT = 3
TIME_TARGET_S, MEMORY_TARGET_MB = 10.0, 150.0

_CHILD = """
import json, sys, time
from pathlib import Path
from media.radio.parts import program_parts
from media.radio.program import ProgramItem, build_program
from media.radio.settings import MasteringSettings
job = json.loads(sys.argv[1])
started = time.perf_counter()
parts = program_parts(Path(job["parts"]), MasteringSettings())
items = [ProgramItem(Path(p), f"Tin {i + 1}", f"pub:{i + 1}") for i, p in enumerate(job["clips"])]
program = build_program(items, title="Chuyên mục một giờ", slot_s=job["slot_s"], out_dir=Path(job["out"]), parts=parts)
print(json.dumps({"seconds": time.perf_counter() - started, "duration_s": program.duration_s,
                  "items": len(program.entries), "left_over": len(program.left_over)}))
"""


_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "wall": wall, "peak_kb": peak_kb, "out": done.stdout.decode(),
                  "err": done.stderr.decode(errors="replace")[-300:]}))
"""


def run_measured(command: list[str]) -> tuple[str, float, float]:
    """stdout, wall seconds and peak resident memory (MB) of one process, imports included.

    It is started by a small fresh Python (-S -E) that reads its RUSAGE_CHILDREN: on Linux a child's
    ru_maxrss starts from its parent's size at fork, and this benchmark's own process is large.
    """
    launcher = subprocess.run([sys.executable, "-S", "-E", "-c", _MEASURE, *command], capture_output=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    report = json.loads(launcher.stdout)
    if report["code"] != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed: {report['err']}")
    return report["out"], report["wall"], report["peak_kb"] / 1024


def render_clips(work: Path) -> list[Path]:
    from media.radio.settings import MasteringSettings
    from media.speech.chunking import clean
    from media.speech.render import VoiceSettings, render_clip

    sentences = [clean(s.replace("#", " ").replace("*", " ")) for s in corpus_sentences()]
    sentences = [s for s in sentences if len(s) > 80]
    clips = []
    for n in range(4):  # four different articles of ~3 minutes each
        paragraphs = sentences[n::4][:28]
        clip = render_clip(paragraphs, voice=VoiceSettings(engine="espeak"), mastering=MasteringSettings(),
                           cache_dir=work / "cache", out_dir=work / "media", tags={"title": f"Bài {n + 1}"})
        clips.append(clip.path)
    return clips


def main() -> bool:
    work = Path(tempfile.mkdtemp(prefix="loa-bench-radio-"))
    try:
        return _run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(work: Path) -> bool:
    from media.radio import _ffmpeg
    from media.radio.parts import program_parts
    from media.radio.settings import MasteringSettings

    clips = render_clips(work)
    lengths = [scan(c.read_bytes()).duration_s for c in clips]
    parts = program_parts(work / "parts", MasteringSettings())
    room = SLOT_S - parts.intro.duration_s - parts.outro.duration_s
    chosen: list[Path] = []
    used = 0.0
    while True:
        nxt = clips[len(chosen) % len(clips)]
        extra = lengths[len(chosen) % len(clips)] + (parts.pause.duration_s if chosen else 0.0)
        if used + extra > room:
            break
        chosen.append(nxt)
        used += extra
    job = {"parts": str(work / "parts"), "clips": [str(c) for c in chosen], "slot_s": SLOT_S, "out": str(work / "p")}
    pieces = [parts.intro.path] + [x for c in chosen for x in (parts.pause.path, c)][1:] + [parts.outro.path]
    listing = work / "concat.txt"
    listing.write_text("".join(f"file '{p}'\n" for p in pieces), encoding="utf-8")
    concat = [_ffmpeg.executable(), "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy",
              "-map_metadata", "-1", str(work / "concat.mp3")]
    ours, theirs = [], []
    for _ in range(REPEAT):
        out, wall, peak = run_measured([sys.executable, "-c", _CHILD, json.dumps(job)])
        ours.append((json.loads(out), wall, peak))
        theirs.append(run_measured(concat)[1:])
    result = ours[0][0]
    build_s = min(r["seconds"] for r, _, _ in ours)
    process_s = min(w for _, w, _ in ours)
    peak_mb = max(p for _, _, p in ours)
    ffmpeg_s = min(w for w, _ in theirs)
    ffmpeg_mb = max(p for _, p in theirs)
    joined = scan((work / "p" / "program.mp3").read_bytes()).duration_s
    reference = scan((work / "concat.mp3").read_bytes()).duration_s
    print(f"program: {result['items']} rendered clips ({len(clips)} articles of {min(lengths) / 60:.1f}-"
          f"{max(lengths) / 60:.1f} min) in a 60-minute slot: {joined / 60:.1f} min, "
          f"{(work / 'p' / 'program.mp3').stat().st_size / 1e6:.1f} MB (ffmpeg's join: {reference / 60:.1f} min)")
    print(f"build: {build_s:.2f} s in the process ({process_s:.2f} s with Python start-up and imports); "
          f"peak {peak_mb:.0f} MB (the whole process, ru_maxrss)")
    print(f"ffmpeg concat demuxer -c copy of the same pieces alone: {ffmpeg_s:.2f} s, peak {ffmpeg_mb:.0f} MB")
    print(f"build / ffmpeg concat: {build_s / ffmpeg_s:.2f}x (whole process: {process_s / ffmpeg_s:.2f}x)")
    checks = [(process_s < TIME_TARGET_S, f"60-minute program in {process_s:.2f} s (target < {TIME_TARGET_S:g} s)"),
              (peak_mb < MEMORY_TARGET_MB, f"peak {peak_mb:.0f} MB (target < {MEMORY_TARGET_MB:g} MB)"),
              (abs(joined - reference) < 1.0 and joined <= SLOT_S, "as long as ffmpeg's join, within the slot")]
    for met, label in checks:
        print(f"{label}: {'ok' if met else 'MISSED'}")
    return all(met for met, _ in checks)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
