"""A province-sized year: 650 units, 1,000,000 publications; the yearly quota report on SQLite and PostgreSQL.

Target: the yearly report (every quota row of the year: 12 monthly windows and the year, commune-wide and
for each of the 650 units) in under 1 s on each database. The naive way (load the publications as ORM
objects and count in Python) is timed on a sample and extrapolated to the whole year, as printed.
PostgreSQL: LOA_BENCH_PG_URL (an empty database) or a throwaway server started like the tests do.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select, text

from app.quotas.service import quota_rows
from schedules.periods import parse_period
from schedules.plan import parse_plan
from storage import counting, migrate, plans
from storage.db import make_engine, session_factory, transaction
from storage.models import Publication

UNITS, PUBLICATIONS, TARGET_S, NAIVE_SAMPLE = 650, 1_000_000, 1.0, 50_000
CHANNELS = ["radio", "web", "facebook", "zalo", "board"]
YEAR_START = datetime(2025, 12, 31, 17, 0)  # 1 January 2026 00:00 in Hà Nội, as naive UTC
NOW = datetime(2027, 1, 5, tzinfo=UTC)


def plan_yaml() -> str:
    units = "\n".join(f"  - {{code: u{i:03d}, name: Đơn vị {i}}}" for i in range(1, UNITS + 1))
    return f"""commune: {{code: tinh, name: Tỉnh mẫu, province: Mẫu, timezone: Asia/Ho_Chi_Minh}}
units:
{units}
people:
  - {{name: lan, full_name: Nguyễn Thị Lan, unit: u001, roles: [editor]}}
channels: [{", ".join(CHANNELS)}]
quotas:
  - {{channel: radio, scope: commune, per: month, min: 2}}
  - {{channel: web, scope: commune, per: year, min: 12}}
  - {{channel: web, scope: each-unit, per: month, min: 1}}
  - {{channel: facebook, scope: each-unit, per: quarter, min: 3}}
"""


def rows(commune_id: int, unit_ids: list[int], person_id: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Articles, versions and publications: ~2.5 channels per article, some re-sent or recorded by hand."""
    rng = random.Random(2026)
    articles, versions, pubs = [], [], []
    year_s = 365 * 86400
    article_id = pub_id = 0
    while pub_id < PUBLICATIONS:
        article_id += 1
        unit = rng.choice(unit_ids)
        at = YEAR_START + timedelta(seconds=rng.randrange(year_s))
        articles.append((article_id, commune_id, unit, person_id, "approved", "normal", "vi", "radio,web", at, at))
        versions.append((article_id, article_id, 1, f"Tin {article_id}", "…", f"{article_id:064d}", at, at))
        for channel in rng.sample(CHANNELS, rng.choice((1, 2, 3, 4))):
            sent = at + timedelta(hours=rng.randrange(24 * 40))  # sometimes in the next month
            pub_id += 1
            manual = channel == "board"
            pubs.append((pub_id, commune_id, article_id, article_id, unit, channel, "published", 1, manual,
                         person_id if manual else None, sent, at, at))
            if pub_id >= PUBLICATIONS:
                break
    return articles, versions, pubs


ART_COLS = "id, commune_id, unit_id, author_id, status, priority, language, channels, created_at, updated_at"
VER_COLS = "id, article_id, number, title, body, content_hash, created_at, approved_at"
PUB_COLS = ("id, commune_id, article_id, article_version_id, unit_id, channel, status, attempts, manual, "
            "recorded_by_id, published_at, created_at, updated_at")


def bulk_load(engine: Engine, data: tuple[list[tuple], list[tuple], list[tuple]]) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for table, cols, values in zip(("article", "article_version", "publication"), (ART_COLS, VER_COLS, PUB_COLS),
                                       data, strict=True):
            if engine.dialect.name == "postgresql":
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for row in values:
                        copy.write_row(row)
            else:  # the driver is in autocommit (storage.db issues BEGIN itself): one transaction, not a million
                cur.execute("BEGIN")
                marks = ", ".join("?" * len(cols.split(",")))
                cur.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                                [tuple(_sqlite(v) for v in row) for row in values])
                cur.execute("COMMIT")
        raw.commit()
    finally:
        raw.close()


def analyze(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":  # also sets the visibility map for index-only scans
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def _sqlite(value: object) -> object:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def naive_rate(factory, commune_id: int, tz) -> float:  # type: ignore[no-untyped-def]
    """Seconds per publication of the naive way: ORM objects, local month in Python, sets per window."""
    start = time.perf_counter()
    seen: dict[tuple, set[int]] = defaultdict(set)
    with factory() as s:
        query = (select(Publication).where(Publication.commune_id == commune_id, Publication.status == "published")
                 .order_by(Publication.id).limit(NAIVE_SAMPLE))
        for pub in s.scalars(query):
            local = pub.published_at.astimezone(tz)
            code = pub.article.unit.code  # the lazy loads a naive loop does
            for window in (f"{local.year}-{local.month:02d}", f"{local.year}-Q{(local.month - 1) // 3 + 1}",
                           str(local.year)):
                seen[(code, pub.channel, window)].add(pub.article_id)
    return (time.perf_counter() - start) / NAIVE_SAMPLE


def run(label: str, url: str) -> bool:
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = session_factory(engine)
    text_plan = plan_yaml()
    plan = parse_plan(text_plan)
    with transaction(factory) as s:
        commune = plans.apply_plan(s, plan=plan, plan_yaml=text_plan, now=NOW, actor="bench")
        commune_id = commune.id
        unit_ids = [u.id for u in commune.units]
        person_id = s.execute(text("SELECT id FROM person")).scalar_one()
    t0 = time.perf_counter()
    data = rows(commune_id, unit_ids, person_id)
    t1 = time.perf_counter()
    bulk_load(engine, data)
    t2 = time.perf_counter()
    with transaction(factory) as s:  # the rows went in behind the application's back: rebuild its rollup
        masks = counting.rebuild_masks(s, commune_id=commune_id, tz=plan.tz)
    t3 = time.perf_counter()
    print(f"{label}: built {len(data[2]):,} publications of {len(data[0]):,} articles in {t1 - t0:.1f} s, "
          f"loaded in {t2 - t1:.1f} s, rollup of {masks:,} rows rebuilt in {t3 - t2:.1f} s "
          "(in use the application keeps it as it publishes)")
    analyze(engine)
    year = parse_period("2026")
    best = float("inf")
    for _ in range(3):
        with factory() as s:
            commune = plans.get_commune(s)
            start = time.perf_counter()
            report = quota_rows(s, commune, plan, year)
            best = min(best, time.perf_counter() - start)
    naive = naive_rate(factory, commune_id, plan.tz) * PUBLICATIONS
    ok = best < TARGET_S
    print(f"{label}: yearly report, {len(report):,} quota rows, in {best:.3f} s (target < {TARGET_S:.0f} s: "
          f"{'met' if ok else 'MISSED'}); naive ORM loop ~{naive:.1f} s (timed on {NAIVE_SAMPLE:,} publications, "
          f"extrapolated to {PUBLICATIONS:,}): {naive / best:.0f}x faster")
    engine.dispose()
    return ok


@contextmanager
def postgres() -> Iterator[str]:
    given = os.environ.get("LOA_BENCH_PG_URL")
    if given:
        yield given
        return
    from tests.pg import start_server, stop_server

    server = start_server()
    try:
        server.admin("CREATE DATABASE loa_bench")
        yield server.url("loa_bench")
    finally:
        stop_server(server)


def main() -> bool:
    with tempfile.TemporaryDirectory(prefix="loa-bench-") as tmp:
        ok = run("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")
    try:
        with postgres() as url:
            ok = run("postgresql", url) and ok
    except RuntimeError as exc:
        print(f"postgresql: not measured ({exc})")
        ok = False
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
