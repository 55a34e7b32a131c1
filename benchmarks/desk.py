"""The desk with 10,000 articles and 100,000 publications: the home page ("Việc cần làm"), the review queue,
the calendar, the quota page and the publications, median server time (Server-Timing) beside the same page
on an empty database; and every page's weight with its CSS and JS. Targets (issue 21): < 100 ms median,
< 150 KB a page."""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

with warnings.catch_warnings():  # starlette's note about httpx: the in-process client still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from app.settings import Settings
from benchmarks.reports import analyze, bulk_load
from desk.app import create_app
from schedules.plan import load_plan
from storage import accounts, counting, migrate, plans
from storage.db import make_engine, session_factory, transaction
from storage.models import Publication, RadioOccurrence

PLAN = Path(__file__).resolve().parent.parent / "schedules" / "plans" / "phu-khuong.yaml"
ARTICLES, PER_ARTICLE, SUBMITTED = 10_000, 10, 300
NOW = datetime.fromisoformat("2026-03-20T09:00:00+07:00")
TARGET_MS, TARGET_KB, RUNS = 100.0, 150.0, 15
TIMED = {"home": "/", "queue": "/duyet", "calendar": "/lich?thang=2026-03", "quotas": "/chi-tieu",
         "posts": "/dang-tai"}
PASSWORD = "bench-lanh-dao-1"


def _rows(commune_id: int, unit_ids: list[int], author_id: int) -> tuple[list, list, list]:
    rng = random.Random(7)
    start = datetime(2025, 12, 31, 17, 0)  # 1 January 2026, local, as naive UTC
    arts, vers, pubs = [], [], []
    pub_id = 0
    for a in range(1, ARTICLES + 1):
        at = start + timedelta(seconds=rng.randrange(78 * 86400))  # to mid-March
        status = "submitted" if a > ARTICLES - SUBMITTED else "approved"
        unit = rng.choice(unit_ids)
        arts.append((a, commune_id, unit, author_id, status, "normal", "vi", "radio,web,facebook,zalo,board", at, at))
        for n in (1, 2):
            vid = 2 * a - 2 + n
            vers.append((vid, a, n, f"Tin cải cách hành chính số {a} ({n})", "Nội dung…", f"{vid:064d}", at,
                         at if status == "approved" else None))
            for channel in ("radio", "web", "facebook", "zalo", "board"):
                pub_id += 1
                sent = at + timedelta(hours=rng.randrange(1, 96))
                state = "published" if sent < datetime(2026, 3, 15) else rng.choice(("scheduled", "failed"))
                manual = channel == "board"
                pubs.append((pub_id, commune_id, a, vid, unit, channel, state, 1, manual,
                             author_id if manual else None, sent if state == "published" else None, at, at))
    return arts, vers, pubs


def build(home: Path, full: bool) -> None:
    settings = Settings(home=home, now=NOW)
    engine = make_engine(settings.db_url)
    migrate.upgrade(engine)
    factory = session_factory(engine)
    with transaction(factory) as s:
        plan = load_plan(PLAN)
        commune = plans.apply_plan(s, plan=plan, plan_yaml=PLAN.read_text(encoding="utf-8"), now=NOW, actor="bench")
        commune_id, unit_ids = commune.id, [u.id for u in commune.units]
        ngan = plans.get_person(s, commune, "ngan")
        accounts.set_password(s, person=ngan, password=PASSWORD, now=NOW, actor="bench")
        author = plans.get_person(s, commune, "lan").id
    if full:
        bulk_load(engine, _rows(commune_id, unit_ids, author))
        with transaction(factory) as s:
            counting.rebuild_masks(s, commune_id=commune_id, tz=plan.tz)
            for day, first in ((12, 1), (26, 2001)):
                occ = RadioOccurrence(commune_id=commune_id, slot_slug="cchc", starts_at=datetime(2026, 3, day, 10,
                                      tzinfo=UTC), minutes=15, status="delivered", updated_at=NOW)
                s.add(occ)
                s.flush()
                for pub in s.query(Publication).filter(Publication.channel == "radio", Publication.id >= first * 5)\
                        .limit(6):
                    pub.occurrence_id = occ.id
        analyze(engine)
    engine.dispose()


def measure(home: Path) -> tuple[dict[str, float], dict[str, float]]:
    app = create_app(Settings(home=home, now=NOW))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        page = client.get("/dang-nhap").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]
        client.post("/dang-nhap", data={"csrf": csrf, "ten": "ngan", "mat_khau": PASSWORD})
        times = {}
        for name, path in TIMED.items():
            samples = []
            for _ in range(RUNS):
                r = client.get(path)
                assert r.status_code == 200, (path, r.status_code)
                samples.append(float(r.headers["server-timing"].split("dur=")[1]))
            times[name] = statistics.median(samples)
        assets = {n: len(a.body) for n, a in app.state.desk.assets.items()}
        weights = {}
        for path in ("/", "/dang-nhap", "/bai-viet", "/bai-viet/moi", "/bai-viet/1", "/duyet", f"/duyet/{ARTICLES}",
                     "/lich?thang=2026-03", "/chi-tieu", "/chi-tieu?ky=2026", "/dang-tai", "/dang-tai?loi=1"):
            r = client.get(path)
            if r.status_code == 200:
                weights[path] = (len(r.content) + sum(assets.values())) / 1024
    return times, weights


def main() -> bool:
    with tempfile.TemporaryDirectory(prefix="loa-bench-desk-") as tmp:
        empty, full = Path(tmp) / "empty", Path(tmp) / "full"
        build(empty, full=False)
        build(full, full=True)
        empty_times, _ = measure(empty)
        full_times, weights = measure(full)
    ok = True
    print(f"desk pages, median server time of {RUNS} requests ({ARTICLES:,} articles, "
          f"{ARTICLES * PER_ARTICLE:,} publications vs an empty database; target < {TARGET_MS:.0f} ms):")
    for name in TIMED:
        met = full_times[name] < TARGET_MS
        ok &= met
        print(f"  {name:9s} {full_times[name]:7.1f} ms   empty {empty_times[name]:6.1f} ms   "
              f"x{full_times[name] / max(empty_times[name], 0.01):4.1f}   {'met' if met else 'MISSED'}")
    heaviest = max(weights.values())
    ok &= heaviest < TARGET_KB
    print(f"page weight with CSS and JS (target < {TARGET_KB:.0f} KB): heaviest {heaviest:.1f} KB "
          f"({max(weights, key=weights.get)}), lightest {min(weights.values()):.1f} KB   "
          f"{'met' if heaviest < TARGET_KB else 'MISSED'}")
    return ok


if __name__ == "__main__":
    main()
