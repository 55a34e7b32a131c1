"""Glue between storage's counting and schedules' quota arithmetic (no Prefect here).

A report over a period reads the rollup of its year once (storage.readonly.tally) instead of one query per
window; the quota rows and the report's other sheets are built from it. The quota rows take a Core
connection (a session's: `session.connection()`) and a mapped commune or a storage.readonly.communes.CommuneRow:
`loa quota status` reads them without importing the ORM.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from media.reports import Report, ReportItem, ReportQuota, ReportTopic
from schedules.periods import Period
from schedules.quota_view import QuotaView
from schedules.quotas import QuotaRow, evaluate
from storage.readonly.communes import CommuneRow
from storage.readonly.tally import Tally, tally

if TYPE_CHECKING:  # the ORM loads with the reports' queries, not with the quota rows; pydantic with the plan
    from sqlalchemy.orm import Session

    from schedules.plan import Plan
    from storage.models import Commune

REPORT_COLUMNS = ("unit", "channel", "period", "quota", "published", "met", "per", "source")


def quota_rows(db: Connection, commune: Commune | CommuneRow, plan: Plan | QuotaView,
               period: Period, now: datetime | None = None) -> list[QuotaRow]:
    """Every quota of the plan judged on its windows in `period`, counted from the rollup (one scan a year)."""
    view = plan if isinstance(plan, QuotaView) else plan.quota_view()
    tallies: dict[int, Tally] = {}

    def count(window: Period) -> dict[tuple[str, str], int]:
        if window.year not in tallies:
            tallies[window.year] = tally(db, commune_id=commune.id, year=window.year)
        return tallies[window.year].counts(window.first_month, window.months)

    return evaluate(view, period, count, now)


def quota_rows_per_window(session: Session, commune: Commune, plan: Plan, period: Period,
                          now: datetime | None = None) -> list[QuotaRow]:
    """The same rows with one COUNT(DISTINCT) query per window (the simple way; a cross-check)."""
    from storage.counting import published_counts  # maps the models: not imported with quota_rows

    def count(window: Period) -> dict[tuple[str, str], int]:
        start, end = window.utc_bounds(plan.tz)
        return published_counts(session, commune_id=commune.id, start=start, end=end)

    return evaluate(plan.quota_view(), period, count, now)


def report_data(session: Session, commune: Commune, plan: Plan, period: Period, now: datetime,
                max_items: int = 20000) -> Report:
    """Everything a quota report shows, as plain data for media.reports to render."""
    from schedules.languages import language_name
    from storage.counting import published_items, topic_coverage  # maps the models: not with quota_rows
    from storage.language_counts import language_counts

    start, end = period.utc_bounds(plan.tz)
    rows = quota_rows(session.connection(), commune, plan, period)
    counted = tally(session.connection(), commune_id=commune.id, year=period.year)
    items = published_items(session, commune_id=commune.id, start=start, end=end, limit=max_items + 1)
    coverage = topic_coverage(session, commune_id=commune.id, start=start, end=end)

    def local(moment: datetime) -> str:
        return moment.astimezone(plan.tz).strftime("%Y-%m-%d %H:%M")

    return Report(
        commune=plan.commune.code, commune_name=plan.commune.name, province=plan.commune.province,
        period=period.label, period_kind=period.kind, generated_at=local(now),
        units=[(u.code, u.name) for u in plan.units], channels=list(plan.channels),
        quotas=[ReportQuota(r.unit, r.channel, r.period, r.quota, r.published, r.met, r.per, r.source) for r in rows],
        counts=counted.counts(period.first_month, period.months),
        items=[ReportItem(local(i.published_at), i.unit, i.channel, i.title, i.topic, i.manual, i.recorded_by,
                          i.remote_id) for i in items[:max_items]],
        items_truncated=len(items) > max_items,
        topics=[ReportTopic(t.slug, t.name, t.source or "", coverage.get(t.slug, 0)) for t in plan.topics],
        languages=[(lang, language_name(lang)) for lang in plan.languages if lang != "vi"],
        language_counts=language_counts(session, commune_id=commune.id, start=start, end=end),
    )


def write_report(session: Session, commune: Commune, plan: Plan, period: Period, fmt: str, output: Path,
                 now: datetime, *, for_people: bool = False) -> Path:
    """Write one report (csv, json, xlsx or html) to `output`; returns it. `for_people` makes the CSV the
    Vietnamese one the desk hands out (the command line's CSV keeps its English columns for scripts)."""
    if fmt == "csv" and for_people:
        from media.reports.quota_csv import write_quota_csv

        return write_quota_csv(report_data(session, commune, plan, period, now), output)
    if fmt == "xlsx":
        from media.reports.xlsx import write_xlsx

        return write_xlsx(report_data(session, commune, plan, period, now), output)
    if fmt == "html":
        from media.reports.html import write_html

        return write_html(report_data(session, commune, plan, period, now), output)
    from media.files import write_atomic  # written whole or not at all (a full disk)

    rows = [r.as_dict() for r in quota_rows(session.connection(), commune, plan, period)]
    columns = list(REPORT_COLUMNS)
    others = [lang for lang in plan.languages if lang != "vi"]
    if others:  # bản tin tiếng dân tộc: one column per language, the row's unit ("*": the commune)
        from storage.language_counts import language_counts

        start, end = period.utc_bounds(plan.tz)
        counted = language_counts(session, commune_id=commune.id, start=start, end=end)
        columns += [f"lang_{lang}" for lang in others]
        for row in rows:
            for lang in others:
                row[f"lang_{lang}"] = sum(n for (unit, code), n in counted.items()
                                          if code == lang and row["unit"] in ("*", unit))
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        return write_atomic(output, (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    if fmt != "csv":
        raise ValueError(f"write_report cannot write {fmt!r}")
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return write_atomic(output, text.getvalue().encode("utf-8"))
