"""The vertical video of a 60-second part (1080×1920, captions, progress bar), rendered in its own process.

Target (issue 24): ≤ 2× the part's length in wall time on 2 cores, < 300 MB peak memory (max RSS of the
process and of ffmpeg, the larger counted). The clip is a minute of speech-like noise; the part has 15
captions of ~60 characters, as a minute of an article does. Best of three runs, each on a fresh folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.speak import run
from media.radio import _ffmpeg

SECONDS = 60.0
REPEAT = 3
_RENDER = """import sys
from pathlib import Path
from media.video.captions import Cue
from media.video.parts import Part
from media.video.vertical import Frame, render_part
cues = tuple(Cue(i * 4.0, i * 4.0 + 3.7, f"Câu {i}: người dân nộp hồ sơ 76/NQ-CP ngày 15/7 tại Bộ phận Một cửa")
             for i in range(15))
render_part(Frame("Phường Phú Khương", "Nộp hồ sơ trực tuyến, giảm 50% lệ phí"), Part(1, 2, 0.0, 60.0, cues),
            Path(sys.argv[1]), Path(sys.argv[2]))
"""


def main() -> bool:
    work = Path(tempfile.mkdtemp(prefix="loa-bench-video-"))
    clip = work / "clip.mp3"
    _ffmpeg.run(["-y", "-f", "lavfi", "-i", f"anoisesrc=d={SECONDS}:c=pink:a=0.2", "-ac", "1", "-ar", "44100",
                 "-c:a", "libmp3lame", "-b:a", "64k", str(clip)])
    best_s, best_mb = float("inf"), float("inf")
    for n in range(REPEAT):
        seconds, mb, _ = run([sys.executable, "-c", _RENDER, str(clip), str(work / f"out{n}")], env=dict(os.environ))
        best_s, best_mb = min(best_s, seconds), min(best_mb, mb)
    shutil.rmtree(work, ignore_errors=True)
    ratio = best_s / SECONDS
    ok = ratio <= 2.0 and best_mb < 300
    print(f"a 60-s vertical part: {best_s:.1f} s ({ratio:.2f}× its length, target ≤ 2×), {best_mb:.0f} MB peak "
          f"(target < 300 MB){'' if ok else '  MISSED'}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
