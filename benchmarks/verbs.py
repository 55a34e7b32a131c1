"""The data verbs as a user runs them: `loa article list`, `loa quota status`, `loa speech-text`, each in
its own process, against `python -c "import sqlalchemy.orm"` in the same environment (the floor any
verb that reads the database pays). Best of 7, interleaved, so that load on the shared machine falls on
all alike. Target: each verb at most 1.5x the yardstick.

Also printed: bare Python, the floor of any process, to show how much of each verb is start-up.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.passes import environment, load
from benchmarks.radio import run_measured

LOA = str(Path(sys.executable).parent / "loa")
REPEAT, TARGET = 7, 1.5
TEXT = "Theo Quyết định số 25b/QĐ-UBND ngày 14/9/2026, UBND xã tiếp công dân từ 7h30 đến 11h, ĐT 0203.3851.234."
VERBS = {
    "article list": [LOA, "article", "list"],
    "quota status": [LOA, "quota", "status"],
}


def main() -> bool:
    with tempfile.TemporaryDirectory(prefix="loa-bench-verbs-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        with environment(LOA_HOME=str(home), LOA_NOW="2026-03-02T08:00:00+07:00", LOA_TTS_ENGINE="espeak"):
            load(home, 1, 20)
            (home / "bai.txt").write_text(TEXT, encoding="utf-8")  # stdin through sh's exec: no extra process
            VERBS["speech-text"] = ["sh", "-c", f'exec "{LOA}" speech-text < "{home / "bai.txt"}"']
            times: dict[str, list[float]] = {"import sqlalchemy.orm": [], "bare python": [],
                                             **{name: [] for name in VERBS}}
            for _ in range(REPEAT):
                times["import sqlalchemy.orm"].append(
                    run_measured([sys.executable, "-c", "import sqlalchemy.orm"])[1])
                times["bare python"].append(run_measured([sys.executable, "-c", "pass"])[1])
                for name, command in VERBS.items():
                    times[name].append(run_measured(command)[1])
    floor, bare = min(times.pop("import sqlalchemy.orm")), min(times.pop("bare python"))
    ok = True
    print(f"`python -c \"import sqlalchemy.orm\"`: {floor:.3f} s; bare python: {bare:.3f} s "
          f"(best of {REPEAT}, cpus={os.cpu_count()})")
    for name, runs in times.items():
        ratio = min(runs) / floor
        met = ratio <= TARGET
        ok &= met
        print(f"  loa {name:<13} {min(runs):.3f} s = {ratio:.2f}x (target <= {TARGET}x) {'met' if met else 'MISSED'}; "
              f"{min(runs) - bare:.3f} s above bare python")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
