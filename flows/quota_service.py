"""Glue between storage's counting and schedules' quota arithmetic (no Prefect here).

A report over a period asks one grouped query (storage.counting.tally, bucketed by local month)
instead of one query per window; the quota rows and the report's other sheets are built from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from schedules.periods import Period, parse_period, quota_windows
from schedules.plan import Plan
from schedules.quotas import QuotaRow, evaluate
from storage.counting import Item, published_counts, published_items, tally, topic_coverage
from storage.models import Commune


def month_bounds(plan: Plan, windows: list[Period]) -> list[datetime]:
    """UTC instants of the local month starts covering every window, first to last."""
    first = min(windows, key=lambda w: (w.year, w.first_month))
    last = max(windows, key=lambda w: (w.year, w.first_month + w.months))
    year, month = first.year, first.first_month
    end = last.utc_bounds(plan.tz)[1]
    bounds = []
    while True:
        start = parse_period(f"{year}-{month:02d}").utc_bounds(plan.tz)[0]
        bounds.append(start)
        if start >= end:
            return bounds
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def quota_rows(session: Session, commune: Commune, plan: Plan, period: Period,
               now: datetime | None = None) -> list[QuotaRow]:
    """Every quota of the plan judged on its windows in `period`, counted with one query."""
    windows = [w for q in plan.quotas for w in quota_windows(period, q.per)]
    if not windows:
        return []
    counted = tally(session, commune_id=commune.id, bounds=month_bounds(plan, windows))

    def count(window: Period) -> dict[tuple[str, str], int]:
        return counted.counts(*window.utc_bounds(plan.tz))

    return evaluate(plan, period, count, now)


def quota_rows_per_window(session: Session, commune: Commune, plan: Plan, period: Period,
                          now: datetime | None = None) -> list[QuotaRow]:
    """The same rows with one COUNT(DISTINCT) query per window (the simple way; a cross-check)."""
    def count(window: Period) -> dict[tuple[str, str], int]:
        start, end = window.utc_bounds(plan.tz)
        return published_counts(session, commune_id=commune.id, start=start, end=end)

    return evaluate(plan, period, count, now)


@dataclass(frozen=True)
class ReportData:
    """Everything a quota report shows, as plain data for media.reports to render."""

    commune: str
    commune_name: str
    province: str
    period: str
    generated_at: datetime
    timezone: str
    units: list[tuple[str, str]]  # (code, name)
    channels: list[str]
    rows: list[QuotaRow]
    items: list[Item]
    items_truncated: bool  # more than max_items were published: the list shows the first ones
    counts: dict[tuple[str, str], int]  # (unit, channel) -> distinct articles in the period
    topics: list[tuple[str, str, str, int]]  # (slug, name, source, distinct articles)


def report_data(session: Session, commune: Commune, plan: Plan, period: Period, now: datetime,
                max_items: int = 20000) -> ReportData:
    start, end = period.utc_bounds(plan.tz)
    rows = quota_rows(session, commune, plan, period)
    counted = tally(session, commune_id=commune.id, bounds=month_bounds(plan, [period]))
    items = published_items(session, commune_id=commune.id, start=start, end=end, limit=max_items + 1)
    coverage = topic_coverage(session, commune_id=commune.id, start=start, end=end)
    truncated = len(items) > max_items
    return ReportData(
        commune=plan.commune.code, commune_name=plan.commune.name, province=plan.commune.province,
        period=period.label, generated_at=now, timezone=plan.commune.timezone,
        units=[(u.code, u.name) for u in plan.units], channels=list(plan.channels), rows=rows,
        items=items[:max_items], items_truncated=truncated, counts=counted.counts(start, end),
        topics=[(t.slug, t.name, t.source or "", coverage.get(t.slug, 0)) for t in plan.topics],
    )
