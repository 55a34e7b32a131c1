"""Scheduled quota reports for Sở Nội vụ: the last complete period, as CSV, XLSX and HTML."""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from flows.quota_service import write_report
from flows.runtime import Runtime
from flows.settings import Settings
from schedules.periods import parse_period
from schedules.reporting import previous_period


def write_reports(rt: Runtime, period: str | None = None, kind: str = "month") -> list[Path]:
    now = rt.settings.clock()
    written = []
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        chosen = parse_period(period) if period else previous_period(kind, now, plan.tz)
        folder = rt.settings.dir("reports", chosen.label)
        for fmt in ("csv", "xlsx", "html"):
            output = folder / f"bao-cao-cchc-{commune.code}-{chosen.label}.{fmt}"
            written.append(write_report(session, commune, plan, chosen, fmt, output, now))
    return written


@flow(name="loa-quota-report")
def quota_report(period: str | None = None, kind: str = "month") -> list[str]:
    """The report of `period`, or of the last complete month/quarter/half/year (`kind`)."""
    return [str(p) for p in write_reports(Runtime(Settings()), period, kind)]
