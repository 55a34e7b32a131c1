"""Scheduled quota reports for Sở Nội vụ: one commune's last complete period, as CSV, XLSX and HTML.
(No Prefect: the `loa-quota-report` flow in flows/reports_flow.py and `loa serve` call this.)"""

from __future__ import annotations

from pathlib import Path

from app.quotas.service import write_report
from app.runtime import Runtime
from schedules.periods import parse_period
from schedules.reporting import previous_period


def write_reports(rt: Runtime, period: str | None = None, kind: str = "month", code: str | None = None) -> list[Path]:
    now = rt.settings.clock()
    written = []
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        chosen = parse_period(period) if period else previous_period(kind, now, plan.tz)
        folder = rt.settings.dir("reports", chosen.label)
        for fmt in ("csv", "xlsx", "html"):
            output = folder / f"bao-cao-cchc-{commune.code}-{chosen.label}.{fmt}"
            written.append(write_report(session, commune, plan, chosen, fmt, output, now))
    return written
