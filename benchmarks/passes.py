"""Publish-pass benchmark: the embedded mode's cost when nothing is due, and a province's many communes.

- `loa publish` with nothing due, on embedded defaults (no Prefect API), against `loa article list` on
  the same home (a commune with 20 published articles), each in its own process (wall time and peak
  resident memory, imports included), best of 5, interleaved. Targets: at most 3× and under 150 MB.
- a dispatcher pass over 100 communes with nothing due, `loa publish` in its own process. Target < 10 s.
- approval to audio and feed item through a Prefect server with two workers: measured by the
  end-to-end test (tests/flows/test_prefect_server.py, which starts PostgreSQL, the server and the
  workers); printed here as last measured, with its date. Target < 30 s.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.radio import run_measured

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "schedules" / "plans" / "phu-khuong.yaml"
LOA = str(Path(sys.executable).parent / "loa")
LATENCY_FILE = ROOT / "var" / "bench" / "prefect-latency.json"
REPEAT = 5
RATIO_TARGET, MEMORY_TARGET_MB, COMMUNES, COMMUNES_TARGET_S, LATENCY_TARGET_S = 3.0, 150.0, 100, 10.0, 30.0
BODY = "Người dân có thể nộp hồ sơ trực tuyến tại Cổng dịch vụ công quốc gia, không phải đến trụ sở phường."


@contextmanager
def environment(**values: str):  # type: ignore[no-untyped-def]
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    for name in ("PREFECT_API_URL", "LOA_COMMUNE", "LOA_DATABASE_URL"):
        os.environ.pop(name, None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def load(home: Path, communes: int, articles: int) -> None:
    """`communes` plans in one database and `articles` approved articles in the first, published once."""
    from app.articles.editorial import add_article, approve_article, submit_article
    from app.pipeline.dispatch import dispatcher_pass
    from app.pipeline.steps import in_process
    from app.runtime import Runtime
    from app.settings import Settings
    from schedules.plan import load_plan
    from storage import migrate, plans

    rt = Runtime(Settings())
    migrate.upgrade(rt.engine)
    text = PLAN.read_text(encoding="utf-8")
    now = rt.settings.clock()
    with rt.tx() as session:
        for n in range(communes):
            yaml = text if n == 0 else text.replace("code: phu-khuong", f"code: xa-{n:03d}")
            path = home / f"plan-{n}.yaml"
            path.write_text(yaml, encoding="utf-8")
            plans.apply_plan(session, plan=load_plan(path), plan_yaml=yaml, now=now, actor="bench")
    for i in range(articles):
        with rt.tx() as session:
            commune, plan = rt.plan(session, "phu-khuong")
            article = add_article(session, commune=commune, plan=plan, unit="vhxh", author="lan", title=f"Tin {i}",
                                  body=BODY, channels=["web", "facebook"], now=now)
            submit_article(session, commune=commune, article_id=article.id, by=None, now=now)
            approve_article(session, commune=commune, article_id=article.id, by="ngan", now=now)
    summary = dispatcher_pass(rt, in_process)
    assert not summary.failed, summary.failed
    rt.engine.dispose()


def noop_ratio(work: Path) -> bool:
    home = work / "one"
    with environment(LOA_HOME=str(home), LOA_NOW="2026-03-02T08:00:00+07:00", LOA_TTS_ENGINE="espeak"):
        home.mkdir()
        load(home, 1, 20)
        lists, passes = [], []
        for _ in range(REPEAT):
            lists.append(run_measured([LOA, "article", "list"])[1:])
            out, wall, peak = run_measured([LOA, "publish"])
            assert "nothing due" in out, out
            passes.append((wall, peak))
    list_s, publish_s = min(w for w, _ in lists), min(w for w, _ in passes)
    peak = max(p for _, p in passes)
    ratio = publish_s / list_s
    ok = ratio <= RATIO_TARGET and peak < MEMORY_TARGET_MB
    print(f"embedded `loa publish`, nothing due: {publish_s:.2f} s vs `loa article list` {list_s:.2f} s = "
          f"{ratio:.1f}x (target <= {RATIO_TARGET:.0f}x), peak {peak:.0f} MB (target < {MEMORY_TARGET_MB:.0f} MB; "
          f"`article list` {max(p for _, p in lists):.0f} MB), best of {REPEAT}: {'met' if ok else 'MISSED'}")
    return ok


def many_communes(work: Path) -> bool:
    home = work / "many"
    with environment(LOA_HOME=str(home), LOA_NOW="2026-03-02T08:00:00+07:00", LOA_TTS_ENGINE="espeak"):
        home.mkdir()
        began = time.perf_counter()
        load(home, COMMUNES, 0)
        loaded = time.perf_counter() - began
        runs = [run_measured([LOA, "publish"]) for _ in range(3)]
    assert all(f"nothing due in {COMMUNES} commune(s)" in out for out, _, _ in runs), runs[0][0]
    best = min(wall for _, wall, _ in runs)
    ok = best < COMMUNES_TARGET_S
    print(f"dispatcher pass over {COMMUNES} communes, nothing due (`loa publish`, its own process): {best:.2f} s, "
          f"peak {max(p for _, _, p in runs):.0f} MB (target < {COMMUNES_TARGET_S:.0f} s; loading the plans took "
          f"{loaded:.1f} s): {'met' if ok else 'MISSED'}")
    return ok


def approval_latency() -> bool:
    try:
        last = json.loads(LATENCY_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print("approval to audio and feed through Prefect: not measured on this machine yet; run "
              "`.venv/bin/python -m pytest -s tests/flows/test_prefect_server.py` (target < 30 s)")
        return True
    worst = max(last["seconds"].values())
    ok = worst < LATENCY_TARGET_S
    print(f"approval to audio and feed through Prefect ({last['workers']} workers, poll {last['poll_s']} s), as last "
          f"measured by tests/flows/test_prefect_server.py on {last['measured_at']}, not in this run: "
          + ", ".join(f"{c} {s:.1f} s" for c, s in last["seconds"].items())
          + f" (target < {LATENCY_TARGET_S:.0f} s): {'met' if ok else 'MISSED'}")
    return ok


def main() -> bool:
    with tempfile.TemporaryDirectory(prefix="loa-bench-passes-") as tmp:
        work = Path(tmp)
        results = [noop_ratio(work), many_communes(work)]
    return all([*results, approval_latency()])


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
