"""The `loa-quota-report` flow: every commune's report of the last complete month, quarter, half or year
(app.quotas.reports), for Sở Nội vụ."""

from __future__ import annotations

from prefect import flow

from app.pipeline import jobs
from app.pipeline.failures import ALERTED, prefect_hook
from app.runtime import Runtime
from app.settings import Settings


@flow(name="loa-quota-report", on_failure=[prefect_hook], on_crashed=[prefect_hook])
def quota_report(period: str | None = None, kind: str = "month") -> list[str]:
    """The report of `period`, or of the last complete month/quarter/half/year (`kind`)."""
    rt = Runtime(Settings())
    with rt.tx() as session:
        codes = rt.commune_codes(session)
    return jobs.finish(jobs.quota_report(rt, codes, period, kind), ALERTED)
